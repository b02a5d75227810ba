package io.dakehu.order;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.springframework.modulith.NamedInterface;

/**
 * The ledger's per-account sums over a period and the period just before it, as a derived
 * table other modules compose into set-based SQL (segmentation ranks every customer from
 * it in one statement). Only accounts with a purchase in either period have a row.
 * Columns: {@code account_id}, {@code revenue} and {@code cost} of the period,
 * {@code prior_revenue} and {@code prior_cost} of the prior period. A line without a cost
 * counts at its amount, so no margin is invented from missing data. One scan of both
 * periods along the (account, date) index; the order module keeps it in step with its
 * table.
 */
@NamedInterface("sql")
public record LedgerSql(String table, Map<String, Object> params) {

	private static final String SUMS = """
			(select o.account_id,
			        sum(o.amount) filter (where o.order_date >= :ledgerFrom) as revenue,
			        sum(coalesce(o.cost, o.amount)) filter (where o.order_date >= :ledgerFrom) as cost,
			        sum(o.amount) filter (where o.order_date < :ledgerFrom) as prior_revenue,
			        sum(coalesce(o.cost, o.amount)) filter (where o.order_date < :ledgerFrom) as prior_cost
			 from order_line o
			 where o.order_date between :ledgerPriorFrom and :ledgerTo
			 group by o.account_id)""";

	/**
	 * @param priorFrom first day of the prior period, which ends the day before
	 * {@code from}
	 * @param from first day of the period
	 * @param to last day of the period
	 */
	public static LedgerSql sumsByAccount(LocalDate priorFrom, LocalDate from, LocalDate to) {
		Map<String, Object> params = new HashMap<>();
		params.put("ledgerPriorFrom", priorFrom);
		params.put("ledgerFrom", from);
		params.put("ledgerTo", to);
		return new LedgerSql(SUMS, params);
	}

}
