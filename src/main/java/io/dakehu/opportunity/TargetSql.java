package io.dakehu.opportunity;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.springframework.modulith.NamedInterface;

/**
 * The companies targeted in a period (DOMAIN.md §9), one row per account, as a derived
 * table for set-based reports (the standard questions, §11: which companies do we most
 * want to win this year). Columns: {@code account_id}, {@code intention} (the strongest
 * intention any salesperson recorded for a target period overlapping the given one),
 * {@code intention_rank} (0 for high, 1 medium, 2 low), {@code salesperson_id} (who
 * recorded that intention; the earliest target when several did), {@code targets} (how
 * many salespeople target it), and {@code open_amount} (the account's open pipeline,
 * deals neither won nor lost; zero when none).
 */
@NamedInterface("sql")
public record TargetSql(String table, Map<String, Object> params) {

	private static final String TARGETS = """
			(select tb.account_id, tb.intention, tb.intention_rank, tb.user_id as salesperson_id, tb.targets,
			        coalesce((select sum(op.amount) from opportunity op
			                  where op.account_id = tb.account_id and op.stage not in ('WON', 'LOST')), 0) as open_amount
			 from (select tt.account_id, tt.intention, tt.user_id,
			              case tt.intention when 'HIGH' then 0 when 'MEDIUM' then 1 else 2 end as intention_rank,
			              count(*) over (partition by tt.account_id) as targets,
			              row_number() over (partition by tt.account_id
			                                 order by case tt.intention when 'HIGH' then 0 when 'MEDIUM' then 1 else 2 end,
			                                          tt.id) as rn
			       from sales_target tt
			       where tt.period_from <= :targetTo and tt.period_to >= :targetFrom) tb
			 where tb.rn = 1)""";

	/** Targets whose period overlaps {@code from} to {@code to}, both included. */
	public static TargetSql overlapping(LocalDate from, LocalDate to) {
		Map<String, Object> params = new HashMap<>();
		params.put("targetFrom", from);
		params.put("targetTo", to);
		return new TargetSql(TARGETS, params);
	}

}
