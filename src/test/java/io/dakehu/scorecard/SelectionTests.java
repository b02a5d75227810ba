package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customer selection over the API (DOMAIN.md §6): the score of the eight criteria, the
 * three principles (CLV, the owner's and the team's key accounts against their maximums),
 * the result with its reasons, a manager's acceptance making the account a key account,
 * scope and roles, and bad input leaving nothing behind. Expected figures are computed
 * here from the weights and formulas of DOMAIN.md §6 and §3.5.
 */
abstract class SelectionTests extends ApiTestSupport {

	/** DOMAIN.md §6 weights of criteria 1–8. */
	private static final int[] WEIGHTS = { 20, 15, 15, 5, 15, 10, 10, 10 };

	private static final int[] GOOD = { 5, 4, 5, 3, 4, 5, 4, 3 };

	private String manager;

	private String kam;

	private String teammate;

	private String otherKam;

	@BeforeEach
	void people() {
		this.manager = this.given.manager();
		String team = this.given.team(this.manager);
		this.kam = this.given.kam(team, this.manager);
		this.teammate = this.given.kam(team, this.manager);
		this.otherKam = this.given.kam();
		maximum(this.kam, 3);
		maximum(this.teammate, 3);
	}

	@Test
	void goodCriteriaAPositiveLifetimeValueAndRoomRecommendAndAManagerMakesItAKeyAccount() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Promising")).id();
		Response evaluated = evaluate(this.kam, account, ratings(GOOD), 100000, 20, 5000, 5, "MUSHROOM_PICKING")
			.expect(201);
		assertThat(decimal(evaluated, "score")).isEqualByComparingTo(score(GOOD));
		assertThat(evaluated.text("result")).isEqualTo("RECOMMEND");
		assertThat(evaluated.body().get("reasons")).isEmpty();
		assertThat(evaluated.text("strategy")).isEqualTo("MUSHROOM_PICKING");
		assertThat(decimal(evaluated, "clv")).isEqualByComparingTo(clv(100000, 20, 5000, 5));
		assertThat(evaluated.body().get("ownerMaximum").asInt()).isEqualTo(3);
		assertThat(evaluated.body().get("teamCapacity").asInt()).isEqualTo(6);
		assertThat(evaluated.body().get("criteria")).hasSize(8);

		String accept = "/api/v1/selection-evaluations/" + evaluated.id() + "/accept";
		this.api.post(this.kam, accept, json("version", evaluated.version(), "keyAccountType", "STRATEGIC"))
			.expect(403);
		this.api.post(this.otherKam, accept, json("version", evaluated.version(), "keyAccountType", "STRATEGIC"))
			.expect(404);
		Response noType = this.api.post(this.manager, accept, json("version", evaluated.version())).expect(400);
		assertThat(noType.body().get("errors").get(0).get("field").asString()).isEqualTo("keyAccountType");
		Response accepted = this.api
			.post(this.manager, accept, json("version", evaluated.version(), "keyAccountType", "STRATEGIC"))
			.expect(200);
		assertThat(accepted.body().get("accepted").asBoolean()).isTrue();
		assertThat(accepted.text("acceptedBy")).isEqualTo(this.manager);
		Response shown = this.api.get(this.kam, "/api/v1/accounts/" + account).expect(200);
		assertThat(shown.text("keyAccountType")).isEqualTo("STRATEGIC");
		assertThat(shown.text("owner")).isEqualTo(this.kam);
		this.api.post(this.manager, accept, json("version", evaluated.version(), "keyAccountType", "STRATEGIC"))
			.expect(409);
		assertThat(this.api.get(this.kam, "/api/v1/accounts/" + account + "/selection-evaluations").expect(200).body())
			.hasSize(1);
	}

	@Test
	void anOwnerAtTheirMaximumOfKeyAccountsMakesItAReview() {
		keyAccount(this.kam);
		maximum(this.kam, 1);
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("One too many")).id();
		Response evaluated = evaluate(this.kam, account, ratings(GOOD), 100000, 20, 5000, 5, null).expect(201);
		// The owner holds 1 of 1; the team 1 of 1 + 3.
		assertThat(evaluated.text("result")).isEqualTo("REVIEW");
		assertThat(reasons(evaluated)).containsExactly("OWNER_AT_MAXIMUM");
		assertThat(evaluated.body().get("ownerKeyAccounts").asInt()).isEqualTo(1);
		assertThat(evaluated.body().get("ownerHasRoom").asBoolean()).isFalse();
		assertThat(evaluated.body().get("teamHasRoom").asBoolean()).isTrue();
		String accept = "/api/v1/selection-evaluations/" + evaluated.id() + "/accept";
		Response refused = this.api
			.post(this.manager, accept, json("version", evaluated.version(), "keyAccountType", "ECONOMIC"))
			.expect(400);
		assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("result");
	}

	@Test
	void acceptingIsRefusedWhenTheOwnerHasReachedTheirMaximumSinceTheEvaluation() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Overtaken")).id();
		Response evaluated = evaluate(this.kam, account, ratings(GOOD), 100000, 20, 5000, 5, null).expect(201);
		assertThat(evaluated.text("result")).isEqualTo("RECOMMEND");
		// Since then the owner took a key account and their maximum came down to 1.
		keyAccount(this.kam);
		maximum(this.kam, 1);
		String accept = "/api/v1/selection-evaluations/" + evaluated.id() + "/accept";
		Response refused = this.api
			.post(this.manager, accept, json("version", evaluated.version(), "keyAccountType", "ECONOMIC"))
			.expect(400);
		JsonNode error = refused.body().get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo("owner");
		assertThat(error.get("message").asString()).contains("already holds their maximum of key accounts (1 of 1)");
		assertThat(this.api.get(this.kam, "/api/v1/accounts/" + account).expect(200).text("keyAccountType")).isNull();
		assertThat(this.api.get(this.kam, "/api/v1/selection-evaluations/" + evaluated.id())
			.expect(200)
			.body()
			.get("accepted")
			.asBoolean()).isFalse();
		// With room again the same recommendation is accepted.
		maximum(this.kam, 2);
		this.api.post(this.manager, accept, json("version", evaluated.version(), "keyAccountType", "ECONOMIC"))
			.expect(200);
	}

	@Test
	void aTeamBeyondItsCapacityMakesItAReviewThoughTheOwnerHasRoom() {
		// The teammate holds 3 key accounts but may hold none: the team holds 3 of 3 + 0.
		keyAccount(this.teammate);
		keyAccount(this.teammate);
		keyAccount(this.teammate);
		maximum(this.teammate, 0);
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Team full")).id();
		Response evaluated = evaluate(this.kam, account, ratings(GOOD), 100000, 20, 5000, 5, null).expect(201);
		assertThat(evaluated.text("result")).isEqualTo("REVIEW");
		assertThat(reasons(evaluated)).containsExactly("TEAM_AT_CAPACITY");
		assertThat(evaluated.body().get("teamKeyAccounts").asInt()).isEqualTo(3);
		assertThat(evaluated.body().get("teamCapacity").asInt()).isEqualTo(3);
		assertThat(evaluated.body().get("ownerHasRoom").asBoolean()).isTrue();
	}

	@Test
	void aScoreBelowFiftyIsRejected() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Weak")).id();
		int[] weak = { 3, 3, 3, 3, 3, 2, 1, 1 };
		BigDecimal expected = score(weak);
		assertThat(expected).isLessThan(new BigDecimal("50"));
		Response evaluated = evaluate(this.kam, account, ratings(weak), 100000, 20, 5000, 5, "FISHING").expect(201);
		assertThat(decimal(evaluated, "score")).isEqualByComparingTo(expected);
		assertThat(evaluated.text("result")).isEqualTo("REJECT");
		assertThat(reasons(evaluated)).containsExactly("SCORE_TOO_LOW");
	}

	@Test
	void aLifetimeValueOfZeroIsRejectedWhateverTheScore() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("No margin")).id();
		// 100 000 × 5 % − 5 000 = 0 a year.
		Response evaluated = evaluate(this.kam, account, ratings(GOOD), 100000, 5, 5000, 5, null).expect(201);
		assertThat(decimal(evaluated, "clv")).isEqualByComparingTo(clv(100000, 5, 5000, 5)).isZero();
		assertThat(evaluated.text("result")).isEqualTo("REJECT");
		assertThat(reasons(evaluated)).containsExactly("CLV_NOT_POSITIVE");
	}

	@Test
	void anotherKamsAccountIsNotFoundAndBadInputNamesTheFieldAndSavesNothing() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Guarded")).id();
		evaluate(this.otherKam, account, ratings(GOOD), 100000, 20, 5000, 5, null).expect(404);
		this.api.get(this.otherKam, "/api/v1/accounts/" + account + "/selection-evaluations").expect(404);

		Map<String, Object> outOfRange = ratings(GOOD);
		outOfRange.put("3", 6);
		assertField(evaluate(this.kam, account, outOfRange, 100000, 20, 5000, 5, null), "inputs.3", "#3");
		Map<String, Object> missing = ratings(GOOD);
		missing.remove("8");
		assertField(evaluate(this.kam, account, missing, 100000, 20, 5000, 5, null), "inputs.8", "#8");
		Map<String, Object> unknown = ratings(GOOD);
		unknown.put("9", 3);
		assertField(evaluate(this.kam, account, unknown, 100000, 20, 5000, 5, null), "inputs.9", "9");
		assertField(evaluate(this.kam, account, ratings(GOOD), "lots", 20, 5000, 5, null), "expectedYearlyPurchases",
				null);
		assertField(evaluate(this.kam, account, ratings(GOOD), 100000, 250, 5000, 5, null), "expectedMarginPercent",
				null);
		assertField(evaluate(this.kam, account, ratings(GOOD), 100000, 20, 5000, 0, null), "years", null);
		assertField(evaluate(this.kam, account, ratings(GOOD), 100000, 20, 5000, 5, "GUESSING"), "strategy", null);
		this.api.put(this.kam, "/api/v1/key-account-limits/" + this.kam, json("maximum", 100)).expect(403);
		assertThat(this.jdbc.sql("select count(*) from selection_evaluation where account_id = :a")
			.param("a", account)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void theFunnelCountsEvaluatedRecommendedAcceptedAndBecameCustomers() {
		long won = this.given.accountOwnedBy(this.kam, Fixtures.unique("Funnel won")).id();
		long waiting = this.given.accountOwnedBy(this.kam, Fixtures.unique("Funnel waiting")).id();
		long weak = this.given.accountOwnedBy(this.kam, Fixtures.unique("Funnel weak")).id();
		Response recommended = evaluate(this.kam, won, ratings(GOOD), 100000, 20, 5000, 5, null).expect(201);
		evaluate(this.kam, waiting, ratings(GOOD), 100000, 20, 5000, 5, null).expect(201);
		evaluate(this.kam, weak, ratings(new int[] { 1, 1, 1, 1, 1, 1, 1, 1 }), 100000, 20, 5000, 5, null).expect(201);
		this.api
			.post(this.manager, "/api/v1/selection-evaluations/" + recommended.id() + "/accept",
					json("version", recommended.version(), "keyAccountType", "ECONOMIC"))
			.expect(200);
		Response funnel = this.api.get(this.kam, "/api/v1/selection-funnel").expect(200);
		assertThat(List.of(funnel.body().get("evaluated").asLong(), funnel.body().get("recommended").asLong(),
				funnel.body().get("accepted").asLong(), funnel.body().get("customers").asLong()))
			.containsExactly(3L, 2L, 1L, 0L);
		this.api
			.post(Api.ADMIN, "/api/v1/orders",
					json("accountId", won, "date", java.time.LocalDate.now().minusDays(1), "amount", 1000))
			.expect(201);
		assertThat(this.api.get(this.kam, "/api/v1/selection-funnel").expect(200).body().get("customers").asLong())
			.isEqualTo(1);
		assertThat(this.api.get(this.otherKam, "/api/v1/selection-funnel").expect(200).body().get("evaluated").asLong())
			.isZero();
	}

	private void assertField(Response response, String field, String named) {
		JsonNode error = response.expect(400).body().get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo(field);
		if (named != null) {
			assertThat(error.get("message").asString()).contains(named);
		}
	}

	private static Map<String, Object> ratings(int[] ratings) {
		Map<String, Object> inputs = new HashMap<>();
		for (int i = 0; i < ratings.length; i++) {
			inputs.put(String.valueOf(i + 1), ratings[i]);
		}
		return inputs;
	}

	/** Σ weight × (rating − 1) ÷ 4. */
	private static BigDecimal score(int[] ratings) {
		BigDecimal total = BigDecimal.ZERO;
		for (int i = 0; i < ratings.length; i++) {
			total = total.add(BigDecimal.valueOf(WEIGHTS[i] * (ratings[i] - 1)).divide(BigDecimal.valueOf(4)));
		}
		return total;
	}

	/** (purchases × margin − cost) × (1 − (1 + r)^−years) ÷ r at the settings' rate. */
	private BigDecimal clv(double purchases, double margin, double cost, int years) {
		double rate = this.api.get(Api.ADMIN, "/api/v1/segmentation/settings")
			.expect(200)
			.body()
			.get("clvDiscountPercent")
			.asDouble() / 100;
		double factor = (rate == 0) ? years : (1 - Math.pow(1 + rate, -years)) / rate;
		return BigDecimal.valueOf((purchases * margin / 100 - cost) * factor).setScale(2, RoundingMode.HALF_UP);
	}

	private Response evaluate(String user, long account, Map<String, Object> inputs, Object purchases, Object margin,
			Object cost, Object years, String strategy) {
		Map<String, Object> body = new HashMap<>();
		body.put("inputs", inputs);
		body.put("expectedYearlyPurchases", purchases);
		body.put("expectedMarginPercent", margin);
		body.put("expectedContactCost", cost);
		body.put("years", years);
		body.put("strategy", strategy);
		return this.api.post(user, "/api/v1/accounts/" + account + "/selection-evaluations", body);
	}

	private void maximum(String user, int maximum) {
		this.api.put(Api.ADMIN, "/api/v1/key-account-limits/" + user, json("maximum", maximum)).expect(200);
	}

	private void keyAccount(String owner) {
		this.given.account(Api.ADMIN,
				json("name", Fixtures.unique("Held key"), "owner", owner, "keyAccountType", "ECONOMIC"));
	}

	private static List<String> reasons(Response response) {
		List<String> reasons = new ArrayList<>();
		response.body().get("reasons").forEach((r) -> reasons.add(r.asString()));
		return reasons;
	}

	private static BigDecimal decimal(Response response, String field) {
		return response.body().get(field).decimalValue();
	}

}
