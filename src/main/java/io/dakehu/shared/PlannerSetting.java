package io.dakehu.shared;

import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A setting of PostgreSQL's planner held for one piece of work ({@code set local}, back
 * to what it was after), so the statements that follow in the same transaction run as
 * ever. The caller's transaction holds the setting until the work is done; PostgreSQL
 * only: H2 has none of these settings.
 * <p>
 * Work asking for a setting already held at the same value by the work around it runs as
 * it is: each {@code set local} is a round trip to the database, and a list read on one
 * plan set and reset it around each of its statements (decision 0080).
 */
public final class PlannerSetting {

	private PlannerSetting() {
	}

	public static <T> T during(JdbcClient jdbc, String setting, String value, Supplier<T> work) {
		String key = PlannerSetting.class.getName() + "." + setting;
		boolean tracked = TransactionSynchronizationManager.isSynchronizationActive();
		Object outer = tracked ? TransactionSynchronizationManager.getResource(key) : null;
		if (value.equals(outer)) {
			return work.get();
		}
		jdbc.sql("set local " + setting + " = " + value).update();
		if (tracked) {
			if (outer != null) {
				TransactionSynchronizationManager.unbindResource(key);
			}
			TransactionSynchronizationManager.bindResource(key, value);
		}
		T result;
		try {
			result = work.get();
		}
		finally {
			// Given back even when the work fails, so the thread's next transaction sets
			// it again; the setting itself ends with the failed transaction.
			if (tracked) {
				TransactionSynchronizationManager.unbindResource(key);
				if (outer != null) {
					TransactionSynchronizationManager.bindResource(key, outer);
				}
			}
		}
		jdbc.sql("set local " + setting + ((outer != null) ? " = " + outer : " to default")).update();
		return result;
	}

}
