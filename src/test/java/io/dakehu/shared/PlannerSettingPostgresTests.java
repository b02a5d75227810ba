package io.dakehu.shared;

import io.dakehu.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A planner setting held for a piece of work holds for all of it, whatever the work
 * inside asks for, and is back to what it was after; a failed piece of work leaves
 * nothing that keeps the next transaction on the same thread from setting it.
 */
@PostgresIntegrationTest
class PlannerSettingPostgresTests {

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void workInsideWorkHoldingTheSameSettingLeavesItHeldForTheRest() {
		String[] seen = this.transactions.execute((status) -> {
			String before = show("plan_cache_mode");
			String after = PlannerSetting.during(this.jdbc, "plan_cache_mode", "force_generic_plan", () -> {
				String inside = PlannerSetting.during(this.jdbc, "plan_cache_mode", "force_generic_plan",
						() -> show("plan_cache_mode"));
				assertThat(inside).isEqualTo("force_generic_plan");
				return show("plan_cache_mode");
			});
			return new String[] { before, after, show("plan_cache_mode") };
		});
		assertThat(seen).containsExactly("auto", "force_generic_plan", "auto");
	}

	@Test
	void anotherValueInsideHoldsForItsWorkAndTheOuterValueAfter() {
		String[] seen = this.transactions.execute((status) -> {
			String[] values = new String[3];
			PlannerSetting.during(this.jdbc, "random_page_cost", "1.1", () -> {
				values[0] = PlannerSetting.during(this.jdbc, "random_page_cost", "2",
						() -> PlannerSetting.during(this.jdbc, "plan_cache_mode", "force_custom_plan",
								() -> show("random_page_cost") + " " + show("plan_cache_mode")));
				values[1] = show("random_page_cost") + " " + show("plan_cache_mode");
				return null;
			});
			values[2] = show("random_page_cost");
			return values;
		});
		assertThat(seen).containsExactly("2 force_custom_plan", "1.1 auto", "4");
	}

	@Test
	void aFailedPieceOfWorkLeavesTheNextTransactionToSetItAgain() {
		assertThatIllegalStateException().isThrownBy(() -> this.transactions.executeWithoutResult(
				(status) -> PlannerSetting.during(this.jdbc, "plan_cache_mode", "force_generic_plan", () -> {
					throw new IllegalStateException("the work failed");
				})));
		String next = this.transactions.execute((status) -> PlannerSetting.during(this.jdbc, "plan_cache_mode",
				"force_generic_plan", () -> show("plan_cache_mode")));
		assertThat(next).isEqualTo("force_generic_plan");
	}

	private String show(String setting) {
		return this.jdbc.sql("show " + setting).query(String.class).single();
	}

}
