package io.dakehu.dataimport;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.account.AccountQueries;
import io.dakehu.contact.ContactView;
import io.dakehu.contact.Contacts;
import io.dakehu.service.SurveyInput;
import io.dakehu.service.SurveySource;
import io.dakehu.service.Surveys;
import jakarta.validation.Validator;

/**
 * Satisfaction surveys of accounts the importer can see (DOMAIN.md §10.3), checked with
 * the survey form's own rules: the day, the overall score and each dimension's 1–5. A
 * contact is named as the account knows it.
 */
final class SurveyImporter implements RecordImporter {

	static final List<Column> COLUMNS = List.of(
			Column.required("account", "customer", "account name", "company", "客户", "客户名称", "公司"),
			Column.optional("contact", "contact name", "联系人", "姓名"),
			Column.required("surveyedOn", "date", "survey date", "surveyed on", "日期", "调查日期"),
			Column.required("overall", "overall satisfaction", "satisfaction", "总体满意度", "满意度", "总体"),
			Column.optional("productQuality", "product quality", "product", "产品质量", "产品"),
			Column.optional("delivery", "交货", "交付"), Column.optional("service", "服务"),
			Column.optional("technicalSupport", "technical support", "support", "技术支持"), Column.optional("price", "价格"),
			Column.optional("comment", "comments", "notes", "意见", "备注"));

	private final AccountQueries accounts;

	private final Contacts contacts;

	private final Surveys surveys;

	private final Validator validator;

	private AccountLookup lookup;

	/** The contacts of each account met so far, by name; null for a name two share. */
	private final Map<Long, Map<String, Long>> contactsByAccount = new HashMap<>();

	SurveyImporter(AccountQueries accounts, Contacts contacts, Surveys surveys, Validator validator) {
		this.accounts = accounts;
		this.contacts = contacts;
		this.surveys = surveys;
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
		this.lookup.load(rows, "account");
		for (Row row : rows) {
			Long accountId = this.lookup.require(row, "account", context);
			LocalDate surveyedOn = Cells.date(row, "surveyedOn", context);
			if (row.get("surveyedOn") == null) {
				context.reject(row, "surveyedOn", "import.required", null);
			}
			Integer overall = Cells.integer(row, "overall", context);
			if (row.get("overall") == null) {
				context.reject(row, "overall", "import.required", null);
			}
			List<Integer> scores = new ArrayList<>();
			for (String dimension : List.of("productQuality", "delivery", "service", "technicalSupport", "price")) {
				scores.add(Cells.integer(row, dimension, context));
			}
			String comment = Cells.text(row, "comment", 2000, context);
			Long contactId = (accountId != null) ? contact(row, accountId, context) : null;
			if (row.rejected() || accountId == null) {
				continue;
			}
			SurveyInput input = new SurveyInput(contactId, surveyedOn, overall, scores.get(0), scores.get(1),
					scores.get(2), scores.get(3), scores.get(4), comment);
			if (Checks.valid(this.validator, input, row, context)) {
				row.prepare(new Prepared(accountId, input));
			}
		}
	}

	/** The named contact's id, or null when none is named or the row was rejected. */
	private Long contact(Row row, long accountId, ImportContext context) {
		String name = row.get("contact");
		if (name == null) {
			return null;
		}
		Map<String, Long> known = this.contactsByAccount.computeIfAbsent(accountId, (id) -> {
			Map<String, Long> byName = new HashMap<>();
			for (ContactView contact : this.contacts.forAccount(context.editor().scope(), id)) {
				String key = nameKey(contact.name());
				byName.put(key, byName.containsKey(key) ? null : contact.id());
			}
			return byName;
		});
		String key = nameKey(name);
		if (!known.containsKey(key)) {
			context.reject(row, "contact", "import.unknownContact", null);
			return null;
		}
		if (known.get(key) == null) {
			context.reject(row, "contact", "import.ambiguousContact", null);
			return null;
		}
		return known.get(key);
	}

	private static String nameKey(String name) {
		return name.strip().toLowerCase(Locale.ROOT);
	}

	@Override
	public int write(List<Row> rows, ImportContext context) {
		for (Row row : rows) {
			Prepared prepared = row.prepared();
			this.surveys.record(context.editor(), prepared.accountId(), prepared.input(), SurveySource.IMPORTED);
		}
		return rows.size();
	}

	private record Prepared(long accountId, SurveyInput input) {
	}

}
