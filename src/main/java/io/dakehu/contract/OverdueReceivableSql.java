package io.dakehu.contract;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.springframework.modulith.NamedInterface;

/**
 * Each account's receivables long past due on a day, as a derived table for set-based SQL
 * (the churn score's credit factor, DOMAIN.md §10.4). Columns: {@code account_id},
 * {@code overdue_amount} (still owed on instalments more than the given days past due,
 * written-off ones excluded) and {@code oldest_due} (the earliest such due date). Only
 * accounts owing such an amount have a row. What is owed is today's: receipts recorded
 * later than the day still count, as the other facts of an earlier run read today's
 * records too.
 */
@NamedInterface("sql")
public record OverdueReceivableSql(String table, Map<String, Object> params) {

	/**
	 * Owed on instalments due before {@code day} minus {@code days}: more than that many
	 * days overdue on the day.
	 */
	public static OverdueReceivableSql asOf(LocalDate day, int days) {
		Map<String, Object> params = new HashMap<>();
		params.put("receivableDueBefore", day.minusDays(days));
		return new OverdueReceivableSql("""
				(select o.account_id, sum(o.owed) as overdue_amount, min(o.due_date) as oldest_due
				 from (%s) o where o.due_date < :receivableDueBefore
				 group by o.account_id)""".formatted(Receivables.OWED), params);
	}

}
