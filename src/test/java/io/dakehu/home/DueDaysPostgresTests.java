package io.dakehu.home;

import io.dakehu.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresIntegrationTest
class DueDaysPostgresTests extends DueDaysTests {

	/**
	 * A run that moves no account between tiers rewrites no row: PostgreSQL gives a row a
	 * new {@code xmin} whenever it is written, with the same values or not.
	 */
	@Test
	void aRecomputationWithNothingChangedWritesNoRow() {
		long account = open(this.kam, "unchanged");
		contact(account, this.today.minusDays(4), null);
		this.dueDays.rebuild();
		String before = xmin(account);
		this.dueDays.rebuild();
		assertThat(xmin(account)).isEqualTo(before);
	}

	private String xmin(long account) {
		return this.jdbc.sql("select cast(xmin as text) from home_due_day where account_id = :id")
			.param("id", account)
			.query(String.class)
			.single();
	}

}
