package io.dakehu.account;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.springframework.modulith.NamedInterface;

/**
 * The customers marked lost within a period (DOMAIN.md §10.4) as a derived table for the
 * lost-customer analysis: accounts whose status is LOST now and whose decision falls in
 * the period. Columns: {@code account_id}, {@code account_name}, {@code owner_id},
 * {@code churn_reason} and {@code lost_on}. A customer that bought again is no longer
 * lost and drops out, as the lifecycle reverses the decision.
 */
@NamedInterface("sql")
public record LostCustomerSql(String table, Map<String, Object> params) {

	private static final String LOST = """
			(select la.id as account_id, la.name as account_name, la.owner_id, la.churn_reason, la.lost_on
			 from account la
			 where la.status = 'LOST' and la.lost_on between :lostFrom and :lostTo)""";

	/** Marked lost from {@code from} to {@code to}, both included. */
	public static LostCustomerSql between(LocalDate from, LocalDate to) {
		Map<String, Object> params = new HashMap<>();
		params.put("lostFrom", from);
		params.put("lostTo", to);
		return new LostCustomerSql(LOST, params);
	}

}
