package io.dakehu.dataimport;

import java.time.LocalDate;
import java.util.List;

import io.dakehu.account.AccountQueries;
import io.dakehu.contact.ContactInput;
import io.dakehu.contact.Contacts;
import jakarta.validation.Validator;

/**
 * Contacts at accounts the importer can see, checked with the contact form's own rules.
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

	ContactImporter(AccountQueries accounts, Contacts contacts, Validator validator) {
		this.accounts = accounts;
		this.contacts = contacts;
		this.validator = validator;
	}

	@Override
	public List<Column> columns() {
		return COLUMNS;
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
			ContactInput input = new ContactInput(name, row.get("title"), row.get("department"), null, row.get("phone"),
					row.get("email"), birthday, row.get("notes"), null, null);
			if (Checks.valid(this.validator, input, row, context)) {
				row.prepare(new Prepared(accountId, input));
			}
		}
	}

	@Override
	public int write(List<Row> rows, ImportContext context) {
		for (Row row : rows) {
			Prepared prepared = row.prepared();
			this.contacts.add(context.editor(), prepared.accountId(), prepared.input());
		}
		return rows.size();
	}

	private record Prepared(long accountId, ContactInput input) {
	}

}
