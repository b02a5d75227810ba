package io.dakehu.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How PostgreSQL planned the prepared statements of the current connection whose text
 * matches a LIKE pattern, summed: the executions that used the statement's generic plan
 * and those planned for their own values. Read inside the transaction whose connection
 * ran the statements.
 */
public record PreparedPlans(long generic, long custom) {

	public static PreparedPlans matching(JdbcClient jdbc, String pattern) {
		return jdbc.sql(
				"select sum(generic_plans), sum(custom_plans) from pg_prepared_statements where statement like :pattern")
			.param("pattern", pattern)
			.query((rs, n) -> new PreparedPlans(rs.getLong(1), rs.getLong(2)))
			.single();
	}

}
