package io.dakehu.dataimport;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.account.AccountDetails;
import io.dakehu.account.AccountInput;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.account.AccountService;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import jakarta.validation.Validator;

/**
 * Accounts with their hierarchy. A parent may be an account already stored or one
 * anywhere in the same file, before or after its subsidiaries; the hierarchy is linked
 * once every account of the file exists. An account whose name is already stored is
 * rejected as a duplicate (skipped when importing the valid rows only), unless the
 * request asks to update it or to create another ({@link DuplicatePolicy}). A
 * registration id that another stored account has, or that appears twice in the file, is
 * always rejected. The owner defaults to the importing user.
 * <p>
 * Unlike the other importers this one keeps the file's account names in memory (to
 * resolve parents named further down), about a hundred bytes per account.
 */
final class AccountImporter implements RecordImporter {

	static final List<Column> COLUMNS = List.of(
			Column.required("name", "account", "account name", "customer", "company", "客户", "客户名称", "公司名称"),
			Column.optional("registrationId", "registration id", "unified social credit code", "credit code",
					"统一社会信用代码", "注册号"),
			Column.optional("industry", "sector", "行业"),
			Column.optional("region", "office location", "location", "地区", "区域"), Column.optional("address", "地址"),
			Column.optional("employees", "员工数", "员工人数", "人数"),
			Column.optional("annualRevenue", "revenue", "annual revenue", "年收入", "营业额", "年销售额"),
			Column.optional("parent", "subsidiary of", "parent account", "上级客户", "母公司", "所属集团"),
			Column.optional("owner", "account owner", "负责人", "客户经理"),
			Column.optional("description", "notes", "备注", "描述"));

	private final AccountQueries accounts;

	private final AccountService service;

	private final People people;

	private final Validator validator;

	/** Name key of each account in the file that passed its own checks, with its row. */
	private final Map<String, Long> fileRows = new HashMap<>();

	private final LongHashSet registrations = new LongHashSet();

	/** Rows whose parent was not yet known when they were read: row, parent name. */
	private final List<PendingParent> pendingParents = new ArrayList<>();

	/** Accounts created in this pass by name key, to link subsidiaries at the end. */
	private final Map<String, Long> created = new HashMap<>();

	private final List<PendingParent> links = new ArrayList<>();

	AccountImporter(AccountQueries accounts, AccountService service, People people, Validator validator) {
		this.accounts = accounts;
		this.service = service;
		this.people = people;
		this.validator = validator;
	}

	@Override
	public List<Column> columns() {
		return COLUMNS;
	}

	@Override
	public void check(List<Row> rows, ImportContext context) {
		RecordScope scope = context.editor().scope();
		// Duplicates count across the whole database: a second account of the same name
		// would be a duplicate even where the importer cannot see the first.
		AccountLookup stored = new AccountLookup(this.accounts, RecordScope.everything(context.editor().id()), rows,
				"name");
		AccountLookup parents = new AccountLookup(this.accounts, scope, rows, "parent");
		java.util.Set<String> storedRegistrations = this.accounts.existingRegistrationIds(
				rows.stream().map((row) -> row.get("registrationId")).filter(java.util.Objects::nonNull).toList());
		for (Row row : rows) {
			String name = Cells.required(row, "name", 200, context);
			Integer employees = Cells.integer(row, "employees", context);
			BigDecimal revenue = Cells.decimal(row, "annualRevenue", context);
			UserSummary owner = this.people.require(row, "owner", context, scope);
			if (name == null || row.rejected()) {
				continue;
			}
			String key = AccountQueries.nameKey(name);
			// The file first: in a first pass that writes as it goes, an account from
			// further up is already stored, but it is still a duplicate within the file.
			if (this.fileRows.containsKey(key)) {
				context.reject(row, "name", "import.duplicateInFile", null);
				continue;
			}
			AccountDetails target = null;
			if (stored.contains(name)) {
				DuplicatePolicy policy = context.request().duplicates();
				if (policy == DuplicatePolicy.REJECT) {
					context.reject(row, "name", "import.duplicateStored", null);
					continue;
				}
				if (policy == DuplicatePolicy.UPDATE) {
					target = updateTarget(row, name, context);
					if (target == null) {
						continue;
					}
				}
			}
			String registrationId = row.get("registrationId");
			if (registrationId != null) {
				if (!this.registrations.add(LongHashSet.hash(registrationId))) {
					context.reject(row, "registrationId", "import.duplicateInFile", null);
					continue;
				}
				if (storedRegistrations.contains(registrationId)
						&& (target == null || !registrationId.equals(target.registrationId()))) {
					context.reject(row, "registrationId", "import.duplicateStored", null);
					continue;
				}
			}
			this.fileRows.put(key, row.number());
			String parentName = row.get("parent");
			Long parentId = null;
			String parentInFile = null;
			if (parentName != null) {
				String parentKey = AccountQueries.nameKey(parentName);
				if (parentKey.equals(key)) {
					context.reject(row, "parent", "import.parentIsSelf", null);
					continue;
				}
				if (this.fileRows.containsKey(parentKey)) {
					parentInFile = parentKey;
				}
				else if (parents.contains(parentName)) {
					parentId = parents.require(row, "parent", context);
				}
				else {
					parentInFile = parentKey;
					this.pendingParents.add(new PendingParent(row.number(), row.column("parent"), parentName));
				}
			}
			AccountInput input;
			if (target == null) {
				input = new AccountInput(name, registrationId, row.get("industry"), row.get("region"),
						row.get("address"), employees, revenue, parentId, (owner != null) ? owner.username() : null,
						null, null, null, null, row.get("description"), null, null);
			}
			else {
				// An update changes what the file has columns for and keeps the rest.
				input = new AccountInput(name, pick(row, "registrationId", target.registrationId()),
						pick(row, "industry", target.industry()), pick(row, "region", target.region()),
						pick(row, "address", target.address()), row.has("employees") ? employees : target.employees(),
						row.has("annualRevenue") ? revenue : target.annualRevenue(),
						row.has("parent") ? parentId : target.parentId(), (owner != null) ? owner.username() : null,
						target.keyAccountType(), target.relationshipType(), target.salesApproach(), target.status(),
						pick(row, "description", target.description()), null, target.version());
			}
			if (Checks.valid(this.validator, input, row, context) && !row.rejected()) {
				row.prepare(new Prepared(input, parentInFile, (target != null) ? target.id() : null));
			}
		}
	}

	private static String pick(Row row, String field, String stored) {
		return row.has(field) ? row.get(field) : stored;
	}

	/**
	 * The stored account a row updates: the one of that name the importer can see.
	 */
	private AccountDetails updateTarget(Row row, String name, ImportContext context) {
		RecordScope scope = context.editor().scope();
		List<AccountRef> visible = this.accounts.findByNames(scope, List.of(name));
		if (visible.isEmpty()) {
			context.reject(row, "name", "import.duplicateNotVisible", null);
			return null;
		}
		if (visible.size() > 1) {
			context.reject(row, "name", "import.ambiguousAccount", null);
			return null;
		}
		return this.accounts.details(scope, visible.get(0).id());
	}

	@Override
	public void checkEnd(ImportContext context) {
		for (PendingParent pending : this.pendingParents) {
			if (!this.fileRows.containsKey(AccountQueries.nameKey(pending.parentName()))) {
				context.reject(pending.row(), pending.column(), pending.parentName(), "import.unknownParent", null);
			}
		}
	}

	@Override
	public int write(List<Row> rows, ImportContext context) {
		for (Row row : rows) {
			Prepared prepared = row.prepared();
			AccountDetails account = (prepared.updateId() != null) ? this.service.update(context.editor(),
					prepared.updateId(), prepared.input().version(), prepared.input())
					: this.service.open(context.editor(), prepared.input());
			this.created.put(AccountQueries.nameKey(account.name()), account.id());
			if (prepared.parentInFile() != null) {
				this.links.add(new PendingParent(account.id(), null, prepared.parentInFile()));
			}
		}
		return rows.size();
	}

	@Override
	public void writeEnd(ImportContext context) {
		for (PendingParent link : this.links) {
			Long parentId = this.created.get(link.parentName());
			if (parentId == null) {
				throw new IllegalStateException("Parent account '" + link.parentName() + "' was not imported");
			}
			this.service.placeUnder(context.editor(), link.row(), parentId);
		}
	}

	private record Prepared(AccountInput input, String parentInFile, Long updateId) {
	}

	/**
	 * A parent to resolve later: in checks, {@code row} is the file row; in writes, the
	 * new account's id and the parent's name key.
	 */
	private record PendingParent(long row, String column, String parentName) {
	}

}
