package io.dakehu.questions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.dakehu.account.AccountBookSql;
import io.dakehu.activity.LastContactSql;
import io.dakehu.catalog.ProductLineSql;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserNameSql;
import io.dakehu.opportunity.TargetSql;
import io.dakehu.order.PurchasedLinesSql;
import io.dakehu.order.YearOnYearSql;
import io.dakehu.segmentation.Segmentation;
import io.dakehu.segmentation.StandingSql;
import io.dakehu.segmentation.TierSql;
import io.dakehu.service.ComplaintSql;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers the standard questions (DOMAIN.md §11) for a reader: each is one statement over
 * the reader's book of accounts ({@code AccountBookSql}: the live, owned accounts of the
 * scope) joined with the fragment of the module that owns the fact, with its total
 * counted in the same statement. Tiers, classes and margins are the latest company-wide
 * segmentation run's, so a customer is gold for everyone who sees it.
 */
@Service
@Transactional(readOnly = true)
public class StandardQuestions {

	/** How many of last year's biggest customers the answer follows. */
	static final int BIGGEST = 10;

	/** Rows fetched at a time when a whole answer is read. */
	private static final int FETCH_SIZE = 1000;

	private final JdbcClient jdbc;

	private final NamedParameterJdbcTemplate streaming;

	private final Segmentation segmentation;

	private final Clock clock;

	StandardQuestions(JdbcClient jdbc, DataSource dataSource, Segmentation segmentation, Clock clock) {
		this.jdbc = jdbc;
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(FETCH_SIZE);
		this.streaming = new NamedParameterJdbcTemplate(template);
		this.segmentation = segmentation;
		this.clock = clock;
	}

	/** A page of the accounts behind the question's answer in the reader's scope. */
	public Answer answer(RecordScope scope, Question question, PageRequest page) {
		LocalDate today = LocalDate.now(this.clock);
		Statement statement = statement(scope, question, today);
		Map<String, Object> params = params(statement, today);
		params.put("questionLimit", page.size());
		params.put("questionOffset", page.offset());
		long[] total = { 0 };
		List<AnswerRow> rows = this.jdbc
			.sql(select(question, statement) + " limit :questionLimit offset :questionOffset")
			.params(params)
			.query((rs, n) -> {
				total[0] = rs.getLong("total_rows");
				return row(rs, question);
			})
			.list();
		if (rows.isEmpty() && page.page() > 0) {
			// Past the last page the window has no row to carry the total.
			total[0] = this.jdbc.sql("select count(*) from " + statement.joins() + " where " + statement.where())
				.params(params)
				.query(Long.class)
				.single();
		}
		long lines = (question == Question.FEW_PRODUCT_LINES)
				? this.jdbc.sql("select " + ProductLineSql.lineCount()).query(Long.class).single() : 0;
		return new Answer(question, statement.periodFrom(), statement.periodTo(), lines,
				new PageResult<>(rows, page.page(), page.size(), total[0]));
	}

	/**
	 * Every account behind the answer, in the answer's order, handed over one at a time
	 * as the database sends them (a file of a director's whole answer never sits in
	 * memory, and the statement runs once, not once per page).
	 */
	public void each(RecordScope scope, Question question, RowHandler handler) {
		LocalDate today = LocalDate.now(this.clock);
		Statement statement = statement(scope, question, today);
		// A read-only transaction keeps the cursor open, so PostgreSQL sends the rows in
		// batches of the fetch size rather than all at once.
		this.streaming.query(select(question, statement), params(statement, today), (ResultSet rs) -> {
			try {
				handler.handle(row(rs, question));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/** What takes each row of a whole answer, such as a file being written. */
	@FunctionalInterface
	public interface RowHandler {

		void handle(AnswerRow row) throws IOException;

	}

	private static Map<String, Object> params(Statement statement, LocalDate today) {
		Map<String, Object> params = new HashMap<>(statement.params());
		params.put("questionToday", Date.valueOf(today));
		return params;
	}

	private static String select(Question question, Statement statement) {
		StringBuilder select = new StringBuilder("select b.account_id, b.account_name, ow.display_name as owner_name");
		for (Fact fact : question.facts()) {
			select.append(", ").append(fact.sql()).append(" as f_").append(fact.key());
		}
		return select.append(", count(*) over () as total_rows from ")
			.append(statement.joins())
			.append(UserNameSql.join("ow", "b.owner_id"))
			.append(" where ")
			.append(statement.where())
			.append(" order by ")
			.append(statement.orderBy())
			.append(", b.account_name, b.account_id")
			.toString();
	}

	private Statement statement(RecordScope scope, Question question, LocalDate today) {
		AccountBookSql book = AccountBookSql.of(scope, null);
		Map<String, Object> params = new HashMap<>(book.params());
		String from = book.table() + " b";
		LocalDate thisYear = today.withDayOfYear(1);
		switch (question) {
			case GOLD_CUSTOMERS, COST_DRIVERS -> {
				StandingSql standing = this.segmentation.latestStandingSql();
				params.putAll(standing.params());
				String where = (question == Question.GOLD_CUSTOMERS) ? "s.tier in ('VIP', 'MAJOR')"
						: "s.net_profit < 0";
				String order = (question == Question.GOLD_CUSTOMERS) ? "s.rank_no" : "s.net_profit";
				return new Statement(from + " join " + standing.table() + " s on s.account_id = b.account_id", where,
						order, params, standing.from(), standing.to());
			}
			case TARGETS -> {
				TargetSql targets = TargetSql.overlapping(thisYear, thisYear.plusYears(1).minusDays(1));
				params.putAll(targets.params());
				return new Statement(
						from + " join " + targets.table() + " t on t.account_id = b.account_id"
								+ UserNameSql.join("sp", "t.salesperson_id"),
						"t.intention in ('HIGH', 'MEDIUM')", "t.intention_rank, t.open_amount desc", params, thisYear,
						thisYear.plusYears(1).minusDays(1));
			}
			case REPEATED_COMPLAINTS -> {
				LocalDate lastYear = thisYear.minusYears(1);
				ComplaintSql complaints = ComplaintSql.repeatedBetween(lastYear.atStartOfDay(),
						thisYear.atStartOfDay());
				StandingSql standing = this.segmentation.latestStandingSql();
				params.putAll(complaints.params());
				params.putAll(standing.params());
				return new Statement(
						from + " join " + complaints.table() + " c on c.account_id = b.account_id join "
								+ standing.table() + " s on s.account_id = b.account_id",
						"(s.abc = 'A' or s.tier in ('VIP', 'MAJOR'))", "c.complaints desc", params, lastYear,
						thisYear.minusDays(1));
			}
			case BIGGEST_CUSTOMERS -> {
				YearOnYearSql years = YearOnYearSql.upTo(today);
				params.putAll(years.params());
				// Ranked within the reader's book: a KAM's biggest customer is their own.
				String ranked = "(select yb.*, row_number() over (order by yb.last_year desc, yb.account_id) as rank_no"
						+ " from " + years.table() + " yb join " + book.table()
						+ " bb on bb.account_id = yb.account_id where yb.last_year > 0)";
				return new Statement(from + " join " + ranked + " y on y.account_id = b.account_id",
						"y.rank_no <= " + BIGGEST, "y.rank_no", params, thisYear.minusYears(1), today);
			}
			case FEW_PRODUCT_LINES -> {
				LocalDate since = today.minusYears(1).plusDays(1);
				PurchasedLinesSql lines = PurchasedLinesSql.between(since, today);
				StandingSql standing = this.segmentation.latestStandingSql();
				params.putAll(lines.params());
				params.putAll(standing.params());
				return new Statement(
						from + " join " + lines.table() + " l on l.account_id = b.account_id left join "
								+ standing.table() + " s on s.account_id = b.account_id",
						"l.product_lines between 1 and 2", "l.revenue desc", params, since, today);
			}
			case CONTACT_OVERDUE -> {
				TierSql tiers = this.segmentation.latestTierSql();
				params.putAll(tiers.params());
				// The contact plan's due day (DOMAIN.md §10.2): the earlier of the last
				// contact plus the tier's cadence and the next contact the latest one
				// planned. An account never contacted is due on the day it is read, never
				// overdue, as on the plan.
				String due = "(select lx.account_id, lx.last_contact_at, tx.tier,"
						+ " least(case when lx.next_contact_date > cast(lx.last_contact_at as date)"
						+ " then lx.next_contact_date end, cast(lx.last_contact_at as date) + "
						+ tiers.cadence("tx.tier") + ") as due_on from " + LastContactSql.table() + " lx left join "
						+ tiers.table() + " tx on tx.account_id = lx.account_id)";
				return new Statement(from + " join " + due + " d on d.account_id = b.account_id",
						"d.due_on < cast(:questionToday as date)", "d.due_on", params, null, today);
			}
			default -> throw new IllegalArgumentException(question.name());
		}
	}

	private static AnswerRow row(ResultSet rs, Question question) throws SQLException {
		Map<String, Object> facts = new LinkedHashMap<>();
		for (Fact fact : question.facts()) {
			String column = "f_" + fact.key();
			Object value = switch (fact.kind()) {
				case MONEY, PERCENT -> rs.getBigDecimal(column);
				case NUMBER -> {
					long number = rs.getLong(column);
					yield rs.wasNull() ? null : number;
				}
				case DATE -> {
					Date day = rs.getDate(column);
					yield (day != null) ? day.toLocalDate() : null;
				}
				case YES_NO -> rs.getInt(column) == 1;
				case TIER, ABC, INTENTION, TEXT -> {
					String text = rs.getString(column);
					yield (text != null) ? text.strip() : null;
				}
			};
			facts.put(fact.key(), value);
		}
		return new AnswerRow(rs.getLong("account_id"), rs.getString("account_name"), rs.getString("owner_name"), facts);
	}

	/**
	 * A question's statement: what follows {@code from}, its condition, its order, its
	 * parameters, and the period it looks at.
	 */
	private record Statement(String joins, String where, String orderBy, Map<String, Object> params,
			LocalDate periodFrom, LocalDate periodTo) {

	}

}
