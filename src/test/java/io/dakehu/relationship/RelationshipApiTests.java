package io.dakehu.relationship;

import java.time.LocalDate;
import java.util.ArrayList;
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
 * 25-grid assessments over the API: the stage each cell maps to under the default and an
 * edited table, bad input, record scope, history order and the portfolio counts.
 */
abstract class RelationshipApiTests extends ApiTestSupport {

	private static final String[] STAGES = { null, "GESTATION", "INITIAL", "MIDDLE", "HIGH", "PARTNER" };

	/** The default rule as DOMAIN.md states it: stage k needs both axes at least k. */
	private static String defaultStage(int personal, int company) {
		return STAGES[Math.min(personal, company)];
	}

	/**
	 * An edited rule unlike the default: the personal axis alone decides, except that a
	 * company level of 1 never gets past gestation.
	 */
	private static String editedStage(int personal, int company) {
		if (personal == 0 || company == 0) {
			return null;
		}
		return (company == 1) ? "GESTATION" : STAGES[personal];
	}

	private String assessments(long accountId) {
		return "/api/v1/accounts/" + accountId + "/relationship-assessments";
	}

	private Response assess(String user, long accountId, int personal, int company, String evidence) {
		return this.api.post(user, assessments(accountId),
				json("personal", personal, "company", company, "evidence", evidence));
	}

	@Test
	void answers201WithTheStageOfTheCell() {
		long account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Sany")).id();
		Response created = assess(Api.ADMIN, account, 3, 2, "Met the CFO twice; approved supplier since May")
			.expect(201);
		assertThat(created.text("stage")).isEqualTo("INITIAL");
		assertThat(created.body().get("personal").asInt()).isEqualTo(3);
		assertThat(created.body().get("company").asInt()).isEqualTo(2);
		assertThat(created.text("assessor")).isEqualTo(Api.ADMIN);
		assertThat(created.text("assessedOn")).isEqualTo(LocalDate.now().toString());
		assertThat(created.location())
			.hasValueSatisfying((location) -> assertThat(location).contains(assessments(account)));
		assertThat(this.jdbc.sql(
				"select count(*) from audit_log where entity_type = 'RelationshipAssessment' and account_id = ? and field = 'stage'")
			.param(account)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void mapsEveryPairOfLevelsToItsStageUnderTheDefaultTable() {
		long account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Grid36")).id();
		for (int personal = 0; personal <= 5; personal++) {
			for (int company = 0; company <= 5; company++) {
				Response created = assess(Api.ADMIN, account, personal, company, "Pair check").expect(201);
				assertThat(created.text("stage")).as("stage of (%d, %d)", personal, company)
					.isEqualTo(defaultStage(personal, company));
			}
		}
	}

	@Test
	void mapsEveryPairOfLevelsToItsStageUnderAnEditedTable() {
		long account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Edited36")).id();
		JsonNode original = this.api.get(Api.ADMIN, "/api/v1/relationship/stage-table").expect(200).body();
		List<List<String>> edited = new ArrayList<>();
		for (int personal = 1; personal <= 5; personal++) {
			List<String> row = new ArrayList<>();
			for (int company = 1; company <= 5; company++) {
				row.add(editedStage(personal, company));
			}
			edited.add(row);
		}
		try {
			this.api.put(Api.ADMIN, "/api/v1/relationship/stage-table", json("stages", edited)).expect(200);
			for (int personal = 0; personal <= 5; personal++) {
				for (int company = 0; company <= 5; company++) {
					Response created = assess(Api.ADMIN, account, personal, company, "Pair check").expect(201);
					assertThat(created.text("stage")).as("stage of (%d, %d)", personal, company)
						.isEqualTo(editedStage(personal, company));
				}
			}
			// The stage is derived, so history already recorded follows the edited table
			// too.
			for (JsonNode entry : this.api.get(Api.ADMIN, assessments(account)).expect(200).items()) {
				int p = entry.get("personal").asInt();
				int c = entry.get("company").asInt();
				assertThat(entry.get("stage").isNull() ? null : entry.get("stage").asString())
					.isEqualTo(editedStage(p, c));
			}
			assertThat(this.jdbc.sql("select count(*) from audit_log where entity_type = 'GridStageTable'")
				.query(Long.class)
				.single()).isPositive();
		}
		finally {
			this.api.put(Api.ADMIN, "/api/v1/relationship/stage-table", json("stages", original.get("stages")))
				.expect(200);
		}
		assertThat(assess(Api.ADMIN, account, 5, 1, "Back to default").expect(201).text("stage"))
			.isEqualTo(defaultStage(5, 1));
	}

	@Test
	void onlyAnAdministratorChangesTheStageTable() {
		String director = this.given.director();
		JsonNode table = this.api.get(director, "/api/v1/relationship/stage-table").expect(200).body();
		this.api.put(director, "/api/v1/relationship/stage-table", json("stages", table.get("stages"))).expect(403);
		Response malformed = this.api
			.put(Api.ADMIN, "/api/v1/relationship/stage-table", json("stages", List.of(List.of("PARTNER"))))
			.expect(400);
		assertThat(malformed.errorFields()).containsExactly("stages");
	}

	@Test
	void anAdministratorRenamesALevelInBothLanguagesAndTheChangeIsAudited() {
		long account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Renamed")).id();
		assess(Api.ADMIN, account, 3, 2, "Approved last year").expect(201);
		JsonNode level = this.api.get(Api.ADMIN, "/api/v1/relationship/levels")
			.expect(200)
			.body()
			.get("COMPANY")
			.get(2);
		assertThat(level.get("nameEn").asString()).isEqualTo("Approved supplier");
		Map<String, Object> renamed = json("axis", "COMPANY", "level", 2, "nameEn", "Qualified vendor", "nameZh",
				"合格供应商", "nextMoveEn", "Win a tender", "nextMoveZh", "赢得招标");
		this.api.put(this.given.director(), "/api/v1/relationship/levels", List.of(renamed)).expect(403);
		try {
			this.api.put(Api.ADMIN, "/api/v1/relationship/levels", List.of(renamed)).expect(200);
			JsonNode move = this.api.get(Api.ADMIN, "/api/v1/accounts/" + account + "/relationship")
				.expect(200)
				.body()
				.get("nextMoves")
				.get(0);
			assertThat(move.get("fromName").asString()).isEqualTo("Qualified vendor");
			assertThat(move.get("text").asString()).isEqualTo("Win a tender");
			assertThat(this.jdbc.sql(
					"select count(*) from audit_log where entity_type = 'GridLevel' and new_value = 'Qualified vendor'")
				.query(Long.class)
				.single()).isPositive();
			assertThat(this.api
				.put(Api.ADMIN, "/api/v1/relationship/levels",
						List.of(json("axis", "COMPANY", "level", 2, "nameEn", " ", "nameZh", "x")))
				.expect(400)
				.errorFields()).containsExactly("company2.nameEn");
		}
		finally {
			this.api.put(Api.ADMIN, "/api/v1/relationship/levels", List.of(level)).expect(200);
		}
	}

	@Test
	void rejectsLevelsOutsideZeroToFiveAndStoresNothing() {
		long account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Bounds")).id();
		assertThat(assess(Api.ADMIN, account, 6, 1, "x").expect(400).errorFields()).containsExactly("personal");
		assertThat(assess(Api.ADMIN, account, -1, 1, "x").expect(400).errorFields()).containsExactly("personal");
		assertThat(assess(Api.ADMIN, account, 2, 7, "x").expect(400).errorFields()).containsExactly("company");
		assertThat(this.api.post(Api.ADMIN, assessments(account), json("personal", 2, "evidence", "x"))
			.expect(400)
			.errorFields()).containsExactly("company");
		assertThat(this.api.post(Api.ADMIN, assessments(account), json("personal", "three", "company", 1))
			.expect(400)
			.status()).isEqualTo(400);
		Response future = this.api
			.post(Api.ADMIN, assessments(account),
					json("personal", 1, "company", 1, "assessedOn", LocalDate.now().plusDays(1).toString()))
			.expect(400);
		assertThat(future.errorFields()).containsExactly("assessedOn");
		assertThat(this.api.get(Api.ADMIN, assessments(account)).expect(200).items()).isEmpty();
	}

	@Test
	void anAccountOutsideTheCallersScopeIsNotFound() {
		String owner = this.given.kam();
		String stranger = this.given.kam();
		long account = this.given.accountOwnedBy(owner, Fixtures.unique("Private")).id();
		assess(stranger, account, 1, 1, "Trying").expect(404);
		this.api.get(stranger, assessments(account)).expect(404);
		this.api.get(stranger, "/api/v1/accounts/" + account + "/relationship").expect(404);
		assertThat(this.api.get(owner, assessments(account)).expect(200).items()).isEmpty();
		assess(owner, account, 1, 1, null).expect(201);
	}

	@Test
	void aJumpOfMoreThanOneLevelNeedsEvidence() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Jump")).id();
		assess(kam, account, 1, 1, null).expect(201);
		assess(kam, account, 2, 2, "").expect(201);
		Response jump = assess(kam, account, 4, 2, "   ").expect(400);
		assertThat(jump.errorFields()).containsExactly("evidence");
		assertThat(jump.text("detail")).contains("Evidence").contains("(2, 2)").contains("(4, 2)").contains("reason");
		assertThat(assess(kam, account, 2, 4, null).expect(400).errorFields()).containsExactly("evidence");
		assertThat(this.api.get(kam, assessments(account)).expect(200).items()).hasSize(2);
		assess(kam, account, 4, 2, "Their COO now calls us before every tender").expect(201);
		// Going down, however far, needs no reason: bad news must be easy to record.
		assess(kam, account, 1, 1, null).expect(201);
	}

	@Test
	void theFirstAssessmentCountsAsARiseFromNoRelationship() {
		long account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("First")).id();
		assertThat(assess(Api.ADMIN, account, 3, 1, null).expect(400).errorFields()).containsExactly("evidence");
		assess(Api.ADMIN, account, 1, 1, null).expect(201);
	}

	@Test
	void listsHistoryNewestFirst() {
		long account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("History")).id();
		LocalDate today = LocalDate.now();
		this.api
			.post(Api.ADMIN, assessments(account),
					json("personal", 1, "company", 1, "assessedOn", today.minusDays(60).toString()))
			.expect(201);
		this.api
			.post(Api.ADMIN, assessments(account),
					json("personal", 3, "company", 2, "assessedOn", today.toString(), "evidence", "Trusted"))
			.expect(201);
		this.api
			.post(Api.ADMIN, assessments(account),
					json("personal", 2, "company", 2, "assessedOn", today.minusDays(30).toString()))
			.expect(201);
		List<JsonNode> history = this.api.get(Api.ADMIN, assessments(account)).expect(200).items();
		assertThat(history).extracting((h) -> h.get("assessedOn").asString())
			.containsExactly(today.toString(), today.minusDays(30).toString(), today.minusDays(60).toString());
		assertThat(history.get(0).get("evidence").asString()).isEqualTo("Trusted");
	}

	@Test
	void summarisesImbalanceAndTheNextMoveOnTheWeakerAxis() {
		long account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Balance")).id();
		assess(Api.ADMIN, account, 4, 1, "Old friend of the plant manager").expect(201);
		JsonNode summary = this.api.get(Api.ADMIN, "/api/v1/accounts/" + account + "/relationship").expect(200).body();
		assertThat(summary.get("stage").asString()).isEqualTo("GESTATION");
		assertThat(summary.get("imbalance").asString()).isEqualTo("PERSONAL");
		assertThat(summary.get("nextMoves")).hasSize(1);
		assertThat(summary.get("nextMoves").get(0).get("axis").asString()).isEqualTo("COMPANY");
		assertThat(summary.get("nextMoves").get(0).get("toName").asString()).isEqualTo("Approved supplier");
		assertThat(summary.get("path")).hasSize(1);

		assess(Api.ADMIN, account, 3, 2, null).expect(201);
		summary = this.api.get(Api.ADMIN, "/api/v1/accounts/" + account + "/relationship").expect(200).body();
		assertThat(summary.get("imbalance").isNull()).isTrue();
		assertThat(summary.get("path")).hasSize(2);
	}

	@Test
	void countsTheGridForTheCallersScopeOnly() {
		String manager = this.given.manager();
		String team = this.given.team(manager);
		String kam = this.given.kam(team, null);
		String outsider = this.given.kam();
		long first = this.given.accountOwnedBy(kam, Fixtures.unique("Count-A")).id();
		long second = this.given.accountOwnedBy(kam, Fixtures.unique("Count-B")).id();
		long foreign = this.given.accountOwnedBy(outsider, Fixtures.unique("Count-C")).id();
		assess(kam, first, 1, 1, null).expect(201);
		assess(kam, first, 3, 2, "Moved up after the plant visit").expect(201);
		assess(kam, second, 3, 2, "Same cell").expect(201);
		assess(outsider, foreign, 2, 2, "Elsewhere").expect(201);

		JsonNode grid = this.api.get(kam, "/api/v1/relationship/grid").expect(200).body();
		assertThat(count(grid, 3, 2)).isEqualTo(2);
		assertThat(count(grid, 1, 1)).isZero();
		assertThat(count(grid, 2, 2)).isZero();
		assertThat(grid.get("total").asLong()).isEqualTo(2);
		assertThat(grid.get("stages").get("INITIAL").asLong()).isEqualTo(2);

		assertThat(grid(manager, Map.of()).get("total").asLong()).isEqualTo(2);
		assertThat(grid(manager, Map.of("owner", outsider)).get("total").asLong()).isZero();
		assertThat(grid(manager, Map.of("owner", kam)).get("total").asLong()).isEqualTo(2);
		assertThat(grid(Api.ADMIN, Map.of("owner", outsider)).get("total").asLong()).isEqualTo(1);

		List<JsonNode> inCell = this.api.get(kam, "/api/v1/relationship/grid/accounts?personal=3&company=2")
			.expect(200)
			.items();
		assertThat(inCell).extracting((a) -> a.get("accountId").asLong()).containsExactlyInAnyOrder(first, second);

		JsonNode movement = this.api.get(kam, "/api/v1/relationship/movement?since=" + LocalDate.now().minusDays(1))
			.expect(200)
			.body();
		assertThat(movement.get("firstAssessed").asLong()).isEqualTo(2);
	}

	/**
	 * Movement since a date compares each account's assessment as of that date (the
	 * latest on or before it, not an older one) with its current one, by the stages'
	 * order: Partner (5, 5) above Initial (3, 2).
	 */
	@Test
	void movementComparesEachAccountsAssessmentAsOfTheDateWithItsCurrentOne() {
		String kam = this.given.kam();
		LocalDate today = LocalDate.now();
		long up = this.given.accountOwnedBy(kam, Fixtures.unique("Up")).id();
		long same = this.given.accountOwnedBy(kam, Fixtures.unique("Same")).id();
		long down = this.given.accountOwnedBy(kam, Fixtures.unique("Down")).id();
		long fresh = this.given.accountOwnedBy(kam, Fixtures.unique("Fresh")).id();
		assertThat(assess(kam, up, 5, 5, "Reviewed with the buyer").expect(201).body().get("stage").asString())
			.isEqualTo("PARTNER");
		backdate(assess(kam, up, 5, 5, "Reviewed with the buyer").expect(201).id(), today.minusDays(90));
		backdate(assess(kam, up, 3, 2, "Reviewed with the buyer").expect(201).id(), today.minusDays(60));
		backdate(assess(kam, same, 3, 2, "Reviewed with the buyer").expect(201).id(), today.minusDays(60));
		assess(kam, same, 3, 2, "Reviewed with the buyer").expect(201);
		backdate(assess(kam, down, 5, 5, "Reviewed with the buyer").expect(201).id(), today.minusDays(60));
		assertThat(assess(kam, down, 3, 2, "Reviewed with the buyer").expect(201).body().get("stage").asString())
			.isEqualTo("INITIAL");
		assess(kam, fresh, 3, 2, "Reviewed with the buyer").expect(201);

		JsonNode movement = this.api.get(kam, "/api/v1/relationship/movement?since=" + today.minusDays(30))
			.expect(200)
			.body();
		assertThat(List.of(movement.get("up").asLong(), movement.get("same").asLong(), movement.get("down").asLong(),
				movement.get("firstAssessed").asLong()))
			.containsExactly(1L, 1L, 1L, 1L);
	}

	private void backdate(long assessment, LocalDate day) {
		this.jdbc.sql("update relationship_assessment set assessed_on = :day where id = :id")
			.param("day", day)
			.param("id", assessment)
			.update();
	}

	@Test
	void filtersTheGridByKeyAccountType() {
		String kam = this.given.kam();
		long economic = this.given
			.account(Api.ADMIN, json("name", Fixtures.unique("Economic"), "owner", kam, "keyAccountType", "ECONOMIC"))
			.id();
		long strategic = this.given
			.account(Api.ADMIN, json("name", Fixtures.unique("Strategic"), "owner", kam, "keyAccountType", "STRATEGIC"))
			.id();
		assess(kam, economic, 1, 1, null).expect(201);
		assess(kam, strategic, 2, 1, "Two visits").expect(201);
		assertThat(grid(kam, Map.of("type", "ECONOMIC")).get("total").asLong()).isEqualTo(1);
		assertThat(count(grid(kam, Map.of("type", "STRATEGIC")), 2, 1)).isEqualTo(1);
		assertThat(grid(kam, Map.of()).get("total").asLong()).isEqualTo(2);
	}

	@Test
	void filtersTheGridByCustomerTier() {
		String kam = this.given.kam();
		long first = this.given.account(Api.ADMIN, json("name", Fixtures.unique("Tiered"), "owner", kam)).id();
		long second = this.given.account(Api.ADMIN, json("name", Fixtures.unique("Tiered"), "owner", kam)).id();
		assess(kam, first, 1, 1, null).expect(201);
		assess(kam, second, 1, 1, null).expect(201);
		// Customers (segmentation ranks customers, not prospects) without purchases in a
		// company-wide run are Small; none of them can be VIP.
		this.jdbc.sql("update account set status = 'ACTIVE' where id in (:ids)")
			.param("ids", List.of(first, second))
			.update();
		this.api.post(Api.ADMIN, "/api/v1/segmentation/runs", Map.of("measure", "REVENUE")).expect(201);
		assertThat(grid(kam, Map.of("tier", "SMALL")).get("total").asLong()).isEqualTo(2);
		assertThat(grid(kam, Map.of("tier", "VIP")).get("total").asLong()).isZero();
		assertThat(grid(kam, Map.of()).get("total").asLong()).isEqualTo(2);
		JsonNode error = this.api.get(kam, "/api/v1/relationship/grid?tier=GOLD").expect(400).body();
		assertThat(error.get("errors").get(0).get("field").asText()).isEqualTo("tier");
	}

	private JsonNode grid(String user, Map<String, String> filter) {
		StringBuilder path = new StringBuilder("/api/v1/relationship/grid?");
		filter.forEach((name, value) -> path.append(name).append('=').append(value).append('&'));
		return this.api.get(user, path.toString()).expect(200).body();
	}

	private static long count(JsonNode grid, int personal, int company) {
		for (JsonNode cell : grid.get("cells")) {
			if (cell.get("personal").asInt() == personal && cell.get("company").asInt() == company) {
				return cell.get("count").asLong();
			}
		}
		throw new AssertionError("No cell " + personal + ", " + company);
	}

}
