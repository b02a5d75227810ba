package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.OutboxWatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credit ratings and scorecards over the API (DOMAIN.md §5): the defaults as loaded, a
 * rating's score from inputs, computed years and an override, the suggested and accepted
 * credit, scope and roles, bad input leaving nothing behind, the due list, and a new
 * scorecard version leaving earlier ratings as they were.
 */
abstract class CreditRatingTests extends ApiTestSupport {

	@Autowired
	private Clock clock;

	private String manager;

	private String kam;

	private String otherKam;

	private LocalDate quarterStart;

	private String quarter;

	@BeforeEach
	void people() {
		this.manager = this.given.manager();
		String team = this.given.team(this.manager);
		this.kam = this.given.kam(team, null);
		this.otherKam = this.given.kam();
		LocalDate today = LocalDate.now();
		this.quarterStart = LocalDate.of(today.getYear(), ((today.getMonthValue() - 1) / 3) * 3 + 1, 1);
		this.quarter = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
	}

	/**
	 * Values with their points from DOMAIN.md §5 written beside them: non-financial 3 + 4
	 * + 2 + 4 + 10 + 6 + 5 + 5 + 5 + 6 = 50 plus #1 and #15; financial 4 + 3 + 2 + 3 + 2
	 * + 4 + 2 + 2 = 22.
	 */
	static Map<String, Object> goodInputs() {
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("2", 4); // 3
		inputs.put("3", 5); // 4
		inputs.put("4", 3); // 2
		inputs.put("5", 0); // 4
		inputs.put("6", 95); // 10
		inputs.put("7", 10); // 6
		inputs.put("8", 99); // 5
		inputs.put("9", 0); // 5
		inputs.put("10", 52.5); // 4 (F)
		inputs.put("11", 1.6); // 3 (F)
		inputs.put("12", 0.9); // 2 (F)
		inputs.put("13", 7); // 3 (F)
		inputs.put("14", 5); // 2 (F)
		inputs.put("16", 4); // 5
		inputs.put("17", 5); // 6
		inputs.put("18", 12); // 4 (F)
		inputs.put("19", 9); // 2 (F)
		inputs.put("20", 5); // 2 (F)
		return inputs;
	}

	@Test
	void theDefaultCreditCardIsTheOneDomainDescribes() {
		JsonNode card = currentCard("CREDIT");
		List<Indicator> expected = DomainCreditCard.indicators();
		assertThat(card.get("indicators")).hasSize(20);
		for (int i = 0; i < 20; i++) {
			JsonNode indicator = card.get("indicators").get(i);
			Indicator domain = expected.get(i);
			assertThat(indicator.get("number").asInt()).isEqualTo(domain.number());
			assertThat(indicator.get("financial").asBoolean()).as("#%d financial", domain.number())
				.isEqualTo(domain.financial());
			assertThat(indicator.get("points").decimalValue()).as("#%d points", domain.number())
				.isEqualByComparingTo(domain.points());
			assertThat(indicator.get("inputType").asString()).isEqualTo(domain.inputType().name());
			assertThat(indicator.get("source").asString()).isEqualTo(domain.source().name());
			assertThat(indicator.get("nameZh").asString()).isNotBlank();
			assertThat(indicator.get("nameEn").asString()).isNotBlank();
			List<String> bands = new ArrayList<>();
			indicator.get("bands")
				.forEach((b) -> bands.add(b.get("op").asString() + " "
						+ (b.get("threshold").isNull() ? "" : new BigDecimalOrText(b.get("threshold").asString())) + "="
						+ b.get("points").decimalValue().stripTrailingZeros().toPlainString()));
			List<String> domainBands = domain.bands()
				.stream()
				.map((b) -> b.op() + " " + ((b.threshold() == null) ? "" : new BigDecimalOrText(b.threshold())) + "="
						+ b.points().toPlainString())
				.toList();
			assertThat(bands).as("#%d bands", domain.number()).isEqualTo(domainBands);
		}
		List<String> grades = new ArrayList<>();
		card.get("grades")
			.forEach((g) -> grades.add(g.get("code").asString() + ">=" + g.get("minScore").decimalValue().intValue()));
		assertThat(grades).containsExactly("AAA>=90", "AA>=80", "A>=70", "B>=60", "C>=0");
	}

	@Test
	void theSelectionAndChannelCardsWeighTheirCriteriaAsDomainSays() {
		JsonNode selection = currentCard("SELECTION");
		// Integrity weighs 20: rating 4 gives 20 × 3 / 4 = 15; development cost weighs
		// 10.
		assertThat(points(selection, 1, "4")).isEqualByComparingTo("15");
		assertThat(points(selection, 6, "3")).isEqualByComparingTo("5");
		assertThat(points(selection, 4, "1")).isEqualByComparingTo("0");
		JsonNode channel = currentCard("CHANNEL");
		// Company size weighs 15: rating 3 gives 15 × 3 / 5 = 9; coverage 20 × 1 / 5 = 4.
		assertThat(points(channel, 4, "3")).isEqualByComparingTo("9");
		assertThat(points(channel, 1, "1")).isEqualByComparingTo("4");
		List<String> bands = new ArrayList<>();
		channel.get("grades").forEach((g) -> bands.add(g.get("code").asString()));
		assertThat(bands).containsExactly("CORE", "QUALIFIED", "PROBATION", "NOT_QUALIFIED");
	}

	@Test
	void aRatingScoresTheInputsWithYearsFromTheFirstPurchaseAndSuggestsCredit() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Credit buyer")).id();
		// First purchase 3 years and 30 days before the quarter: ≥ 3 years, 3 points.
		order(account, this.quarterStart.minusYears(3).minusDays(30), 5000);
		// The twelve months before the quarter: 20 000 + 40 000.
		order(account, this.quarterStart.minusDays(200), 20000);
		order(account, this.quarterStart.minusDays(100), 40000);
		// In the quarter itself: not yet part of the figures.
		order(account, this.quarterStart, 7000);

		Response rated = rate(this.kam, account, goodInputs(),
				Map.of("15", json("value", "VIP", "reason", "Its parent buys through us")))
			.expect(201);
		// Non-financial 50 + #1 3 + #15 8 = 61; financial 22; 83 is AA.
		assertThat(decimal(rated, "nonFinancial")).isEqualByComparingTo("61");
		assertThat(decimal(rated, "financial")).isEqualByComparingTo("22");
		assertThat(decimal(rated, "score")).isEqualByComparingTo("83");
		assertThat(rated.text("grade")).isEqualTo("AA");
		assertThat(rated.body().get("provisional").asBoolean()).isFalse();
		JsonNode years = rated.body().get("indicators").get(0);
		assertThat(new BigDecimal(years.get("value").asString())).isBetween(new BigDecimal("3"), new BigDecimal("3.1"));
		assertThat(years.get("points").decimalValue()).isEqualByComparingTo("3");
		JsonNode tier = rated.body().get("indicators").get(14);
		assertThat(tier.get("value").asString()).isEqualTo("VIP");
		assertThat(tier.get("computed").asString()).isEqualTo("NONE");
		assertThat(tier.get("overrideReason").asString()).isEqualTo("Its parent buys through us");
		// AA: 20 % of 60 000, 60 days.
		assertThat(decimal(rated, "purchases12m")).isEqualByComparingTo("60000");
		assertThat(decimal(rated, "suggestedLimit")).isEqualByComparingTo("12000");
		assertThat(rated.body().get("suggestedTermsDays").asInt()).isEqualTo(60);
		assertThat(this.api.get(this.kam, "/api/v1/accounts/" + account + "/credit-ratings").expect(200).body())
			.hasSize(1);
		assertThat(this.jdbc
			.sql("select count(*) from audit_log where entity_type = 'CreditRating' and entity_id = :id"
					+ " and field = 'override15'")
			.param("id", rated.id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void anAccountWithContractsIsRatedOnItsPaymentRecordBeforeTheQuarter() {
		LocalDate start = Quarter.of(LocalDate.now(this.clock)).firstDay();
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Paying buyer")).id();
		// Signed 300 days before the quarter: 8 500 due 200 days before it, paid 5 days
		// early; 1 500 due 100 days before it, paid 20 days late.
		Response created = this.api.post(this.kam, "/api/v1/contracts",
				json("accountId", account, "signedDate", start.minusDays(300).toString(), "amount", "10000",
						"instalments", List.of(json("dueDate", start.minusDays(200).toString(), "amount", "8500"),
								json("dueDate", start.minusDays(100).toString(), "amount", "1500"))))
			.expect(201);
		long contract = this.api
			.post(this.kam, "/api/v1/contracts/" + created.id() + "/activate", json("version", created.version()))
			.expect(200)
			.id();
		receipt(contract, start.minusDays(205), "8500");
		receipt(contract, start.minusDays(80), "1500");

		// #6: 8 500 of 10 000 on time; #7: (8 500 × 0 + 1 500 × 20) / 10 000 days.
		BigDecimal onTime = new BigDecimal("8500").multiply(BigDecimal.valueOf(100))
			.divide(new BigDecimal("10000"), 1, java.math.RoundingMode.HALF_UP);
		BigDecimal daysLate = new BigDecimal("1500").multiply(BigDecimal.valueOf(20))
			.divide(new BigDecimal("10000"), 1, java.math.RoundingMode.HALF_UP);
		// DOMAIN.md §5: ≥ 80 % → 7 points; ≤ 15 days → 6; no default → 5.
		int onTimePoints = (onTime.compareTo(BigDecimal.valueOf(98)) >= 0) ? 12
				: (onTime.compareTo(BigDecimal.valueOf(90)) >= 0) ? 10
						: (onTime.compareTo(BigDecimal.valueOf(80)) >= 0) ? 7 : 4;
		int latePoints = (daysLate.signum() == 0) ? 8 : (daysLate.compareTo(BigDecimal.valueOf(15)) <= 0) ? 6 : 4;

		// Computed figures are not entered: #6 among the inputs is refused, nothing
		// saved.
		Response refused = rate(this.kam, account, goodInputs(), Map.of()).expect(400);
		assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("inputs.6");
		Map<String, Object> inputs = goodInputs();
		inputs.remove("6");
		inputs.remove("7");
		inputs.remove("9");
		// No contract ended before the quarter: #8 stays entered (99 % → 5 points).
		Response rated = rate(this.kam, account, inputs, Map.of()).expect(201);
		JsonNode lines = rated.body().get("indicators");
		assertThat(new BigDecimal(lines.get(5).get("computed").asString())).isEqualByComparingTo(onTime);
		assertThat(lines.get(5).get("points").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(onTimePoints));
		assertThat(new BigDecimal(lines.get(6).get("value").asString())).isEqualByComparingTo(daysLate);
		assertThat(lines.get(6).get("points").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(latePoints));
		assertThat(lines.get(7).get("computed").isNull()).isTrue();
		assertThat(lines.get(7).get("points").decimalValue()).isEqualByComparingTo("5");
		assertThat(lines.get(8).get("computed").asString()).isEqualTo("0");
		assertThat(lines.get(8).get("points").decimalValue()).isEqualByComparingTo("5");
		// goodInputs gives 50 non-financial with 10 for #6, 6 for #7 and 5 for #9; no
		// purchase and no tier add 0; financial 22.
		BigDecimal expected = BigDecimal.valueOf(50 - 10 - 6 - 5 + onTimePoints + latePoints + 5 + 22);
		assertThat(decimal(rated, "score")).isEqualByComparingTo(expected);
		assertThat(rated.body().get("provisional").asBoolean()).isFalse();

		// The rater overrides a computed figure only with a reason, and it counts.
		rate(this.kam, account, inputs, Map.of("6", json("value", 99, "reason", ""))).expect(400);
		Response overridden = rate(this.kam, account, inputs,
				Map.of("6", json("value", 99, "reason", "Late only by the bank's holiday")))
			.expect(201);
		assertThat(decimal(overridden, "score"))
			.isEqualByComparingTo(expected.add(BigDecimal.valueOf(12 - onTimePoints)));
		assertThat(overridden.body().get("indicators").get(5).get("overrideReason").asString())
			.isEqualTo("Late only by the bank's holiday");
	}

	@Test
	void aMissingInputScoresNothingAndTheGradeIsProvisional() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Half known")).id();
		Map<String, Object> inputs = goodInputs();
		inputs.remove("6");
		Response rated = rate(this.kam, account, inputs, Map.of()).expect(201);
		// No purchase: #1 is 0 years (0 points); the new account is in no run: #15 NONE,
		// 0. 50 − 10 (#6 missing) + 22 = 62, B.
		assertThat(decimal(rated, "score")).isEqualByComparingTo("62");
		assertThat(rated.text("grade")).isEqualTo("B");
		assertThat(rated.body().get("provisional").asBoolean()).isTrue();
		assertThat(rated.body().get("indicators").get(5).get("value").isNull()).isTrue();
		assertThat(decimal(rated, "suggestedLimit")).isEqualByComparingTo("0");
		assertThat(rated.body().get("suggestedTermsDays").asInt()).isEqualTo(30);
	}

	@Test
	void badInputIsRefusedNamingTheIndicatorAndNothingIsSaved() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Bad figures")).id();
		List<Object[]> cases = List.of(new Object[] { "2", 6, "inputs.2" }, new Object[] { "10", 250, "inputs.10" },
				new Object[] { "11", "abc", "inputs.11" }, new Object[] { "99", 1, "inputs.99" },
				new Object[] { "1", 4, "inputs.1" });
		for (Object[] bad : cases) {
			Map<String, Object> inputs = goodInputs();
			inputs.put((String) bad[0], bad[1]);
			Response refused = rate(this.kam, account, inputs, Map.of()).expect(400);
			JsonNode error = refused.body().get("errors").get(0);
			assertThat(error.get("field").asString()).isEqualTo(bad[2]);
			assertThat(error.get("message").asString()).as("%s", bad[0]).contains((String) bad[0]);
		}
		Response noReason = rate(this.kam, account, goodInputs(), Map.of("1", json("value", 9, "reason", "")))
			.expect(400);
		assertThat(noReason.body().get("errors").get(0).get("field").asString()).isEqualTo("overrides.1.reason");
		this.api
			.post(this.kam, "/api/v1/accounts/" + account + "/credit-ratings",
					json("quarter", "2026-Q5", "inputs", goodInputs()))
			.expect(400);
		assertThat(this.jdbc.sql("select count(*) from credit_rating where account_id = :a")
			.param("a", account)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void onlyAManagerGrantsCreditAndAnotherKamsAccountIsNotFound() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Credit line")).id();
		OutboxWatch watch = OutboxWatch.subscribe(this.api, this.jdbc, "account.credit_grade_changed");
		order(account, this.quarterStart.minusDays(10), 10000);
		rate(this.otherKam, account, goodInputs(), Map.of()).expect(404);
		this.api.get(this.otherKam, "/api/v1/accounts/" + account + "/credit-ratings").expect(404);
		Response rated = rate(this.kam, account, goodInputs(), Map.of()).expect(201);
		// No first purchase before the quarter's year... one 10 days before: 0.02 years,
		// 1 point; #15 NONE 0: 50 + 1 + 22 = 73, A: 15 % of 10 000 and 45 days.
		assertThat(rated.text("grade")).isEqualTo("A");
		assertThat(decimal(rated, "suggestedLimit")).isEqualByComparingTo("1500");
		String accept = "/api/v1/credit-ratings/" + rated.id() + "/accept";
		this.api.post(this.kam, accept, json("version", rated.version())).expect(403);
		this.api.post(this.otherKam, accept, json("version", rated.version())).expect(404);
		Response overridden = this.api
			.post(this.manager, accept, json("version", rated.version(), "limit", 2000, "termsDays", 30))
			.expect(400);
		assertThat(overridden.body().get("errors").get(0).get("field").asString()).isEqualTo("note");
		Response accepted = this.api
			.post(this.manager, accept,
					json("version", rated.version(), "limit", 2000, "termsDays", 30, "note", "Long-standing payer"))
			.expect(200);
		assertThat(decimal(accepted, "acceptedLimit")).isEqualByComparingTo("2000");
		assertThat(accepted.text("acceptedBy")).isEqualTo(this.manager);
		this.api.post(this.manager, accept, json("version", rated.version())).expect(409);

		Response credit = this.api.get(this.kam, "/api/v1/accounts/" + account + "/credit").expect(200);
		assertThat(credit.text("grade")).isEqualTo("A");
		assertThat(decimal(credit, "limit")).isEqualByComparingTo("2000");
		assertThat(credit.body().get("termsDays").asInt()).isEqualTo(30);

		// A worse rating: the grade falls, the granted credit stays until accepted anew.
		Map<String, Object> poor = new HashMap<>();
		poor.put("2", 1);
		Response fallen = rate(this.kam, account, poor, Map.of()).expect(201);
		assertThat(fallen.text("grade")).isEqualTo("C");
		credit = this.api.get(this.kam, "/api/v1/accounts/" + account + "/credit").expect(200);
		assertThat(credit.text("grade")).isEqualTo("C");
		assertThat(credit.text("grantedGrade")).isEqualTo("A");
		// Other systems hear of the fall, not of the first grade.
		try (watch) {
			List<JsonNode> told = watch.payloads("account.credit_grade_changed", account);
			assertThat(told).hasSize(1);
			assertThat(told.get(0).get("previousGrade").asString()).isEqualTo("A");
			assertThat(told.get(0).get("grade").asString()).isEqualTo("C");
			assertThat(told.get(0).get("downgrade").asBoolean()).isTrue();
			assertThat(told.get(0).get("ratingId").asLong()).isEqualTo(fallen.id());
			assertThat(told.get(0).get("quarter").asString()).isEqualTo(this.quarter);
		}
		List<Map<String, Object>> audit = this.jdbc
			.sql("select actor, new_value from audit_log where entity_type = 'CreditRating' and entity_id = :id"
					+ " and field = 'acceptedLimit'")
			.param("id", rated.id())
			.query()
			.listOfRows();
		assertThat(audit).hasSize(1);
		assertThat(audit.get(0).get("actor")).isEqualTo(this.manager);
	}

	@Test
	void theDueListShowsAccountsNotYetRatedThisQuarterKeyAccountsFirst() {
		long plain = this.given.accountOwnedBy(this.kam, Fixtures.unique("Due plain")).id();
		long key = this.given
			.account(Api.ADMIN,
					json("name", Fixtures.unique("Due key"), "owner", this.kam, "keyAccountType", "STRATEGIC"))
			.id();
		JsonNode due = this.api.get(this.kam, "/api/v1/credit-ratings/due").expect(200).body();
		assertThat(due.get("quarter").asString()).isEqualTo(this.quarter);
		List<Long> ids = new ArrayList<>();
		due.get("accounts").forEach((a) -> ids.add(a.get("accountId").asLong()));
		assertThat(ids).containsSubsequence(key, plain);
		assertThat(due.get("total").asLong()).isEqualTo(ids.size());
		rate(this.kam, plain, goodInputs(), Map.of()).expect(201);
		List<Long> after = new ArrayList<>();
		this.api.get(this.kam, "/api/v1/credit-ratings/due")
			.expect(200)
			.body()
			.get("accounts")
			.forEach((a) -> after.add(a.get("accountId").asLong()));
		assertThat(after).contains(key).doesNotContain(plain);
		List<Long> others = new ArrayList<>();
		this.api.get(this.otherKam, "/api/v1/credit-ratings/due")
			.expect(200)
			.body()
			.get("accounts")
			.forEach((a) -> others.add(a.get("accountId").asLong()));
		assertThat(others).doesNotContain(key);
	}

	@Test
	void aNewVersionScoresLaterRatingsAndLeavesEarlierOnesAsTheyWere() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Versioned")).id();
		Response before = rate(this.kam, account, goodInputs(), Map.of()).expect(201);
		// 50 + 0 + 0 + 22 = 72: A under the default grades.
		assertThat(before.text("grade")).isEqualTo("A");
		JsonNode summary = card("CREDIT");
		long cardId = summary.get("id").asLong();
		JsonNode current = currentCard("CREDIT");
		Map<String, Object> draft = new HashMap<>();
		draft.put("version", summary.get("version").asInt());
		draft.put("nameZh", "客户信用等级");
		draft.put("nameEn", "Credit rating");
		draft.put("indicators", current.get("indicators"));
		draft.put("grades", List.of(grade("AAA", 90), grade("AA", 80), grade("A", 75), grade("B", 60), grade("C", 0)));
		this.api.post(this.kam, "/api/v1/scorecards/" + cardId + "/versions", draft).expect(403);
		Response revised = this.api.post(Api.ADMIN, "/api/v1/scorecards/" + cardId + "/versions", draft).expect(201);
		try {
			this.api.post(Api.ADMIN, "/api/v1/scorecards/" + cardId + "/versions", draft).expect(409);
			Response after = rate(this.kam, account, goodInputs(), Map.of()).expect(201);
			assertThat(after.text("grade")).isEqualTo("B");
			assertThat(after.body().get("scorecardVersion").asInt()).isEqualTo(revised.body().get("versionNo").asInt());
			Response earlier = this.api.get(this.kam, "/api/v1/credit-ratings/" + before.id()).expect(200);
			assertThat(earlier.text("grade")).isEqualTo("A");
			assertThat(earlier.body().get("scorecardVersion").asInt())
				.isEqualTo(before.body().get("scorecardVersion").asInt());
			assertThat(this.api.get(this.kam, "/api/v1/scorecards/" + cardId + "/versions").expect(200).body().size())
				.isGreaterThanOrEqualTo(2);
		}
		finally {
			draft.put("version", card("CREDIT").get("version").asInt());
			draft.put("grades", current.get("grades"));
			this.api.post(Api.ADMIN, "/api/v1/scorecards/" + cardId + "/versions", draft).expect(201);
		}
	}

	private static Map<String, Object> grade(String code, int min) {
		return json("code", code, "nameZh", code, "nameEn", code, "minScore", min);
	}

	private Response rate(String user, long account, Map<String, Object> inputs, Map<String, Object> overrides) {
		return this.api.post(user, "/api/v1/accounts/" + account + "/credit-ratings",
				json("quarter", this.quarter, "inputs", inputs, "overrides", overrides));
	}

	private void receipt(long contract, LocalDate date, String amount) {
		this.api
			.post(this.kam, "/api/v1/receipts",
					json("contractId", contract, "date", date.toString(), "amount", amount, "method", "BANK_TRANSFER"))
			.expect(201);
	}

	private void order(long account, LocalDate date, int amount) {
		this.api.post(Api.ADMIN, "/api/v1/orders", json("accountId", account, "date", date, "amount", amount))
			.expect(201);
	}

	private JsonNode card(String kind) {
		for (JsonNode card : this.api.get(this.kam, "/api/v1/scorecards").expect(200).body()) {
			if (card.get("kind").asString().equals(kind) && !card.get("retired").asBoolean()) {
				return card;
			}
		}
		throw new AssertionError("no " + kind + " card");
	}

	private JsonNode currentCard(String kind) {
		JsonNode card = card(kind);
		return this.api
			.get(this.kam,
					"/api/v1/scorecards/" + card.get("id").asLong() + "/versions/" + card.get("currentVersion").asInt())
			.expect(200)
			.body();
	}

	private static BigDecimal points(JsonNode card, int number, String rating) {
		for (JsonNode indicator : card.get("indicators")) {
			if (indicator.get("number").asInt() == number) {
				for (JsonNode band : indicator.get("bands")) {
					if (rating.equals(band.get("threshold").asString())) {
						return band.get("points").decimalValue();
					}
				}
			}
		}
		throw new AssertionError("no band " + number + "=" + rating);
	}

	private static BigDecimal decimal(Response response, String field) {
		return response.body().get(field).decimalValue();
	}

	/**
	 * A threshold compared as a number when it is one ("2.0" equals "2"), else as text.
	 */
	private record BigDecimalOrText(String text) {

		@Override
		public String toString() {
			return this.text.matches("-?[\\d.]+") ? new BigDecimal(this.text).stripTrailingZeros().toPlainString()
					: this.text;
		}

	}

}
