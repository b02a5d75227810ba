package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The grouped query that ages what is owed, shared by the aging report
 * ({@link ReceivableAging}) and the accounts' payment indicators ({@link Receivables}).
 */
final class OwedAging {

	private OwedAging() {
	}

	/**
	 * Ages what is owed in one grouped query, comparing due dates with bounds computed
	 * from the clock, so it agrees with {@link AgingBucket#of}.
	 * @param keys the id columns of {@code owed} (as {@code o.…}) to group by, in the
	 * order they are handed to {@code row}
	 */
	static void aged(JdbcClient jdbc, String owed, String keys, String condition, Map<String, Object> conditionParams,
			LocalDate today, BiConsumer<long[], Aging> row) {
		Map<String, Object> params = new HashMap<>(conditionParams);
		params.put("today", today);
		params.put("d30", AgingBucket.DAYS_1_TO_30.earliestDue(today));
		params.put("d60", AgingBucket.DAYS_31_TO_60.earliestDue(today));
		params.put("d90", AgingBucket.DAYS_61_TO_90.earliestDue(today));
		int keyCount = keys.split(",").length;
		jdbc.sql("""
				select %s,
				       sum(case when o.due_date >= :today then o.owed else 0 end),
				       sum(case when o.due_date < :today and o.due_date >= :d30 then o.owed else 0 end),
				       sum(case when o.due_date < :d30 and o.due_date >= :d60 then o.owed else 0 end),
				       sum(case when o.due_date < :d60 and o.due_date >= :d90 then o.owed else 0 end),
				       sum(case when o.due_date < :d90 then o.owed else 0 end)
				from (%s and %s) o group by %s""".formatted(keys, owed, condition, keys)).params(params).query((rs) -> {
			long[] ids = new long[keyCount];
			for (int k = 0; k < keyCount; k++) {
				ids[k] = rs.getLong(k + 1);
			}
			Map<AgingBucket, BigDecimal> amounts = new EnumMap<>(AgingBucket.class);
			AgingBucket[] buckets = AgingBucket.values();
			for (int b = 0; b < buckets.length; b++) {
				amounts.put(buckets[b], rs.getBigDecimal(keyCount + b + 1));
			}
			row.accept(ids, Aging.of(amounts));
		});
	}

}
