package io.dakehu.opportunity;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Win probabilities from history: per buying step, the opportunities closed in the last
 * 24 months that reached it, and how many of them were won. The database is shared with
 * other tests, so the test compares the counts before and after adding its own
 * opportunities, whose contribution it works out from their paths.
 */
abstract class WinRateTests extends ApiTestSupport {

	private static final List<Stage> STEPS = Stage.open();

	@Test
	void eachStepsShareCountsTheClosedOpportunitiesThatReachedItAndWereWon() {
		String kam = this.given.kam();
		long account = this.given.account(kam, json("name", Fixtures.unique("Buyer"))).id();
		LocalDate recent = LocalDate.now().minusDays(30);
		List<Deal> deals = List.of(
				new Deal(List.of(Stage.PROBLEM_RECOGNITION, Stage.PRODUCT_SPECIFICATION), false, recent),
				new Deal(List.of(Stage.PROBLEM_RECOGNITION, Stage.NEED_DESCRIPTION, Stage.SUPPLIER_SELECTION), true,
						recent),
				new Deal(List.of(Stage.NEED_DESCRIPTION), false, recent),
				new Deal(List.of(Stage.PROBLEM_RECOGNITION), true, recent),
				new Deal(List.of(Stage.PROBLEM_RECOGNITION, Stage.ORDER), false, recent),
				new Deal(List.of(Stage.PROBLEM_RECOGNITION, Stage.SUPPLIER_SEARCH), false,
						LocalDate.now().minusYears(3)),
				new Deal(List.of(Stage.PROBLEM_RECOGNITION, Stage.PROPOSAL_SOLICITATION), null, null));
		Map<Stage, long[]> before = rates();

		for (Deal deal : deals) {
			deal.play(this.api, kam, account);
		}

		Map<Stage, long[]> after = rates();
		LocalDate windowStart = LocalDate.now().minusMonths(24);
		for (Stage step : STEPS) {
			long reached = 0;
			long won = 0;
			for (Deal deal : deals) {
				if (deal.won() == null || deal.closed().isBefore(windowStart)) {
					continue;
				}
				int furthest = deal.won() ? STEPS.size() - 1
						: deal.path().stream().mapToInt(STEPS::indexOf).max().orElseThrow();
				if (furthest >= STEPS.indexOf(step)) {
					reached++;
					won += deal.won() ? 1 : 0;
				}
			}
			assertThat(after.get(step)[0] - before.get(step)[0]).as("reached %s", step).isEqualTo(reached);
			assertThat(after.get(step)[1] - before.get(step)[1]).as("won at %s", step).isEqualTo(won);
			long[] total = after.get(step);
			assertThat(after.get(step)[2]).as("percent at %s", step)
				.isEqualTo((total[0] > 0) ? Math.round(100.0 * total[1] / total[0]) : -1);
		}
	}

	@Test
	void anAdministratorAdoptsHistoryAndTheChangeIsAudited() {
		String kam = this.given.kam();
		long account = this.given.account(kam, json("name", Fixtures.unique("Buyer"))).id();
		new Deal(List.of(Stage.PROBLEM_RECOGNITION, Stage.NEED_DESCRIPTION), true, LocalDate.now()).play(this.api, kam,
				account);
		Response configured = this.api.get(Api.ADMIN, "/api/v1/stage-probabilities").expect(200);
		Map<String, Object> original = new HashMap<>();
		configured.body().properties().forEach((entry) -> original.put(entry.getKey(), entry.getValue().asInt()));
		try {
			this.api.post(kam, "/api/v1/stage-probabilities/adopt", json("stages", List.of("NEED_DESCRIPTION")))
				.expect(403);
			long expected = rates().get(Stage.NEED_DESCRIPTION)[2];
			Response adopted = this.api
				.post(Api.ADMIN, "/api/v1/stage-probabilities/adopt", json("stages", List.of("NEED_DESCRIPTION")))
				.expect(200);
			assertThat(adopted.body().get("NEED_DESCRIPTION").asLong()).isEqualTo(expected);
			assertThat(this.jdbc
				.sql("""
						select count(*) from audit_log
						where entity_type = 'StageProbability' and field = 'history.NEED_DESCRIPTION' and actor = 'admin'""")
				.query(Long.class)
				.single()).isPositive();
		}
		finally {
			this.api.put(Api.ADMIN, "/api/v1/stage-probabilities", original).expect(200);
		}
	}

	/** Per step: reached, won, and the percent shown (-1 when there is none). */
	private Map<Stage, long[]> rates() {
		Map<Stage, long[]> rates = new HashMap<>();
		for (JsonNode rate : this.api.get(Api.ADMIN, "/api/v1/stage-probabilities/history").expect(200).items()) {
			rates.put(Stage.valueOf(rate.get("stage").asString()), new long[] { rate.get("reached").asLong(),
					rate.get("won").asLong(), rate.get("percent").isNull() ? -1 : rate.get("percent").asLong() });
		}
		return rates;
	}

	/**
	 * An opportunity opened in the first step of its path, moved along the rest, then
	 * won, lost or left open (null) on the given day.
	 */
	private record Deal(List<Stage> path, Boolean won, LocalDate closed) {

		void play(Api api, String kam, long account) {
			Response opened = api
				.post(kam, "/api/v1/opportunities",
						json("accountId", account, "name", "Deal", "amount", 100, "stage", this.path.get(0)))
				.expect(201);
			int version = opened.version();
			for (Stage stage : this.path.subList(1, this.path.size())) {
				version = api
					.post(kam, "/api/v1/opportunities/" + opened.id() + "/stage",
							json("stage", stage, "version", version))
					.expect(200)
					.version();
			}
			if (this.won == null) {
				return;
			}
			api.post(kam, "/api/v1/opportunities/" + opened.id() + (this.won ? "/win" : "/lose"), this.won
					? json("amount", 100, "closeDate", this.closed, "version", version)
					: json("reason", "price", "competitor", "Rival", "closeDate", this.closed, "version", version))
				.expect(200);
		}

	}

}
