package io.dakehu.opportunity;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.springframework.modulith.NamedInterface;

/**
 * Each account's latest deal lost to a competitor within a period, as a derived table for
 * set-based SQL (the churn score, DOMAIN.md §10.4). Columns: {@code account_id},
 * {@code opportunity_id}, {@code competitor} and {@code lost_on} (its close date). Only
 * accounts with such a deal have a row; a deal lost without a named winner is not lost to
 * a competitor.
 */
@NamedInterface("sql")
public record LostDealSql(String table, Map<String, Object> params) {

	private static final String LOST = """
			(select ld.account_id, ld.id as opportunity_id, ld.winning_competitor as competitor, ld.close_date as lost_on
			 from (select o.account_id, o.id, o.winning_competitor, o.close_date,
			              row_number() over (partition by o.account_id order by o.close_date desc, o.id desc) as rn
			       from opportunity o
			       where o.stage = 'LOST' and o.account_id is not null and o.winning_competitor is not null
			         and o.close_date between :lostDealFrom and :lostDealTo) ld
			 where ld.rn = 1)""";

	/** Deals closed as lost from {@code from} to {@code to}, both included. */
	public static LostDealSql between(LocalDate from, LocalDate to) {
		Map<String, Object> params = new HashMap<>();
		params.put("lostDealFrom", from);
		params.put("lostDealTo", to);
		return new LostDealSql(LOST, params);
	}

}
