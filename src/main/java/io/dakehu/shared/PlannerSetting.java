package io.dakehu.shared;

import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A setting of PostgreSQL's planner held for one piece of work ({@code set local}, back
 * to its default after), so the statements that follow in the same transaction run as
 * ever. The caller's transaction holds the setting until the work is done; PostgreSQL
 * only: H2 has none of these settings.
 */
public final class PlannerSetting {

	private PlannerSetting() {
	}

	public static <T> T during(JdbcClient jdbc, String setting, String value, Supplier<T> work) {
		jdbc.sql("set local " + setting + " = " + value).update();
		T result = work.get();
		jdbc.sql("set local " + setting + " to default").update();
		return result;
	}

}
