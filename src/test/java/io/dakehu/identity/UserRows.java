package io.dakehu.identity;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A user's row as the identity tests read it straight from the table, for what the API
 * does not show (the id, the version) or for "nothing was written".
 */
final class UserRows {

	private UserRows() {
	}

	static long id(JdbcClient jdbc, String username) {
		return jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).single();
	}

	static int version(JdbcClient jdbc, String username) {
		return jdbc.sql("select version from app_user where username = ?")
			.param(username)
			.query(Integer.class)
			.single();
	}

	static long named(JdbcClient jdbc, String username) {
		return jdbc.sql("select count(*) from app_user where username = ?").param(username).query(Long.class).single();
	}

}
