package io.dakehu.order;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.springframework.modulith.NamedInterface;

/**
 * What each account bought last calendar year and this one so far, as a derived table for
 * set-based reports (the standard questions, DOMAIN.md §11: did last year's biggest
 * customer order as much this year). Columns: {@code account_id}, {@code last_year} (the
 * whole previous calendar year), {@code last_year_to_date} (last year from January 1 to
 * the same day as today) and {@code this_year_to_date} (this year up to today). Only
 * accounts that bought in either year have a row. One scan along the (account, date)
 * index.
 */
@NamedInterface("sql")
public record YearOnYearSql(String table, Map<String, Object> params) {

	private static final String YEARS = """
			(select yy.account_id,
			        coalesce(sum(yy.amount) filter (where yy.order_date < :yoyThisFrom), 0) as last_year,
			        coalesce(sum(yy.amount) filter (where yy.order_date <= :yoyLastToDate), 0) as last_year_to_date,
			        coalesce(sum(yy.amount) filter (where yy.order_date >= :yoyThisFrom), 0) as this_year_to_date
			 from order_line yy
			 where yy.order_date between :yoyLastFrom and :yoyToday
			 group by yy.account_id)""";

	/**
	 * @param today the last day counted this year; last year's same span ends on the same
	 * day a year before (February 28 for a February 29)
	 */
	public static YearOnYearSql upTo(LocalDate today) {
		LocalDate thisFrom = today.withDayOfYear(1);
		Map<String, Object> params = new HashMap<>();
		params.put("yoyLastFrom", thisFrom.minusYears(1));
		params.put("yoyLastToDate", today.minusYears(1));
		params.put("yoyThisFrom", thisFrom);
		params.put("yoyToday", today);
		return new YearOnYearSql(YEARS, params);
	}

}
