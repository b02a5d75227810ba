package io.dakehu.accountplan;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.SignedIn;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key account plans over the API and the pages (DOMAIN.md §10.7): goals, SWOT, actions
 * and reviews with the completeness they give, versions, audit, record scope, bad input
 * named by field, and the goals against actuals on the account page.
 */
abstract class AccountPlanTests extends ApiTestSupport {

	/** The 25-grid's stages in order, as the plan ranks them. */
	private static final List<String> STAGES = List.of("GESTATION", "INITIAL", "MIDDLE", "HIGH", "PARTNER");

	@Autowired
	private Clock clock;

	@LocalServerPort
	private int port;

	private LocalDate today;

	private int year;

	private String manager;

	private String kam;

	private String otherKam;

	private String otherManager;

	private long account;

	@BeforeEach
	void people() {
		this.today = LocalDate.now(this.clock);
		this.year = this.today.getYear();
		this.manager = this.given.manager();
		String team = this.given.team(this.manager);
		this.kam = this.given.kam(team, this.manager);
		this.otherManager = this.given.manager();
		this.otherKam = this.given.kam(this.given.team(this.otherManager), this.otherManager);
		this.account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Planned")).id();
	}

	@Test
	void aPlanKeepsItsGoalsSwotAndActionsAndCountsWhatIsMissing() {
		Response created = this.api
			.post(this.kam, plans(),
					json("year", this.year, "revenueTarget", 250000, "walletShareTarget", 35.5, "targetStage", "HIGH",
							"swot",
							json("strengths", List.of("Sole supplier of pumps", "Trusted by the plant manager"),
									"weaknesses", List.of("No contact in purchasing"), "opportunities", List.of(),
									"threats", List.of("A rival offers longer credit")),
							"actions",
							List.of(json("what", "Executive visit", "dueDate", this.today.plusDays(20).toString()))))
			.expect(201);
		assertThat(created.location()).hasValueSatisfying((at) -> assertThat(at).endsWith(plans() + "/" + this.year));
		JsonNode plan = this.api.get(this.kam, plans() + "/" + this.year).expect(200).body();
		assertThat(plan.get("revenueTarget").decimalValue()).isEqualByComparingTo("250000");
		assertThat(plan.get("walletShareTarget").decimalValue()).isEqualByComparingTo("35.5");
		assertThat(plan.get("targetStage").asString()).isEqualTo("HIGH");
		assertThat(plan.get("swot").get("strengths")).extracting(JsonNode::asString)
			.containsExactly("Sole supplier of pumps", "Trusted by the plant manager");
		assertThat(plan.get("actions").get(0).get("owner").asString()).isEqualTo(this.kam);
		assertThat(plan.get("actions").get(0).get("status").asString()).isEqualTo("PLANNED");
		// Filled: the three goals, strengths, weaknesses, threats and an action; missing:
		// opportunities and a review.
		int parts = 9;
		assertThat(plan.get("completeness").get("percent").asInt()).isEqualTo((parts - 2) * 100 / parts);
		assertThat(plan.get("completeness").get("missing")).extracting(JsonNode::asString)
			.containsExactly("OPPORTUNITIES", "REVIEW");
		assertThat(this.jdbc
			.sql("select count(*) from audit_log where entity_type = 'AccountPlan' and account_id = :account")
			.param("account", this.account)
			.query(Long.class)
			.single()).isPositive();

		JsonNode reviewed = this.api
			.post(this.kam, plans() + "/" + this.year + "/reviews",
					json("reviewedOn", this.today.toString(), "note", "On track", "version",
							plan.get("version").asInt()))
			.expect(200)
			.body();
		JsonNode updated = this.api
			.put(this.kam, plans() + "/" + this.year,
					json("revenueTarget", 250000, "walletShareTarget", 35.5, "targetStage", "HIGH", "swot",
							json("strengths", List.of("Sole supplier of pumps"), "weaknesses",
									List.of("No contact in purchasing"), "opportunities",
									List.of("New plant in Suzhou"), "threats", List.of("A rival offers longer credit")),
							"version", reviewed.get("version").asInt()))
			.expect(200)
			.body();
		assertThat(updated.get("completeness").get("percent").asInt()).isEqualTo(100);
		assertThat(updated.get("completeness").get("missing")).isEmpty();
		assertThat(updated.get("actions")).as("actions left out are kept").hasSize(1);
		assertThat(updated.get("reviews").get(0).get("note").asString()).isEqualTo("On track");
	}

	@Test
	void aStaleEditIsRefusedAndChangesNothing() {
		int version = this.api.post(this.kam, plans(), json("year", this.year, "revenueTarget", 1000))
			.expect(201)
			.version();
		this.api.put(this.kam, plans() + "/" + this.year, json("revenueTarget", 2000, "version", version)).expect(200);
		this.api.put(this.kam, plans() + "/" + this.year, json("revenueTarget", 3000, "version", version)).expect(409);
		this.api
			.post(this.kam, plans() + "/" + this.year + "/reviews",
					json("reviewedOn", this.today.toString(), "note", "Late", "version", version))
			.expect(409);
		JsonNode plan = this.api.get(this.kam, plans() + "/" + this.year).expect(200).body();
		assertThat(plan.get("revenueTarget").decimalValue()).isEqualByComparingTo("2000");
		assertThat(plan.get("reviews")).isEmpty();
	}

	@Test
	void badInputNamesTheFieldAndSavesNothing() {
		assertThat(this.api.post(this.kam, plans(), json("year", 1999)).expect(400).errorFields())
			.containsExactly("year");
		assertThat(this.api.post(this.kam, plans(), json("year", 2101)).expect(400).errorFields())
			.containsExactly("year");
		Response share = this.api.post(this.kam, plans(), json("year", this.year, "walletShareTarget", 100.5))
			.expect(400);
		assertThat(share.errorFields()).containsExactly("walletShareTarget");
		assertThat(share.text()).contains("Share-of-wallet target");
		assertThat(this.api.post(this.kam, plans(), json("year", this.year, "walletShareTarget", -1))
			.expect(400)
			.errorFields()).containsExactly("walletShareTarget");
		Response stage = this.api.post(this.kam, plans(), json("year", this.year, "targetStage", "BEST_FRIENDS"))
			.expect(400);
		assertThat(stage.errorFields()).containsExactly("targetStage");
		assertThat(stage.text()).contains("BEST_FRIENDS");
		assertThat(this.api
			.post(this.kam, plans(),
					json("year", this.year, "actions",
							List.of(json("what", "Visit", "dueDate", this.today.toString(), "status", "SOMEDAY"))))
			.expect(400)
			.errorFields()).containsExactly("actions[0].status");
		assertThat(this.api.get(this.kam, plans()).expect(200).items()).isEmpty();

		this.api.post(this.kam, plans(), json("year", this.year)).expect(201);
		assertThat(this.api.post(this.kam, plans(), json("year", this.year)).expect(400).errorFields())
			.containsExactly("year");
		int version = this.api.get(this.kam, plans() + "/" + this.year).expect(200).version();
		assertThat(this.api
			.post(this.kam, plans() + "/" + this.year + "/reviews",
					json("reviewedOn", this.today.plusDays(1).toString(), "note", "Ahead", "version", version))
			.expect(400)
			.errorFields()).containsExactly("reviewedOn");
		assertThat(this.api.get(this.kam, plans() + "/" + this.year).expect(200).version()).isEqualTo(version);
	}

	@Test
	void planFollowTheAccountsScope() {
		this.api.post(this.kam, plans(), json("year", this.year)).expect(201);
		this.api.get(this.manager, plans() + "/" + this.year).expect(200);
		this.api.get(this.otherKam, plans()).expect(404);
		this.api.get(this.otherKam, plans() + "/" + this.year).expect(404);
		this.api.get(this.otherManager, plans() + "/" + this.year).expect(404);
		this.api.post(this.otherKam, plans(), json("year", this.year + 1)).expect(404);
		this.api.put(this.otherKam, plans() + "/" + this.year, json("revenueTarget", 1, "version", 0)).expect(404);
		assertThat(this.api.get(this.kam, plans()).expect(200).items()).hasSize(1);
	}

	@Test
	void anActionLinksOnlyADealOfItsGroupAndAClosedActionStaysClosed() {
		long subsidiary = this.given
			.account(Api.ADMIN, json("name", Fixtures.unique("Branch"), "owner", this.kam, "parentId", this.account))
			.id();
		long elsewhere = this.given.accountOwnedBy(this.kam, Fixtures.unique("Elsewhere")).id();
		long ownDeal = this.api
			.post(this.kam, "/api/v1/opportunities", json("accountId", subsidiary, "name", Fixtures.unique("Deal")))
			.expect(201)
			.id();
		long strayDeal = this.api
			.post(this.kam, "/api/v1/opportunities", json("accountId", elsewhere, "name", Fixtures.unique("Deal")))
			.expect(201)
			.id();
		int version = this.api.post(this.kam, plans(), json("year", this.year)).expect(201).version();
		assertThat(this.api
			.post(this.kam, plans() + "/" + this.year + "/actions",
					json("what", "Win the branch", "dueDate", this.today.toString(), "linkKind", "opportunity",
							"linkId", strayDeal, "version", version))
			.expect(400)
			.errorFields()).containsExactly("actions[0].linkId");
		JsonNode plan = this.api
			.post(this.kam, plans() + "/" + this.year + "/actions",
					json("what", "Win the branch", "owner", this.manager, "dueDate", this.today.minusDays(1).toString(),
							"linkKind", "opportunity", "linkId", ownDeal, "version", version))
			.expect(200)
			.body();
		JsonNode action = plan.get("actions").get(0);
		assertThat(action.get("owner").asString()).isEqualTo(this.manager);
		assertThat(action.get("overdue").asBoolean()).isTrue();
		assertThat(action.get("link").get("id").asLong()).isEqualTo(ownDeal);
		assertThat(action.get("link").get("href").asString()).isEqualTo("/opportunities/" + ownDeal);

		JsonNode done = this.api
			.post(this.kam, plans() + "/" + this.year + "/actions/0/status",
					json("status", "DONE", "version", plan.get("version").asInt()))
			.expect(200)
			.body();
		assertThat(done.get("actions").get(0).get("overdue").asBoolean()).isFalse();
		assertThat(this.api
			.post(this.kam, plans() + "/" + this.year + "/actions/0/status",
					json("status", "PLANNED", "version", done.get("version").asInt()))
			.expect(400)
			.errorFields()).containsExactly("status");
		this.api
			.post(this.kam, plans() + "/" + this.year + "/actions/5/status",
					json("status", "DONE", "version", done.get("version").asInt()))
			.expect(400);
	}

	@Test
	void theAccountPageShowsThisYearsGoalsAgainstWhatHappened() {
		long subsidiary = this.given
			.account(Api.ADMIN, json("name", Fixtures.unique("Branch"), "owner", this.kam, "parentId", this.account))
			.id();
		LocalDate newYear = this.today.withDayOfYear(1);
		order(this.account, newYear, "300");
		order(subsidiary, this.today, "200");
		order(this.account, newYear.minusDays(1), "5000");
		this.api.get(this.kam, "/api/v1/accounts/" + this.account + "/plan-goals").expect(404);
		this.api
			.post(this.kam, plans(),
					json("year", this.year, "revenueTarget", 1000, "targetStage", "HIGH", "swot",
							json("strengths", List.of("Quality"))))
			.expect(201);
		this.api
			.post(this.kam, "/api/v1/accounts/" + this.account + "/relationship-assessments",
					json("personal", 3, "company", 2, "evidence", "Regular meetings"))
			.expect(201);
		String stageNow = this.api.get(this.kam, "/api/v1/accounts/" + this.account + "/relationship")
			.expect(200)
			.text("stage");

		JsonNode goals = this.api.get(this.kam, "/api/v1/accounts/" + this.account + "/plan-goals").expect(200).body();
		assertThat(goals.get("revenue").decimalValue()).isEqualByComparingTo("500");
		assertThat(goals.get("revenueTarget").decimalValue()).isEqualByComparingTo("1000");
		assertThat(goals.get("stageNow").asString()).isEqualTo(stageNow);
		assertThat(goals.get("targetStage").asString()).isEqualTo("HIGH");
		this.api.get(this.otherKam, "/api/v1/accounts/" + this.account + "/plan-goals").expect(404);

		SignedIn session = SignedIn.as(this.port, this.kam, Api.USER_PASSWORD);
		Document section = Jsoup.parse(session.get("/accounts/" + this.account + "/plan/section", "en").text());
		assertThat(section.selectFirst("#goal-revenue-percent").text())
			.isEqualTo((500 * 100 / 1000) + "% of the target");
		boolean reached = STAGES.indexOf(stageNow) >= STAGES.indexOf("HIGH");
		assertThat(section.select("#goal-stage .badge").text())
			.isEqualTo(reached ? "Target reached" : "Not reached yet");
		assertThat(section.selectFirst("#open-plan").attr("href"))
			.isEqualTo("/accounts/" + this.account + "/plans/" + this.year);
	}

	/**
	 * The plan pages' labels are the key account plan's own, in both languages: the
	 * contact plan's bundle, listed first, once lent them its "Contact plan" and "Nothing
	 * due" for keys both defined.
	 */
	@Test
	void thePlanPagesNameTheKeyAccountPlanNotTheContactPlan() {
		SignedIn session = SignedIn.as(this.port, this.kam, Api.USER_PASSWORD);
		Map<String, List<String>> labels = Map.of("en", List.of("Key account plan", "No plan yet."), "zh-CN",
				List.of("大客户计划", "尚无计划。"));
		labels.forEach((language, expected) -> {
			Document section = Jsoup.parse(session.get("/accounts/" + this.account + "/plan/section", language).text());
			assertThat(section.selectFirst(".card-header span").text()).isEqualTo(expected.get(0));
			Document list = Jsoup.parse(session.get("/accounts/" + this.account + "/plans", language).text());
			assertThat(list.selectFirst("p.dk-empty").text()).isEqualTo(expected.get(1));
		});
	}

	@Test
	void thePagesFillAPlanAndPrintItWithoutMenus() {
		SignedIn session = SignedIn.as(this.port, this.kam, Api.USER_PASSWORD);
		SignedIn.Page started = session.post("/accounts/" + this.account + "/plans",
				Map.of("year", String.valueOf(this.year)));
		assertThat(started.location()).endsWith("/accounts/" + this.account + "/plans/" + this.year);
		int version = this.api.get(this.kam, plans() + "/" + this.year).expect(200).version();
		session.post("/accounts/" + this.account + "/plans/" + this.year + "/goals",
				Map.of("revenueTarget", "5000", "walletShareTarget", "40", "targetStage", "MIDDLE", "strengths",
						"Fast delivery\n\nLocal service", "threats", "Import tariffs", "version",
						String.valueOf(version)));
		JsonNode plan = this.api.get(this.kam, plans() + "/" + this.year).expect(200).body();
		assertThat(plan.get("swot").get("strengths")).extracting(JsonNode::asString)
			.containsExactly("Fast delivery", "Local service");
		assertThat(plan.get("targetStage").asString()).isEqualTo("MIDDLE");

		session.post("/accounts/" + this.account + "/plans/" + this.year + "/goals",
				Map.of("walletShareTarget", "120", "version", String.valueOf(plan.get("version").asInt())));
		assertThat(this.api.get(this.kam, plans() + "/" + this.year)
			.expect(200)
			.body()
			.get("walletShareTarget")
			.decimalValue()).as("a refused form changes nothing").isEqualByComparingTo("40");
		session.post("/accounts/" + this.account + "/plans/" + this.year + "/goals",
				Map.of("revenueTarget", "1", "version", String.valueOf(version)));
		assertThat(this.api.get(this.kam, plans() + "/" + this.year)
			.expect(200)
			.body()
			.get("revenueTarget")
			.decimalValue()).as("a stale form changes nothing").isEqualByComparingTo("5000");

		Document page = Jsoup.parse(session.get("/accounts/" + this.account + "/plans/" + this.year, "en").text());
		assertThat(page.selectFirst("#plan-missing").text()).contains("weaknesses", "opportunities", "an action",
				"a review");
		Document print = Jsoup
			.parse(session.get("/accounts/" + this.account + "/plans/" + this.year + "/print", "en").text());
		assertThat(print.select("nav.navbar")).isEmpty();
		assertThat(print.select("form")).isEmpty();
		assertThat(print.selectFirst("#print-swot").text()).contains("Fast delivery", "Import tariffs");
		assertThat(print.selectFirst("#whitespace")).as("the matrix, empty or not, is part of the print").isNotNull();
		assertThat(
				this.api.page(this.otherKam, "/accounts/" + this.account + "/plans/" + this.year + "/print").status())
			.isEqualTo(404);
	}

	@Test
	void aMergeMovesTheAbsorbedAccountsPlansForYearsTheSurvivorHasNone() {
		long absorbed = this.given.accountOwnedBy(this.kam, Fixtures.unique("Absorbed")).id();
		String absorbedPlans = "/api/v1/accounts/" + absorbed + "/plans";
		this.api.post(this.kam, plans(), json("year", this.year, "revenueTarget", 100)).expect(201);
		this.api.post(this.kam, absorbedPlans, json("year", this.year, "revenueTarget", 200)).expect(201);
		this.api.post(this.kam, absorbedPlans, json("year", this.year + 1, "revenueTarget", 300)).expect(201);
		int version = this.api.get(this.kam, "/api/v1/accounts/" + absorbed).expect(200).version();
		this.api
			.post(this.kam, "/api/v1/accounts/" + absorbed + "/merge", json("into", this.account, "version", version))
			.expect(200);
		List<JsonNode> kept = this.api.get(this.kam, plans()).expect(200).items();
		assertThat(kept).extracting((plan) -> plan.get("year").asInt()).containsExactly(this.year + 1, this.year);
		assertThat(kept.get(1).get("revenueTarget").decimalValue()).as("the survivor keeps its own year")
			.isEqualByComparingTo("100");
		assertThat(kept.get(0).get("revenueTarget").decimalValue()).isEqualByComparingTo("300");
	}

	private void order(long account, LocalDate day, String amount) {
		this.api.post(Api.ADMIN, "/api/v1/orders", json("accountId", account, "date", day.toString(), "amount", amount))
			.expect(201);
	}

	private String plans() {
		return "/api/v1/accounts/" + this.account + "/plans";
	}

}
