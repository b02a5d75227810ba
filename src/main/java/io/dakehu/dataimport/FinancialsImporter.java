package io.dakehu.dataimport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountQueries;
import io.dakehu.scorecard.CreditRatings;
import io.dakehu.scorecard.Indicator;
import io.dakehu.scorecard.StatementFigures;
import io.dakehu.shared.RuleViolationException;

import org.springframework.context.i18n.LocaleContextHolder;

/**
 * The financial indicators of the credit rating (DOMAIN.md §5 #10–#14, #18–#20 on the
 * default card) for many accounts at once, as a finance department collects them from
 * customers' statements: the account, the quarter, and one column per financial indicator
 * of the card in use, headed by its number ({@code #10}) or its name. Each value is
 * checked as the rating form checks it, the error naming the indicator; a row rates its
 * account anew for the quarter through {@link CreditRatings#rateFromStatements}, which
 * keeps what the quarter's rating held besides. An account may appear once per quarter in
 * a file, since two rows would overwrite each other silently.
 */
final class FinancialsImporter implements RecordImporter {

	/** The field of an indicator's column: {@code indicator10} for #10. */
	static final String INDICATOR = "indicator";

	private static final List<Column> KEYS = List.of(
			Column.required("account", "customer", "account name", "company", "客户", "客户名称", "公司"),
			Column.required("quarter", "period", "rating quarter", "季度", "评级季度", "期间"));

	private final AccountQueries accounts;

	private final CreditRatings ratings;

	private final List<Indicator> indicators;

	private AccountLookup lookup;

	private final Set<String> seen = new HashSet<>();

	FinancialsImporter(AccountQueries accounts, CreditRatings ratings) {
		this.accounts = accounts;
		this.ratings = ratings;
		this.indicators = ratings.statementIndicators();
	}

	/**
	 * The columns for the given indicators: an indicator's column is recognised by its
	 * number ({@code 10}, {@code #10}) and its name in either language.
	 */
	static List<Column> columns(List<Indicator> indicators) {
		List<Column> columns = new ArrayList<>(KEYS);
		for (Indicator indicator : indicators) {
			columns.add(Column.optional(INDICATOR + indicator.number(), String.valueOf(indicator.number()),
					"#" + indicator.number(), indicator.nameZh(), indicator.nameEn(),
					indicator.label(Locale.SIMPLIFIED_CHINESE), indicator.label(Locale.ENGLISH)));
		}
		return List.copyOf(columns);
	}

	@Override
	public List<Column> columns() {
		return columns(this.indicators);
	}

	@Override
	public void check(List<Row> rows, ImportContext context) {
		if (this.lookup == null) {
			this.lookup = new AccountLookup(this.accounts, context.editor().scope());
		}
		this.lookup.load(rows, "account");
		Locale locale = LocaleContextHolder.getLocale();
		for (Row row : rows) {
			Long accountId = this.lookup.require(row, "account", context);
			if (row.get("account") == null) {
				context.reject(row, "account", "import.required", null);
			}
			String quarter = quarter(row, context);
			Map<Integer, String> values = new LinkedHashMap<>();
			for (Indicator indicator : this.indicators) {
				String field = INDICATOR + indicator.number();
				String cell = row.get(field);
				if (cell == null) {
					continue;
				}
				try {
					values.put(indicator.number(),
							indicator.inputType().parse(plain(cell), field, indicator.label(locale)));
				}
				catch (RuleViolationException ex) {
					context.reject(row, ex, field);
				}
			}
			if (!row.rejected() && values.isEmpty()) {
				context.reject(row, null, "import.noIndicator", null);
			}
			if (accountId != null && quarter != null && !this.seen.add(accountId + "/" + quarter)) {
				context.reject(row, "account", "import.duplicateInFile", null);
			}
			if (!row.rejected()) {
				row.prepare(new StatementFigures(accountId, quarter, values));
			}
		}
	}

	private String quarter(Row row, ImportContext context) {
		String text = row.get("quarter");
		if (text == null) {
			context.reject(row, "quarter", "import.required", null);
			return null;
		}
		try {
			return this.ratings.ratedQuarter(text.toUpperCase(Locale.ROOT)).toString();
		}
		catch (RuleViolationException ex) {
			context.reject(row, ex, "quarter");
			return null;
		}
	}

	/**
	 * A figure as spreadsheets write it: thousands separators and a trailing percent sign
	 * left out ({@code 52.5%} is the percentage 52.5).
	 */
	private static String plain(String cell) {
		String text = cell.replace(",", "").strip();
		return text.endsWith("%") ? text.substring(0, text.length() - 1).strip() : text;
	}

	@Override
	public int write(List<Row> rows, ImportContext context) {
		List<StatementFigures> figures = new ArrayList<>(rows.size());
		for (Row row : rows) {
			figures.add(row.prepared());
		}
		return this.ratings.rateFromStatements(context.editor(), figures).size();
	}

}
