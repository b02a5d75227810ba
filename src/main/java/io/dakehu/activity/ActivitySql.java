package io.dakehu.activity;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.springframework.modulith.NamedInterface;

/**
 * What the follow-ups of each account cost and took over a period, as a derived table
 * other modules compose into set-based SQL (segmentation's contact cost, DOMAIN.md §3.5).
 * Only accounts with an activity carrying a cost or a duration have a row. Columns:
 * {@code account_id}, {@code cost} (null when no activity had a cost) and
 * {@code minutes}. The activity module keeps it in step with its table.
 */
@NamedInterface("sql")
public record ActivitySql(String table, Map<String, Object> params) {

	private static final String COSTS = """
			(select t.account_id, sum(t.cost) as cost, sum(t.duration_minutes) as minutes
			 from activity t
			 where t.occurred_at >= :activityFrom and t.occurred_at < :activityTo
			   and (t.cost is not null or t.duration_minutes is not null)
			 group by t.account_id)""";

	/** Activities from the start of {@code from} to the end of {@code to}. */
	public static ActivitySql costsByAccount(LocalDate from, LocalDate to) {
		Map<String, Object> params = new HashMap<>();
		params.put("activityFrom", Timestamp.valueOf(from.atStartOfDay()));
		params.put("activityTo", Timestamp.valueOf(to.plusDays(1).atStartOfDay()));
		return new ActivitySql(COSTS, params);
	}

}
