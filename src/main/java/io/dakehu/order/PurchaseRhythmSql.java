package io.dakehu.order;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.springframework.modulith.NamedInterface;

/**
 * Each account's buying rhythm up to a day, as a derived table for set-based SQL (the
 * churn score, DOMAIN.md §10.4): what it bought in the twelve months up to the day and in
 * the twelve before, its latest purchase day, and its usual interval, the median gap in
 * days between its purchase days. Only accounts with a purchase in those 24 months have a
 * row. Columns: {@code account_id}, {@code revenue}, {@code prior_revenue},
 * {@code last_purchase} (a date), {@code usual_gap} (null with fewer than two purchase
 * days). One scan along the (account, date) index; several lines on one day are one
 * purchase, so an order split into lines does not shorten the interval: the gap from a
 * line to the one before it on the same day is no gap (null, which the median skips), and
 * between days only the day's first line has one, so the gaps are exactly those between
 * purchase days without first summing the lines per day (which took a third of a churn
 * run, BENCHMARKS.md).
 */
@NamedInterface("sql")
public record PurchaseRhythmSql(String table, Map<String, Object> params) {

	private static final String RHYTHM = """
			(select r.account_id,
			        sum(r.amount) filter (where r.order_date >= :rhythmFrom) as revenue,
			        sum(r.amount) filter (where r.order_date < :rhythmFrom) as prior_revenue,
			        max(r.order_date) as last_purchase,
			        percentile_cont(0.5) within group (order by r.gap) as usual_gap
			 from (select o.account_id, o.order_date, o.amount,
			              nullif(cast(o.order_date - lag(o.order_date) over (partition by o.account_id
			                                                                 order by o.order_date) as integer), 0) as gap
			       from order_line o
			       where o.order_date between :rhythmPriorFrom and :rhythmTo) r
			 group by r.account_id)""";

	/**
	 * @param day the last day counted; the twelve months end on it, the prior twelve just
	 * before them
	 */
	public static PurchaseRhythmSql upTo(LocalDate day) {
		LocalDate from = day.minusYears(1).plusDays(1);
		Map<String, Object> params = new HashMap<>();
		params.put("rhythmPriorFrom", from.minusYears(1));
		params.put("rhythmFrom", from);
		params.put("rhythmTo", day);
		return new PurchaseRhythmSql(RHYTHM, params);
	}

	/**
	 * A scalar expression: what the account in the given column bought in the 365 days
	 * before the day in the given column (that day excluded), zero when nothing. For
	 * reports over few accounts, each with its own day, such as the value of customers
	 * lost.
	 */
	public static String yearBefore(String accountIdColumn, String dayColumn) {
		return "(select coalesce(sum(yb.amount), 0) from order_line yb where yb.account_id = " + accountIdColumn
				+ " and yb.order_date < " + dayColumn + " and yb.order_date >= " + dayColumn + " - 365)";
	}

}
