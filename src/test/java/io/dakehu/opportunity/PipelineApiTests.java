package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.util.List;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opportunities on the buyer's eight steps through the API: history, the closing rules
 * with their messages, version checks, the board, the forecast, targets and the
 * competitor comparison.
 */
abstract class PipelineApiTests extends ApiTestSupport {

	private Response open(String user, long account, Object amount, String expected) {
		return this.api.post(user, "/api/v1/opportunities", json("accountId", account, "name", Fixtures.unique("Deal"),
				"amount", amount, "owner", user, "expectedCloseDate", expected));
	}

	private static String message(Response response, String field) {
		JsonNode errors = response.body().get("errors");
		for (JsonNode error : errors) {
			if (error.get("field").asString().equals(field)) {
				return error.get("message").asString();
			}
		}
		return null;
	}

	@Test
	void stageMovesKeepTheirHistory() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("History")).id();
		Response created = open(kam, account, 1000, "2032-03-31").expect(201);
		assertThat(created.text("stage")).isEqualTo("PROBLEM_RECOGNITION");
		assertThat(created.body().get("probability").asInt()).isEqualTo(5);
		long id = created.id();
		this.api
			.post(kam, "/api/v1/opportunities/" + id + "/stage",
					json("stage", "NEED_DESCRIPTION", "version", this.api.version(kam, "/api/v1/opportunities/" + id)))
			.expect(200);
		this.api
			.post(kam, "/api/v1/opportunities/" + id + "/stage",
					json("stage", "SUPPLIER_SELECTION", "version",
							this.api.version(kam, "/api/v1/opportunities/" + id)))
			.expect(200);
		Response back = this.api
			.post(kam, "/api/v1/opportunities/" + id + "/stage",
					json("stage", "PROPOSAL_SOLICITATION", "version",
							this.api.version(kam, "/api/v1/opportunities/" + id)))
			.expect(200);
		assertThat(back.body().get("probability").asInt()).isEqualTo(40);
		this.api
			.post(kam, "/api/v1/opportunities/" + id + "/win",
					json("closeDate", "2032-03-01", "version", this.api.version(kam, "/api/v1/opportunities/" + id)))
			.expect(200);

		List<JsonNode> history = this.api.get(kam, "/api/v1/opportunities/" + id + "/history").expect(200).items();
		assertThat(history.stream().map((visit) -> visit.get("stage").asString())).containsExactly(
				"PROBLEM_RECOGNITION", "NEED_DESCRIPTION", "SUPPLIER_SELECTION", "PROPOSAL_SOLICITATION", "WON");
		for (int i = 0; i < history.size() - 1; i++) {
			assertThat(history.get(i).get("leftAt").asString()).as("visit %d left", i)
				.isEqualTo(history.get(i + 1).get("enteredAt").asString());
		}
		assertThat(history.get(history.size() - 1).get("leftAt").isNull()).isTrue();
		JsonNode won = this.api.get(kam, "/api/v1/opportunities/" + id).expect(200).body();
		assertThat(won.get("amount").decimalValue()).isEqualByComparingTo("1000");
		assertThat(won.get("closeDate").asString()).isEqualTo("2032-03-01");
		// The sale reaches the purchase ledger, so segmentation counts it.
		assertThat(this.jdbc.sql("select amount from order_line where external_ref = ?")
			.param("opportunity/" + id)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("1000");
	}

	@Test
	void rejectsAWinWithoutAnAmount() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("NoAmount")).id();
		long id = open(kam, account, null, null).expect(201).id();
		Response refused = this.api
			.post(kam, "/api/v1/opportunities/" + id + "/win",
					json("closeDate", "2032-01-05", "version", this.api.version(kam, "/api/v1/opportunities/" + id)))
			.expect(400);
		assertThat(refused.errorFields()).containsExactly("amount");
		assertThat(message(refused, "amount")).isEqualTo("Amount: a won opportunity needs its amount");
		assertThat(this.api.get(kam, "/api/v1/opportunities/" + id).expect(200).text("stage"))
			.isEqualTo("PROBLEM_RECOGNITION");
	}

	@Test
	void rejectsALossWithoutAReasonOrCompetitor() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("NoReason")).id();
		long id = open(kam, account, 500, null).expect(201).id();
		Response noReason = this.api
			.post(kam, "/api/v1/opportunities/" + id + "/lose",
					json("reason", " ", "competitor", "Rival", "version",
							this.api.version(kam, "/api/v1/opportunities/" + id)))
			.expect(400);
		assertThat(noReason.errorFields()).containsExactly("reason");
		assertThat(message(noReason, "reason")).isEqualTo("Reason: a lost opportunity needs the reason it was lost");
		Response noCompetitor = this.api
			.post(kam, "/api/v1/opportunities/" + id + "/lose",
					json("reason", "Price too high", "version", this.api.version(kam, "/api/v1/opportunities/" + id)))
			.expect(400);
		assertThat(message(noCompetitor, "competitor"))
			.isEqualTo("Winning competitor: a lost opportunity needs the competitor who won it");
		Response lost = this.api
			.post(kam, "/api/v1/opportunities/" + id + "/lose",
					json("reason", "Price too high", "competitor", "Rival Co", "version",
							this.api.version(kam, "/api/v1/opportunities/" + id)))
			.expect(200);
		assertThat(lost.text("lostReason")).isEqualTo("Price too high");
		assertThat(lost.text("winningCompetitor")).isEqualTo("Rival Co");
	}

	@Test
	void rejectsAMoveOnAClosedOpportunity() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Closed")).id();
		long id = open(kam, account, 800, null).expect(201).id();
		this.api
			.post(kam, "/api/v1/opportunities/" + id + "/win",
					json("version", this.api.version(kam, "/api/v1/opportunities/" + id)))
			.expect(200);
		Response moved = this.api
			.post(kam, "/api/v1/opportunities/" + id + "/stage",
					json("stage", "ORDER", "version", this.api.version(kam, "/api/v1/opportunities/" + id)))
			.expect(400);
		assertThat(message(moved, "stage"))
			.isEqualTo("Stage: the opportunity is already closed (WON) and can no longer change");
		this.api
			.post(kam, "/api/v1/opportunities/" + id + "/lose",
					json("reason", "x", "competitor", "y", "version",
							this.api.version(kam, "/api/v1/opportunities/" + id)))
			.expect(400);
		Response opened = open(kam, account, 1, null).expect(201);
		Response toWon = this.api
			.post(kam, "/api/v1/opportunities/" + opened.id() + "/stage",
					json("stage", "WON", "version", opened.version()))
			.expect(400);
		assertThat(message(toWon, "stage")).isEqualTo("Stage: use “won” or “lost” to close an opportunity");
	}

	@Test
	void aStaleVersionIsAConflict() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Stale")).id();
		Response created = open(kam, account, 100, null).expect(201);
		int version = created.version();
		this.api
			.post(kam, "/api/v1/opportunities/" + created.id() + "/stage",
					json("stage", "NEED_DESCRIPTION", "version", version))
			.expect(200);
		this.api
			.post(kam, "/api/v1/opportunities/" + created.id() + "/stage", json("stage", "ORDER", "version", version))
			.expect(409);
		this.api
			.put(kam, "/api/v1/opportunities/" + created.id(),
					json("name", "Renamed", "amount", 100, "version", version))
			.expect(409);
		this.api
			.put(kam, "/api/v1/opportunities/" + created.id(),
					json("name", "Renamed", "amount", 150, "nextStep", "Call the buyer", "version", version + 1))
			.expect(200);
	}

	@Test
	void aMoveAWinAndALossCarryTheVersionTheyWereMadeOn() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Versioned")).id();
		Response created = open(kam, account, 700, null).expect(201);
		long id = created.id();
		int version = created.version();
		java.util.Map<String, java.util.Map<String, Object>> moves = java.util.Map.of("/stage", json("stage", "ORDER"),
				"/win", json("amount", 700), "/lose", json("reason", "Price", "competitor", "Rival"));
		moves.forEach((move,
				body) -> assertThat(
						this.api.post(kam, "/api/v1/opportunities/" + id + move, body).expect(400).errorFields())
					.as(move)
					.containsExactly("version"));
		this.api.post(kam, "/api/v1/opportunities/" + id + "/stage", json("stage", "ORDER", "version", version))
			.expect(200);
		// Two colleagues who opened the deal before that move: neither closes it.
		Response won = this.api
			.post(kam, "/api/v1/opportunities/" + id + "/win", json("amount", 700, "version", version))
			.expect(409);
		assertThat(won.body().get("currentVersion").asInt()).isEqualTo(version + 1);
		this.api
			.post(kam, "/api/v1/opportunities/" + id + "/lose",
					json("reason", "Price", "competitor", "Rival", "version", version))
			.expect(409);
		JsonNode now = this.api.get(kam, "/api/v1/opportunities/" + id).expect(200).body();
		assertThat(now.get("stage").asString()).isEqualTo("ORDER");
		assertThat(now.get("version").asInt()).isEqualTo(version + 1);
		assertThat(this.jdbc.sql("select count(*) from order_line where external_ref = ?")
			.param("opportunity/" + id)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void opportunitiesOutsideTheScopeAreNotFound() {
		String kam = this.given.kam();
		String other = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Mine")).id();
		long id = open(kam, account, 100, null).expect(201).id();
		this.api.get(other, "/api/v1/opportunities/" + id).expect(404);
		this.api.post(other, "/api/v1/opportunities/" + id + "/stage", json("stage", "ORDER", "version", 0))
			.expect(404);
		this.api.post(other, "/api/v1/opportunities", json("accountId", account, "name", "Not mine")).expect(404);
	}

	@Test
	void theBoardAndTheForecastFollowAMove() {
		String manager = this.given.manager();
		String team = this.given.team(manager);
		String kam = this.given.kam(team, null);
		long teamId = this.api.get(Api.ADMIN, "/api/v1/teams")
			.expect(200)
			.items()
			.stream()
			.filter((t) -> t.get("name").asString().equals(team))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asLong();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Board")).id();
		long id = open(kam, account, 10000, "2033-06-30").expect(201).id();
		open(kam, account, 2000, "2033-07-31").expect(201);
		this.api
			.post(Api.ADMIN, "/api/v1/quotas",
					json("salesperson", kam, "from", "2033-01-01", "to", "2033-12-31", "amount", 50000))
			.expect(200);

		JsonNode board = this.api.get(manager, "/api/v1/pipeline/board?teamId=" + teamId).expect(200).body();
		assertThat(column(board, "PROBLEM_RECOGNITION").get("amount").decimalValue()).isEqualByComparingTo("12000");
		assertThat(column(board, "PROBLEM_RECOGNITION").get("weighted").decimalValue()).isEqualByComparingTo("600");
		JsonNode forecast = forecast(manager, teamId);
		assertThat(forecast.get("weighted").decimalValue()).isEqualByComparingTo("600");
		assertThat(forecast.get("commit").decimalValue()).isEqualByComparingTo("0");
		assertThat(forecast.get("bestCase").decimalValue()).isEqualByComparingTo("12000");
		assertThat(forecast.get("quota").decimalValue()).isEqualByComparingTo("50000");

		this.api
			.post(kam, "/api/v1/opportunities/" + id + "/stage",
					json("stage", "ORDER", "version", this.api.version(kam, "/api/v1/opportunities/" + id)))
			.expect(200);
		board = this.api.get(manager, "/api/v1/pipeline/board?teamId=" + teamId).expect(200).body();
		assertThat(column(board, "PROBLEM_RECOGNITION").get("amount").decimalValue()).isEqualByComparingTo("2000");
		assertThat(column(board, "ORDER").get("amount").decimalValue()).isEqualByComparingTo("10000");
		assertThat(column(board, "ORDER").get("weighted").decimalValue()).isEqualByComparingTo("8000");
		forecast = forecast(manager, teamId);
		assertThat(forecast.get("weighted").decimalValue()).isEqualByComparingTo("8100");
		assertThat(forecast.get("commit").decimalValue()).isEqualByComparingTo("10000");
		assertThat(forecast.get("attainment").decimalValue()).isEqualByComparingTo("0.1620");

		this.api
			.post(kam, "/api/v1/opportunities/" + id + "/win",
					json("amount", 9000, "closeDate", "2033-05-02", "version",
							this.api.version(kam, "/api/v1/opportunities/" + id)))
			.expect(200);
		forecast = forecast(manager, teamId);
		assertThat(forecast.get("won").decimalValue()).isEqualByComparingTo("9000");
		assertThat(forecast.get("weighted").decimalValue()).isEqualByComparingTo("9100");
		assertThat(forecast.get("bestCase").decimalValue()).isEqualByComparingTo("11000");
	}

	private JsonNode forecast(String user, long teamId) {
		JsonNode report = this.api.get(user, "/api/v1/forecast?from=2033-01-01&to=2033-12-31&teamId=" + teamId)
			.expect(200)
			.body();
		assertThat(report.get("salespeople")).hasSize(1);
		assertThat(report.get("teams")).hasSize(1);
		return report.get("salespeople").get(0);
	}

	private static JsonNode column(JsonNode board, String stage) {
		for (JsonNode column : board.get("columns")) {
			if (column.get("stage").asString().equals(stage)) {
				return column;
			}
		}
		throw new AssertionError(stage);
	}

	@Test
	void aWonAccountCountsAsAHighIntentionTargetOnce() {
		String kam = this.given.kam();
		long set = this.given.accountOwnedBy(kam, Fixtures.unique("Set low")).id();
		long unset = this.given.accountOwnedBy(kam, Fixtures.unique("Unset")).id();
		this.api
			.post(Api.ADMIN, "/api/v1/targets",
					json("salesperson", kam, "accountId", set, "intention", "LOW", "from", "2034-01-01", "to",
							"2034-12-31"))
			.expect(201);
		// Setting it again changes the intention rather than adding a second target.
		this.api
			.post(Api.ADMIN, "/api/v1/targets",
					json("salesperson", kam, "accountId", set, "intention", "MEDIUM", "from", "2034-01-01", "to",
							"2034-12-31"))
			.expect(200);
		for (long account : new long[] { set, unset }) {
			long id = open(kam, account, 300, null).expect(201).id();
			this.api
				.post(kam, "/api/v1/opportunities/" + id + "/win",
						json("closeDate", "2034-04-04", "version",
								this.api.version(kam, "/api/v1/opportunities/" + id)))
				.expect(200);
		}
		JsonNode line = this.api.get(kam, "/api/v1/reports/funnel?from=2034-01-01&to=2034-12-31")
			.expect(200)
			.body()
			.get("rows")
			.get(0);
		assertThat(line.get("targets").asLong()).isEqualTo(2);
		assertThat(line.get("mediumHighIntention").asLong()).isEqualTo(2);
		assertThat(line.get("lowIntention").asLong()).isEqualTo(0);
		assertThat(line.get("closed").asLong()).isEqualTo(2);
		assertThat(line.get("sales").decimalValue()).isEqualByComparingTo("600");
		Response refused = this.api.post(Api.ADMIN, "/api/v1/targets",
				json("salesperson", kam, "accountId", set, "intention", "SOMEWHAT", "from", "2034-01-01"));
		assertThat(refused.status()).isEqualTo(400);
		Response bulk = this.api.post(Api.ADMIN, "/api/v1/targets/bulk",
				List.of(json("salesperson", kam, "accountId", unset, "intention", "HIGH", "from", "2034-01-01", "to",
						"2034-06-30"),
						json("salesperson", kam, "accountId", set, "intention", "LOW", "from", "2034-07-01", "to",
								"2034-12-31")))
			.expect(200);
		assertThat(bulk.items()).hasSize(2);
	}

	@Test
	void comparesUsWithCompetitorsOnTheBuyersCriteria() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Compare")).id();
		long id = open(kam, account, 100, null).expect(201).id();
		JsonNode comparison = this.api
			.put(kam, "/api/v1/opportunities/" + id + "/comparison",
					json("weights", json("QUALITY", 40, "PRICE", 30, "DELIVERY", 30), "ours",
							json("QUALITY", 5, "PRICE", 2, "DELIVERY", 4), "competitors",
							json("Acme", json("QUALITY", 3, "PRICE", 5, "DELIVERY", 4), "Beta",
									json("QUALITY", 4, "PRICE", 3, "DELIVERY", 5))))
			.expect(200)
			.body();
		// Us: 40×5 + 30×2 + 30×4 = 380; Acme 120 + 150 + 120 = 390; Beta 160 + 90 + 150 =
		// 400.
		assertThat(comparison.get("ourTotal").asInt()).isEqualTo(380);
		assertThat(comparison.get("competitorTotals").get("Acme").asInt()).isEqualTo(390);
		assertThat(comparison.get("competitorTotals").get("Beta").asInt()).isEqualTo(400);
		assertThat(comparison.get("maxTotal").asInt()).isEqualTo(500);
		// Price: 30 × (5 − 2) = 90 behind Acme; delivery only 30 × (5 − 4) = 30 behind
		// Beta.
		assertThat(comparison.get("weakest").asString()).isEqualTo("PRICE");
		this.api
			.put(kam, "/api/v1/opportunities/" + id + "/comparison",
					json("weights", json("QUALITY", 40), "ours", json("QUALITY", 6)))
			.expect(400);
		assertThat(this.api.get(kam, "/api/v1/opportunities/" + id + "/comparison")
			.expect(200)
			.body()
			.get("ourTotal")
			.asInt()).isEqualTo(380);
	}

	@Test
	void stageProbabilitiesAreConfigurable() {
		JsonNode before = this.api.get(Api.ADMIN, "/api/v1/stage-probabilities").expect(200).body();
		assertThat(before.get("SUPPLIER_SELECTION").asInt()).isEqualTo(60);
		this.api.put(this.given.manager(), "/api/v1/stage-probabilities", json("SUPPLIER_SELECTION", 65)).expect(403);
		this.api.put(Api.ADMIN, "/api/v1/stage-probabilities", json("SUPPLIER_SELECTION", 101)).expect(400);
		try {
			JsonNode after = this.api.put(Api.ADMIN, "/api/v1/stage-probabilities", json("SUPPLIER_SELECTION", 65))
				.expect(200)
				.body();
			assertThat(after.get("SUPPLIER_SELECTION").asInt()).isEqualTo(65);
		}
		finally {
			this.api.put(Api.ADMIN, "/api/v1/stage-probabilities", json("SUPPLIER_SELECTION", 60)).expect(200);
		}
	}

	@Test
	void salesRoiDividesWonSalesByLoggedHours() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Roi")).id();
		for (int minutes : new int[] { 90, 150 }) {
			this.api
				.post(kam, "/api/v1/accounts/" + account + "/activities",
						json("type", "VISIT", "occurredAt", "2036-03-10T10:00:00", "durationMinutes", minutes,
								"summary", "Plant visit"))
				.expect(201);
		}
		// Outside the period: does not count.
		this.api
			.post(kam, "/api/v1/accounts/" + account + "/activities",
					json("type", "PHONE", "occurredAt", "2037-01-02T10:00:00", "durationMinutes", 600, "summary",
							"Call"))
			.expect(201);
		long id = open(kam, account, 12000, null).expect(201).id();
		this.api
			.post(kam, "/api/v1/opportunities/" + id + "/win",
					json("closeDate", "2036-06-01", "version", this.api.version(kam, "/api/v1/opportunities/" + id)))
			.expect(200);
		JsonNode roi = this.api.get(kam, "/api/v1/reports/roi?from=2036-01-01&to=2036-12-31").expect(200).body();
		JsonNode person = roi.get("salespeople").get(0);
		assertThat(person.get("sales").decimalValue()).isEqualByComparingTo("12000");
		assertThat(person.get("hours").decimalValue()).isEqualByComparingTo("4");
		assertThat(person.get("salesPerHour").decimalValue()).isEqualByComparingTo("3000");
		JsonNode perAccount = roi.get("accounts").get(0);
		assertThat(perAccount.get("id").asLong()).isEqualTo(account);
		assertThat(perAccount.get("salesPerHour").decimalValue()).isEqualByComparingTo("3000");
	}

}
