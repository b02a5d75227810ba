package io.dakehu.dataimport;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.dakehu.account.AccountQueries;
import io.dakehu.contact.ContactInput;
import io.dakehu.contact.ContactView;
import io.dakehu.contact.Contacts;
import io.dakehu.customfield.CustomField;
import io.dakehu.customfield.CustomFields;
import io.dakehu.customfield.RecordType;
import io.dakehu.shared.RuleViolationException;
import jakarta.validation.Validator;

/**
 * Contacts at accounts the importer can see, checked with the contact form's own rules.
 * Asked to update existing records, a row naming the one contact of that name at its
 * account changes that contact: the columns the file has, its custom fields included, and
 * nothing else.
 */
final class ContactImporter implements RecordImporter {

	static final List<Column> COLUMNS = List.of(
			Column.required("account", "customer", "account name", "company", "客户", "客户名称", "公司"),
			Column.required("name", "contact", "contact name", "联系人", "姓名"),
			Column.optional("title", "job title", "职务", "职位"), Column.optional("department", "部门"),
			Column.optional("phone", "mobile", "telephone", "电话", "手机"), Column.optional("email", "e-mail", "邮箱"),
			Column.optional("birthday", "生日"), Column.optional("notes", "备注"));

	private final AccountQueries accounts;

	private AccountLookup lookup;

	private final Contacts contacts;

	private final Validator validator;

	/** The custom fields of contacts, read once per import. */
	private final List<CustomField> customFields;

	private final CustomFields checker;

	private final Function<RuleViolationException, String> refusal;

	ContactImporter(AccountQueries accounts, Contacts contacts, Validator validator, CustomFields checker,
			Function<RuleViolationException, String> refusal) {
		this.accounts = accounts;
		this.contacts = contacts;
		this.validator = validator;
		this.checker = checker;
		this.customFields = checker.active(RecordType.CONTACT);
		this.refusal = refusal;
	}

	@Override
	public List<Column> columns() {
		return columns(this.customFields);
	}

	/**
	 * The built-in columns and one per custom field of contacts, recognised by its key
	 * and its labels (decision 0048).
	 */
	static List<Column> columns(List<CustomField> customFields) {
		return Column.withCustomFields(COLUMNS, customFields);
	}

	@Override
	public void check(List<Row> rows, ImportContext context) {
		if (this.lookup == null) {
			this.lookup = new AccountLookup(this.accounts, context.editor().scope());
		}
		AccountLookup lookup = this.lookup;
		lookup.load(rows, "account");
		for (Row row : rows) {
			Long accountId = lookup.require(row, "account", context);
			String name = Cells.required(row, "name", 100, context);
			LocalDate birthday = Cells.date(row, "birthday", context);
			if (row.rejected() || accountId == null || name == null) {
				continue;
			}
			ContactView target = (context.request().duplicates() == DuplicatePolicy.UPDATE)
					? existing(context, accountId, name) : null;
			ContactInput input;
			if (target == null) {
				input = new ContactInput(name, row.get("title"), row.get("department"), null, row.get("phone"),
						row.get("email"), birthday, row.get("notes"), null, null);
			}
			else {
				// An update changes what the file has columns for and keeps the rest.
				input = new ContactInput(name, pick(row, "title", target.title()),
						pick(row, "department", target.department()), target.reportsToId(),
						pick(row, "phone", target.phone()), pick(row, "email", target.email()),
						row.has("birthday") ? birthday : target.birthday(), pick(row, "notes", target.notes()),
						target.version(), null);
			}
			input = withCustomFields(input, row, target, context);
			if (input != null && Checks.valid(this.validator, input, row, context)) {
				row.prepare(new Prepared(accountId, input, (target != null) ? target.id() : null));
			}
		}
	}

	@Override
	public int write(List<Row> rows, ImportContext context) {
		for (Row row : rows) {
			Prepared prepared = row.prepared();
			if (prepared.contactId() != null) {
				this.contacts.update(context.editor(), prepared.contactId(), prepared.input().version(),
						prepared.input());
			}
			else {
				this.contacts.add(context.editor(), prepared.accountId(), prepared.input());
			}
		}
		return rows.size();
	}

	/**
	 * The one contact of this name at the account, which an import asked to update
	 * existing records changes; null when there is none or several (then the row adds
	 * one, as the name alone cannot say which is meant).
	 */
	private ContactView existing(ImportContext context, long accountId, String name) {
		List<ContactView> named = this.contacts.forAccount(context.editor().scope(), accountId)
			.stream()
			.filter((contact) -> contact.name().equals(name))
			.toList();
		return (named.size() == 1) ? named.get(0) : null;
	}

	private static String pick(Row row, String field, String stored) {
		return row.has(field) ? row.get(field) : stored;
	}

	/**
	 * The input with the row's custom field values, checked as the form checks them; null
	 * when one is refused. An update changes the custom fields the file has columns for.
	 */
	private ContactInput withCustomFields(ContactInput input, Row row, ContactView target, ImportContext context) {
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
			this.checker.checked(this.customFields, given, (target != null) ? target.customFields() : Map.of(),
					target == null);
		}
		catch (RuleViolationException ex) {
			context.reject(row, row.has(ex.field()) ? ex.field() : null, "customField.import.refused",
					this.refusal.apply(ex));
			return null;
		}
		return input.withCustomFields(given);
	}

	private record Prepared(long accountId, ContactInput input, Long contactId) {
	}

}
