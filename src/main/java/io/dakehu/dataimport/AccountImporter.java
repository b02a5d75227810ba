package io.dakehu.dataimport;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.dakehu.account.AccountCustomFields;
import io.dakehu.account.AccountDetails;
import io.dakehu.account.AccountInput;
import io.dakehu.account.AccountNames;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.account.AccountService;
import io.dakehu.customfield.CustomField;
import io.dakehu.dataimport.JobStore.PendingParent;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.shared.RuleViolationException;
import jakarta.validation.Validator;

/**
 * Accounts with their hierarchy. A parent may be an account already stored or one
 * anywhere in the same file, before or after its subsidiaries. An account whose name is
 * already stored is rejected as a duplicate (skipped when importing the valid rows only),
 * unless the request asks to update it or to create another ({@link DuplicatePolicy}). A
 * registration id that another stored account has, or that appears twice in the file, is
 * always rejected. The owner defaults to the importing user.
 * <p>
 * Memory stays the same whatever the size of the file: nothing is kept per row beyond the
 * current chunk. The pass writes every chunk's valid accounts in its transaction
 * ({@link #keysInDatabase}), so names and registration ids met further up the file are
 * found by the same per-chunk lookups as stored ones, and told apart by when they were
 * written. A subsidiary whose parent is not in the database yet (further down the file,
 * or further up the same chunk) is written without it and staged in
 * {@code import_pending_parent}; at the end the staged rows are read back a page at a
 * time, rejected when their parent never appeared and otherwise placed under it through
 * {@link AccountService#placeUnder}, which keeps the hierarchy free of loops.
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

	/** The prefix of a custom field's import field: {@code customFields.<key>}. */
	static final String CUSTOM = "customFields.";

	private final AccountQueries accounts;

	/** The custom fields of accounts, read once per import. */
	private final List<CustomField> customFields;

	private final AccountCustomFields customValues;

	private final Function<RuleViolationException, String> refusal;

	private final AccountService service;

	private final People people;

	private final Validator validator;

	private final JobStore jobs;

	AccountImporter(AccountQueries accounts, AccountService service, People people, Validator validator, JobStore jobs,
			AccountCustomFields customFields, Function<RuleViolationException, String> refusal) {
		this.customValues = customFields;
		this.customFields = customFields.active();
		this.refusal = refusal;
		this.accounts = accounts;
		this.service = service;
		this.people = people;
		this.validator = validator;
		this.jobs = jobs;
	}

	@Override
	public List<Column> columns() {
		return columns(this.customFields);
	}

	/**
	 * The built-in columns and one per custom field, recognised by its key and its labels
	 * (decision 0048).
	 */
	static List<Column> columns(List<CustomField> customFields) {
		return Column.withCustomFields(COLUMNS, customFields);
	}

	@Override
	public boolean keysInDatabase() {
		return true;
	}

	@Override
	public void check(List<Row> rows, ImportContext context) {
		RecordScope scope = context.editor().scope();
		// Duplicates count across the whole database: a second account of the same name
		// would be a duplicate even where the importer cannot see the first. The earlier
		// chunks of this file are in the database too, written by this pass.
		Map<String, LocalDateTime> storedNames = this.accounts.namesLastWritten(values(rows, "name"));
		Map<String, LocalDateTime> storedRegistrations = this.accounts
			.registrationIdsLastWritten(values(rows, "registrationId"));
		AccountLookup parents = new AccountLookup(this.accounts, scope, rows, "parent");
		// This chunk's accounts are written after its check, so clashes within it are
		// found here: only its own keys are held.
		Set<String> chunkNames = new HashSet<>();
		Set<String> chunkDuplicates = new HashSet<>();
		Set<String> chunkRegistrations = new HashSet<>();
		for (Row row : rows) {
			String name = Cells.required(row, "name", 200, context);
			Integer employees = Cells.integer(row, "employees", context);
			BigDecimal revenue = Cells.decimal(row, "annualRevenue", Cells.MONEY, context);
			UserSummary owner = this.people.require(row, "owner", context, scope);
			if (name == null || row.rejected()) {
				continue;
			}
			String key = AccountQueries.nameKey(name);
			// Duplicates compare folded names (width, case, punctuation and company
			// forms aside); parents are found by their names as written.
			String duplicateKey = AccountNames.matchKey(name);
			if (chunkDuplicates.contains(duplicateKey)) {
				context.reject(row, "name", "import.duplicateInFile", null);
				continue;
			}
			AccountDetails target = null;
			LocalDateTime nameWritten = storedNames.get(duplicateKey);
			if (nameWritten != null) {
				// Written by this pass: the name is further up the file, whatever the
				// policy says about stored accounts.
				if (context.writtenByThisPass(nameWritten)) {
					context.reject(row, "name", "import.duplicateInFile", null);
					continue;
				}
				DuplicatePolicy policy = context.request().duplicates();
				if (policy == DuplicatePolicy.REJECT) {
					context.reject(row, "name", "import.duplicateStored", existing(scope, name));
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
				if (chunkRegistrations.contains(registrationId)) {
					context.reject(row, "registrationId", "import.duplicateInFile", null);
					continue;
				}
				LocalDateTime registrationWritten = storedRegistrations.get(registrationId);
				if (registrationWritten != null
						&& (target == null || !registrationId.equals(target.registrationId()))) {
					context.rejectTaken(row, "registrationId", registrationWritten);
					continue;
				}
			}
			String parentName = row.get("parent");
			Long parentId = null;
			String pendingParent = null;
			if (parentName != null) {
				String parentKey = AccountQueries.nameKey(parentName);
				if (parentKey.equals(key)) {
					context.reject(row, "parent", "import.parentIsSelf", null);
					continue;
				}
				if (!chunkNames.contains(parentKey) && parents.contains(parentName)) {
					parentId = parents.require(row, "parent", context);
				}
				else {
					// Further up this chunk (not written yet) or further down the file:
					// placed once the whole file is in.
					pendingParent = parentName;
				}
			}
			AccountInput input;
			if (target == null) {
				input = new AccountInput(name, registrationId, row.get("industry"), row.get("region"),
						row.get("address"), employees, revenue, parentId, (owner != null) ? owner.username() : null,
						null, null, null, null, row.get("description"), null, null, null, null);
			}
			else {
				// An update changes what the file has columns for and keeps the rest.
				input = new AccountInput(name, pick(row, "registrationId", target.registrationId()),
						pick(row, "industry", target.industry()), pick(row, "region", target.region()),
						pick(row, "address", target.address()), row.has("employees") ? employees : target.employees(),
						row.has("annualRevenue") ? revenue : target.annualRevenue(),
						row.has("parent") ? parentId : target.parentId(), (owner != null) ? owner.username() : null,
						target.keyAccountType(), target.relationshipType(), target.salesApproach(), target.status(),
						pick(row, "description", target.description()), null, target.version(), null, null);
			}
			input = withCustomFields(input, row, target, context);
			if (input != null && Checks.valid(this.validator, input, row, context) && !row.rejected()) {
				row.prepare(new Prepared(input, pendingParent, (target != null) ? target.id() : null));
				chunkNames.add(key);
				chunkDuplicates.add(duplicateKey);
				if (registrationId != null) {
					chunkRegistrations.add(registrationId);
				}
			}
		}
	}

	/**
	 * The input with the row's custom field values, checked as the form checks them; null
	 * when one is refused. An update changes the custom fields the file has columns for.
	 */
	private AccountInput withCustomFields(AccountInput input, Row row, AccountDetails target, ImportContext context) {
		if (this.customFields.isEmpty()) {
			return input;
		}
		Map<String, Object> given = new HashMap<>();
		for (CustomField field : this.customFields) {
			if (row.has(field.errorField())) {
				given.put(field.key(), row.get(field.errorField()));
			}
		}
		try {
			this.customValues.check(this.customFields, given, (target != null) ? target.id() : null);
		}
		catch (RuleViolationException ex) {
			context.reject(row, row.has(ex.field()) ? ex.field() : null, "customField.import.refused",
					this.refusal.apply(ex));
			return null;
		}
		return input.withCustomFields(given);
	}

	private static List<String> values(List<Row> rows, String field) {
		return rows.stream().map((row) -> row.get(field)).filter(Objects::nonNull).toList();
	}

	private static String pick(Row row, String field, String stored) {
		return row.has(field) ? row.get(field) : stored;
	}

	/**
	 * The stored accounts a rejected name duplicates, as the user can find them ("Acme
	 * Ltd. #12"), offered as the row's suggestion; null when the importer sees none of
	 * them.
	 */
	private String existing(RecordScope scope, String name) {
		List<AccountRef> visible = this.accounts.findDuplicatesOf(scope, name);
		return visible.isEmpty() ? null
				: String.join("; ", visible.stream().map((account) -> account.name() + " #" + account.id()).toList());
	}

	/**
	 * The stored account a row updates: the one the importer can see whose name the row's
	 * duplicates.
	 */
	private AccountDetails updateTarget(Row row, String name, ImportContext context) {
		RecordScope scope = context.editor().scope();
		List<AccountRef> visible = this.accounts.findDuplicatesOf(scope, name);
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

	/**
	 * Rejects the staged subsidiaries whose parent no visible account is named after, now
	 * that every account of the file is written (or several are).
	 */
	@Override
	public void checkEnd(ImportContext context) {
		forEachPending(context, (pending, parents) -> {
			if (parents.size() != 1) {
				context.reject(pending.row(), pending.column(), pending.parentName(),
						parents.isEmpty() ? "import.unknownParent" : "import.ambiguousAccount", null);
			}
		});
	}

	/**
	 * Updates go one by one through {@link AccountService#update}; new accounts are
	 * opened together through {@link AccountService#openAll}, which writes the chunk in a
	 * few batches. {@link #check} has kept their names and registration ids apart, so the
	 * order between the two does not matter.
	 */
	@Override
	public int write(List<Row> rows, ImportContext context) {
		List<AccountInput> opened = new ArrayList<>();
		for (Row row : rows) {
			Prepared prepared = row.prepared();
			if (prepared.updateId() != null) {
				this.service.update(context.editor(), prepared.updateId(), prepared.input().version(),
						prepared.input());
			}
			else {
				opened.add(prepared.input());
			}
		}
		Iterator<AccountRef> openedIds = this.service.openAll(context.editor(), opened).iterator();
		List<PendingParent> pending = new ArrayList<>();
		for (Row row : rows) {
			Prepared prepared = row.prepared();
			long id = (prepared.updateId() != null) ? prepared.updateId() : openedIds.next().id();
			if (prepared.pendingParent() != null) {
				pending.add(new PendingParent(row.number(), row.column("parent"), prepared.pendingParent(), id));
			}
		}
		this.jobs.addPendingParents(context.jobId(), pending);
		return rows.size();
	}

	/**
	 * Places the staged subsidiaries under their parents, checked in {@link #checkEnd}.
	 */
	@Override
	public void writeEnd(ImportContext context) {
		forEachPending(context, (pending, parents) -> this.service.placeUnder(context.editor(), pending.accountId(),
				parents.get(0).id()));
		this.jobs.clearPendingParents(context.jobId());
	}

	/**
	 * Hands each staged subsidiary of the pass to the action with the visible accounts
	 * its parent's name matches, one page of {@link ImportPass#CHUNK} rows and one name
	 * lookup at a time.
	 */
	private void forEachPending(ImportContext context, BiConsumer<PendingParent, List<AccountRef>> action) {
		long after = 0;
		List<PendingParent> page;
		do {
			page = this.jobs.pendingParents(context.jobId(), after, ImportPass.CHUNK);
			Map<String, List<AccountRef>> byKey = new HashMap<>();
			for (AccountRef account : this.accounts.findByNames(context.editor().scope(),
					page.stream().map(PendingParent::parentName).toList())) {
				byKey.computeIfAbsent(AccountQueries.nameKey(account.name()), (k) -> new ArrayList<>()).add(account);
			}
			for (PendingParent pending : page) {
				action.accept(pending, byKey.getOrDefault(AccountQueries.nameKey(pending.parentName()), List.of()));
				after = pending.row();
			}
		}
		while (page.size() == ImportPass.CHUNK);
	}

	private record Prepared(AccountInput input, String pendingParent, Long updateId) {
	}

}
