package io.dakehu.loyalty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loyalty actions and the approval flow over the API (DOMAIN.md §10.5, §10.6): which
 * actions need approval and who is asked, below, at and above each threshold (the
 * expected approver worked out here from the configured thresholds and the people built
 * for the test); nobody approves their own request, a manager nothing above the director
 * threshold, nothing twice; a rejected action is never carried out; notices to approver
 * and requester; record scope; stale edits; validation naming the field.
 * <p>
 * Each test builds its own line: a director, a manager reporting to the director and
 * leading a team, and a key account manager in that team with an account of their own.
 */
abstract class LoyaltyApprovalTests extends ApiTestSupport {

	@Value("${dakehu.approval.director-above}")
	private BigDecimal directorAbove;

	@Value("${dakehu.loyalty.approval-above}")
	private BigDecimal approvalAbove;

	private String director;

	private String manager;

	private String kam;

	private long account;

	@BeforeEach
	void line() {
		this.director = this.given.director();
		this.manager = this.given.user("MANAGER", null, this.director);
		this.kam = this.given.kam(this.given.team(this.manager), this.manager);
		this.account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Loyal Co")).id();
	}

	@Test
	void eachActionBelowAtAndAboveEachThresholdGoesToTheRightApprover() {
		BigDecimal cent = new BigDecimal("0.01");
		List<Object[]> cases = new ArrayList<>();
		cases.add(new Object[] { "EXECUTIVE_VISIT", this.approvalAbove });
		cases.add(new Object[] { "EXECUTIVE_VISIT", this.approvalAbove.add(cent) });
		cases.add(new Object[] { "SEMINAR", this.directorAbove.add(cent) });
		cases.add(new Object[] { "GIFT", new BigDecimal("100") });
		cases.add(new Object[] { "GIFT", BigDecimal.ZERO });
		cases.add(new Object[] { "GIFT", this.directorAbove });
		cases.add(new Object[] { "GIFT", this.directorAbove.add(cent) });
		cases.add(new Object[] { "HOSTING", this.approvalAbove });
		cases.add(new Object[] { "HOSTING", this.directorAbove.add(BigDecimal.TEN) });
		for (Object[] c : cases) {
			String type = (String) c[0];
			BigDecimal budget = (BigDecimal) c[1];
			String label = type + " " + budget;
			boolean needs = type.equals("GIFT") || type.equals("HOSTING") || budget.compareTo(this.approvalAbove) > 0;
			boolean toDirector = budget.compareTo(this.directorAbove) > 0;
			Response planned = plan(this.kam, this.account, type, budget);
			assertThat(planned.text("status")).as(label).isEqualTo(needs ? "AWAITING_APPROVAL" : "PLANNED");
			assertThat(planned.body().get("needsApproval").asBoolean()).as(label).isEqualTo(needs);
			List<JsonNode> approvals = approvals(this.kam, planned.id());
			if (!needs) {
				assertThat(approvals).as(label).isEmpty();
				continue;
			}
			assertThat(approvals).as(label).hasSize(1);
			JsonNode request = approvals.get(0);
			assertThat(request.get("approver").asString()).as(label)
				.isEqualTo(toDirector ? this.director : this.manager);
			assertThat(request.get("level").asString()).as(label).isEqualTo(toDirector ? "DIRECTOR" : "MANAGER");
			assertThat(request.get("status").asString()).as(label).isEqualTo("PENDING");
			assertThat(request.get("requester").asString()).as(label).isEqualTo(this.kam);
			assertThat(new BigDecimal(request.get("amount").asString())).as(label).isEqualByComparingTo(budget);
		}
		// The approver hears of each request sent to them.
		assertThat(kinds(this.manager)).contains("approval.requested");
		assertThat(kinds(this.director)).contains("approval.requested");
	}

	@Test
	void aRequestWithoutAManagerGoesToADirectorAndAManagersOwnToTheirDirector() {
		String loner = this.given.kam();
		long own = this.given.accountOwnedBy(loner, Fixtures.unique("Alone Co")).id();
		Response gift = plan(loner, own, "GIFT", new BigDecimal("200")).expect(201);
		JsonNode request = approvals(loner, gift.id()).get(0);
		// No manager above: a director decides, whichever is the company's first.
		assertThat(role(request.get("approver").asString())).isEqualTo("DIRECTOR");
		Response managers = plan(this.manager, this.account, "HOSTING", new BigDecimal("300")).expect(201);
		assertThat(approvals(this.manager, managers.id()).get(0).get("approver").asString()).isEqualTo(this.director);
	}

	@Test
	void nobodyApprovesTheirOwnRequestAndAKamApprovesNothing() {
		long gift = plan(this.kam, this.account, "GIFT", new BigDecimal("800")).expect(201).id();
		JsonNode request = approvals(this.kam, gift).get(0);
		long id = request.get("id").asLong();
		int version = request.get("version").asInt();
		this.api.post(this.kam, "/api/v1/approvals/" + id + "/approve", json("version", version, "comment", "ok"))
			.expect(403);
		// The manager's own request, routed to the director, is not theirs to approve.
		long hosting = plan(this.manager, this.account, "HOSTING", new BigDecimal("900")).expect(201).id();
		JsonNode own = approvals(this.manager, hosting).get(0);
		this.api
			.post(this.manager, "/api/v1/approvals/" + own.get("id").asLong() + "/approve",
					json("version", own.get("version").asInt()))
			.expect(403);
		assertThat(this.api.get(this.kam, "/api/v1/approvals/" + id).expect(200).text("status")).isEqualTo("PENDING");
		assertThat(action(this.kam, gift).text("status")).isEqualTo("AWAITING_APPROVAL");
		assertThat(this.jdbc.sql("select count(*) from approval_request where id in (:ids) and status = 'PENDING'")
			.param("ids", List.of(id, own.get("id").asLong()))
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void aManagerDecidesUpToTheThresholdADirectorAboveItAndNothingIsDecidedTwice() {
		BigDecimal big = this.directorAbove.add(BigDecimal.ONE);
		long gift = plan(this.kam, this.account, "GIFT", big).expect(201).id();
		JsonNode request = approvals(this.kam, gift).get(0);
		long id = request.get("id").asLong();
		int version = request.get("version").asInt();
		this.api.post(this.manager, "/api/v1/approvals/" + id + "/approve", json("version", version)).expect(403);
		// The manager's inbox does not offer it; the director's does.
		assertThat(ids(this.api.get(this.manager, "/api/v1/approvals?status=PENDING").expect(200))).doesNotContain(id);
		assertThat(ids(this.api.get(this.director, "/api/v1/approvals?status=PENDING").expect(200))).contains(id);
		Response approved = this.api
			.post(this.director, "/api/v1/approvals/" + id + "/approve",
					json("version", version, "comment", "Worth it"))
			.expect(200);
		assertThat(approved.text("status")).isEqualTo("APPROVED");
		assertThat(approved.text("decidedBy")).isEqualTo(this.director);
		assertThat(action(this.kam, gift).text("status")).isEqualTo("APPROVED");
		// Twice: with the old version, and with the current one.
		this.api.post(this.director, "/api/v1/approvals/" + id + "/reject", json("version", version, "comment", "no"))
			.expect(409);
		Response again = this.api
			.post(this.director, "/api/v1/approvals/" + id + "/reject",
					json("version", approved.version(), "comment", "no"))
			.expect(409);
		assertThat(again.text("approvalStatus")).isEqualTo("APPROVED");
		assertThat(action(this.kam, gift).text("status")).isEqualTo("APPROVED");
		assertThat(kinds(this.kam)).contains("approval.decided");
		assertThat(ids(this.api.get(this.kam, "/api/v1/approvals?box=mine").expect(200))).contains(id);
		// Approved, it is carried out and evaluated.
		Response done = this.api
			.post(this.kam, "/api/v1/loyalty-actions/" + gift + "/done",
					json("version", action(this.kam, gift).version(), "spend", "49000.50"))
			.expect(200);
		assertThat(done.text("status")).isEqualTo("DONE");
		this.api
			.post(this.kam, "/api/v1/loyalty-actions/" + gift + "/evaluate",
					json("version", done.version(), "effect", "IMPROVED"))
			.expect(400)
			.errorFields()
			.contains("outcome");
		Response evaluated = this.api
			.post(this.kam, "/api/v1/loyalty-actions/" + gift + "/evaluate",
					json("version", done.version(), "outcome", "Orders resumed", "effect", "IMPROVED"))
			.expect(200);
		assertThat(evaluated.text("status")).isEqualTo("EVALUATED");
		assertThat(evaluated.text("effect")).isEqualTo("IMPROVED");
	}

	@Test
	void aRejectedActionIsNeverCarriedOutButMayBeRevisedAndAskedAgain() {
		long gift = plan(this.kam, this.account, "GIFT", new BigDecimal("1200")).expect(201).id();
		JsonNode request = approvals(this.kam, gift).get(0);
		long id = request.get("id").asLong();
		int version = request.get("version").asInt();
		assertThat(this.api.post(this.manager, "/api/v1/approvals/" + id + "/reject", json("version", version))
			.expect(400)
			.errorFields()).containsExactly("comment");
		this.api
			.post(this.manager, "/api/v1/approvals/" + id + "/reject", json("version", version, "comment", "Too dear"))
			.expect(200);
		Response rejected = action(this.kam, gift);
		assertThat(rejected.text("status")).isEqualTo("REJECTED");
		Response refused = this.api
			.post(this.kam, "/api/v1/loyalty-actions/" + gift + "/done",
					json("version", rejected.version(), "spend", "1200"))
			.expect(409);
		assertThat(refused.text("loyaltyStatus")).isEqualTo("REJECTED");
		assertThat(action(this.kam, gift).text("status")).isEqualTo("REJECTED");
		assertThat(action(this.kam, gift).body().get("spend").isNull()).isTrue();
		List<JsonNode> notices = this.api.get(this.kam, "/api/v1/me/notifications")
			.expect(200)
			.body()
			.get("items")
			.valueStream()
			.filter((n) -> n.get("kind").asString().equals("approval.decided"))
			.toList();
		assertThat(notices).hasSize(1);
		assertThat(notices.get(0).get("text").asString()).contains("Too dear");
		// Revised to an action that needs no approval, it may then be carried out.
		Response revised = this.api
			.put(this.kam, "/api/v1/loyalty-actions/" + gift,
					body(this.account, "REGULAR_FEEDBACK", new BigDecimal("300"), rejected.version()))
			.expect(200);
		assertThat(revised.text("status")).isEqualTo("PLANNED");
		this.api
			.post(this.kam, "/api/v1/loyalty-actions/" + gift + "/done",
					json("version", revised.version(), "spend", "0"))
			.expect(200);
	}

	@Test
	void editsAreGuardedByVersionAndStatus() {
		Response visit = plan(this.kam, this.account, "EXECUTIVE_VISIT", new BigDecimal("2000")).expect(201);
		Response changed = this.api
			.put(this.kam, "/api/v1/loyalty-actions/" + visit.id(),
					body(this.account, "EXECUTIVE_VISIT", new BigDecimal("2500"), visit.version()))
			.expect(200);
		this.api
			.put(this.kam, "/api/v1/loyalty-actions/" + visit.id(),
					body(this.account, "EXECUTIVE_VISIT", new BigDecimal("9"), visit.version()))
			.expect(409);
		assertThat(new BigDecimal(action(this.kam, visit.id()).text("budget"))).isEqualByComparingTo("2500");
		// Raised above the threshold, it waits for approval and its plan is fixed.
		Response raised = this.api
			.put(this.kam, "/api/v1/loyalty-actions/" + visit.id(),
					body(this.account, "EXECUTIVE_VISIT", this.approvalAbove.add(BigDecimal.ONE), changed.version()))
			.expect(200);
		assertThat(raised.text("status")).isEqualTo("AWAITING_APPROVAL");
		this.api
			.put(this.kam, "/api/v1/loyalty-actions/" + visit.id(),
					body(this.account, "EXECUTIVE_VISIT", new BigDecimal("10"), raised.version()))
			.expect(409);
		this.api
			.post(this.kam, "/api/v1/loyalty-actions/" + visit.id() + "/done",
					json("version", raised.version(), "spend", "10"))
			.expect(409);
	}

	@Test
	void anotherKamsAccountAndItsActionsReadAsMissing() {
		String stranger = this.given.kam();
		long gift = plan(this.kam, this.account, "GIFT", new BigDecimal("500")).expect(201).id();
		long request = approvals(this.kam, gift).get(0).get("id").asLong();
		this.api.get(stranger, "/api/v1/loyalty-actions/" + gift).expect(404);
		this.api.get(stranger, "/api/v1/loyalty-actions/" + gift + "/approvals").expect(404);
		this.api.get(stranger, "/api/v1/approvals/" + request).expect(404);
		this.api.get(stranger, "/api/v1/accounts/" + this.account + "/loyalty-actions").expect(404);
		plan(stranger, this.account, "SEMINAR", BigDecimal.TEN).expect(404);
		assertThat(this.api.get(stranger, "/api/v1/loyalty-actions").expect(200).ids()).doesNotContain(gift);
		this.api.post(stranger, "/api/v1/approvals/" + request + "/approve", json("version", 0)).expect(404);
		// The manager of the team sees both.
		this.api.get(this.manager, "/api/v1/loyalty-actions/" + gift).expect(200);
		this.api.get(this.manager, "/api/v1/approvals/" + request).expect(200);
	}

	@Test
	void invalidInputNamesTheFieldAndChangesNothing() {
		int before = count();
		assertThat(this.api
			.post(this.kam, "/api/v1/loyalty-actions",
					json("accountId", this.account, "plannedOn", LocalDate.now().toString(), "budget", "10"))
			.expect(400)
			.errorFields()).containsExactly("type");
		assertThat(this.api
			.post(this.kam, "/api/v1/loyalty-actions",
					json("accountId", this.account, "type", "SEMINAR", "plannedOn", LocalDate.now().toString(),
							"budget", "-1"))
			.expect(400)
			.errorFields()).containsExactly("budget");
		assertThat(this.api
			.post(this.kam, "/api/v1/loyalty-actions",
					json("accountId", this.account, "type", "SEMINAR", "budget", "5"))
			.expect(400)
			.errorFields()).containsExactly("plannedOn");
		assertThat(this.api
			.post(this.kam, "/api/v1/loyalty-actions",
					json("accountId", this.account, "type", "SEMINAR", "plannedOn", LocalDate.now().toString(),
							"budget", "5", "owner", "nobody-" + Fixtures.unique("x")))
			.expect(400)
			.errorFields()).containsExactly("owner");
		long visit = plan(this.kam, this.account, "SEMINAR", BigDecimal.ONE).expect(201).id();
		assertThat(this.api
			.post(this.kam, "/api/v1/loyalty-actions/" + visit + "/done",
					json("version", action(this.kam, visit).version()))
			.expect(400)
			.errorFields()).containsExactly("spend");
		assertThat(count()).isEqualTo(before + 1);
	}

	@Test
	void budgetAndSpendAddUpPerTierAndOwnerForTheYear() {
		String colleague = this.given.kam(null, this.manager);
		long other = this.given.accountOwnedBy(colleague, Fixtures.unique("Other Co")).id();
		int year = LocalDate.now().getYear();
		LocalDate inYear = LocalDate.of(year, 1, 15);
		// owner, account, type, budget, spend (null: not done), rejected
		Object[][] rows = { { this.kam, this.account, "SEMINAR", "1000.00", "900.00", false },
				{ this.kam, this.account, "REWARDS", "2000.50", null, false },
				{ this.kam, this.account, "GIFT", "300.00", null, true },
				{ colleague, other, "INFORMATION_SHARING", "450.25", "500.00", false },
				{ colleague, other, "PRIORITY_SUPPLY", "0", "0", false } };
		BigDecimal[] budget = { BigDecimal.ZERO, BigDecimal.ZERO };
		BigDecimal[] spend = { BigDecimal.ZERO, BigDecimal.ZERO };
		long[] actions = { 0, 0 };
		for (Object[] row : rows) {
			String owner = (String) row[0];
			int who = owner.equals(this.kam) ? 0 : 1;
			Response made = this.api
				.post(owner, "/api/v1/loyalty-actions",
						json("accountId", row[1], "type", row[2], "plannedOn", inYear.toString(), "budget", row[3]))
				.expect(201);
			actions[who]++;
			if ((Boolean) row[5]) {
				JsonNode request = approvals(owner, made.id()).get(0);
				this.api
					.post(this.manager, "/api/v1/approvals/" + request.get("id").asLong() + "/reject",
							json("version", request.get("version").asInt(), "comment", "no"))
					.expect(200);
			}
			else {
				budget[who] = budget[who].add(new BigDecimal((String) row[3]));
			}
			if (row[4] != null) {
				this.api
					.post(owner, "/api/v1/loyalty-actions/" + made.id() + "/done",
							json("version", made.version(), "spend", row[4], "doneOn", inYear.toString()))
					.expect(200);
				spend[who] = spend[who].add(new BigDecimal((String) row[4]));
			}
		}
		// Planned for last year: not this year's.
		this.api
			.post(this.kam, "/api/v1/loyalty-actions",
					json("accountId", this.account, "type", "SEMINAR", "plannedOn", inYear.minusYears(1).toString(),
							"budget", "7777"))
			.expect(201);
		JsonNode report = this.api.get(this.manager, "/api/v1/loyalty-actions/budget?year=" + year).expect(200).body();
		Map<String, JsonNode> owners = new java.util.HashMap<>();
		report.get("byOwner").valueStream().forEach((line) -> owners.put(line.get("key").asString(), line));
		assertThat(owners.keySet()).containsExactlyInAnyOrder(this.kam, colleague);
		String[] names = { this.kam, colleague };
		for (int who = 0; who < 2; who++) {
			JsonNode line = owners.get(names[who]);
			assertThat(line.get("actions").asLong()).as(names[who]).isEqualTo(actions[who]);
			assertThat(new BigDecimal(line.get("budget").asString())).as(names[who]).isEqualByComparingTo(budget[who]);
			assertThat(new BigDecimal(line.get("spend").asString())).as(names[who]).isEqualByComparingTo(spend[who]);
		}
		// The accounts were made after any segmentation run: both are Small.
		Map<String, JsonNode> tiers = new java.util.LinkedHashMap<>();
		report.get("byTier").valueStream().forEach((line) -> tiers.put(line.get("key").asString(), line));
		assertThat(tiers.keySet()).containsExactly("VIP", "MAJOR", "ORDINARY", "SMALL");
		assertThat(new BigDecimal(tiers.get("SMALL").get("budget").asString()))
			.isEqualByComparingTo(budget[0].add(budget[1]));
		assertThat(new BigDecimal(tiers.get("SMALL").get("spend").asString()))
			.isEqualByComparingTo(spend[0].add(spend[1]));
		assertThat(tiers.get("VIP").get("actions").asLong()).isZero();
		assertThat(new BigDecimal(report.get("total").get("budget").asString()))
			.isEqualByComparingTo(budget[0].add(budget[1]));
		// The key account manager's own scope holds only their own.
		JsonNode own = this.api.get(this.kam, "/api/v1/loyalty-actions/budget?year=" + year).expect(200).body();
		assertThat(own.get("byOwner").size()).isEqualTo(1);
		assertThat(new BigDecimal(own.get("total").get("spend").asString())).isEqualByComparingTo(spend[0]);
	}

	private Response plan(String user, long accountId, String type, BigDecimal budget) {
		return this.api.post(user, "/api/v1/loyalty-actions", body(accountId, type, budget, null));
	}

	private static Map<String, Object> body(long accountId, String type, BigDecimal budget, Integer version) {
		return json("accountId", accountId, "type", type, "plannedOn", LocalDate.now().plusDays(10).toString(),
				"budget", budget.toPlainString(), "description", "For the test", "reason", "Keep them", "version",
				version);
	}

	private Response action(String user, long id) {
		return this.api.get(user, "/api/v1/loyalty-actions/" + id).expect(200);
	}

	private List<JsonNode> approvals(String user, long action) {
		return this.api.get(user, "/api/v1/loyalty-actions/" + action + "/approvals").expect(200).items();
	}

	private List<String> kinds(String user) {
		return this.api.get(user, "/api/v1/me/notifications")
			.expect(200)
			.body()
			.get("items")
			.valueStream()
			.map((n) -> n.get("kind").asString())
			.toList();
	}

	private static List<Long> ids(Response response) {
		return response.ids();
	}

	private String role(String username) {
		return this.jdbc.sql("select role from app_user where username = :u")
			.param("u", username)
			.query(String.class)
			.single();
	}

	private int count() {
		return this.jdbc.sql("select count(*) from loyalty_action where account_id = :a")
			.param("a", this.account)
			.query(Integer.class)
			.single();
	}

}
