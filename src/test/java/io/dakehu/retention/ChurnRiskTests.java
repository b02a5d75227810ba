package io.dakehu.retention;

import org.springframework.context.ApplicationEventPublisher;
import io.dakehu.segmentation.RankedRuns;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.shared.NoticeRequested;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.OutboxWatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The churn score (DOMAIN.md §10.4) over the API and the run service: every factor at its
 * threshold and beside it, with the expected points worked out here from the rule, the
 * cap at 100, the history per run, the notice when a customer rises into high risk, and
 * the back-test of the warning on a history built with a known truth. A run scores the
 * whole company; each test reads only the accounts it built, owned by a KAM of its own.
 * The accounts are unranked by segmentation, so Small, with Small's contact cadence.
 * Events are recorded per method, which needs the methods on one thread.
 */
@RecordApplicationEvents
@Execution(ExecutionMode.SAME_THREAD)
abstract class ChurnRiskTests extends ApiTestSupport {

	@Autowired
	private ChurnRuns runs;

	@Autowired
	private ApplicationEventPublisher publisher;

	private String manager;

	private String kam;

	private LocalDate today;

	@BeforeEach
	void people() {
		this.manager = this.given.manager();
		this.kam = this.given.kam(this.given.team(this.manager), this.manager);
		this.today = LocalDate.now();
	}

	@Test
	void purchasesThatFellByThirtyOrTenPercentAddTheirPointsAtTheBoundaryAndNotBeside() {
		// Prior year 1,000; this year 700 is −30 % exactly, 701 is −29.9 %, 900 is −10 %,
		// 901 is −9.9 %. The two purchase days are 390 days apart and the latest 10 days
		// old, so the customer is not overdue for a purchase.
		Map<String, Integer> expected = new HashMap<>();
		Map<String, Long> accounts = new HashMap<>();
		int[] current = { 700, 701, 900, 901 };
		int[] points = { 25, 12, 12, 0 };
		for (int i = 0; i < current.length; i++) {
			long account = customer();
			buy(account, this.today.minusDays(400), 1000);
			buy(account, this.today.minusDays(10), current[i]);
			accounts.put("c" + current[i], account);
			expected.put("c" + current[i], points[i]);
		}
		this.runs.runAsOf(this.today, "test");
		for (Map.Entry<String, Long> entry : accounts.entrySet()) {
			JsonNode risk = risk(entry.getValue());
			int want = expected.get(entry.getKey());
			assertThat(risk.get("score").asInt()).as(entry.getKey()).isEqualTo(want);
			assertThat(risk.get("level").asString()).as(entry.getKey()).isEqualTo(level(want));
			assertThat(factor(risk, "PURCHASES_FELL")).as(entry.getKey()).isEqualTo(want);
		}
		JsonNode fell = risk(accounts.get("c700"));
		JsonNode only = fell.get("factors").get(0);
		assertThat(only.get("values").get("changePercent").asInt()).isEqualTo(-30);
		assertThat(only.get("fact").asString()).contains("-30");
		assertThat(fell.get("nextAction").get("code").asString()).isEqualTo("PURCHASES_FELL");
	}

	@Test
	void noPurchaseForLongerThanOneAndAHalfUsualIntervalsAddsTwentyPoints() {
		// Days before today of three purchases of 100 each, all in the last 12 months.
		// Gaps 30 and 30: usual 30, fires after 45 days. Gaps 10 and 10: the median is
		// 10 but the usual interval is at least 30, so 40 days is not yet overdue. Gaps
		// 20 and 60: the median is 40, fires after 60 days.
		int[][] cases = { { 106, 76, 46 }, { 105, 75, 45 }, { 60, 50, 40 }, { 141, 121, 61 }, { 140, 120, 60 } };
		int[] points = { 20, 0, 0, 20, 0 };
		List<Long> accounts = new ArrayList<>();
		for (int[] days : cases) {
			long account = customer();
			for (int d : days) {
				buy(account, this.today.minusDays(d), 100);
			}
			accounts.add(account);
		}
		this.runs.runAsOf(this.today, "test");
		for (int i = 0; i < cases.length; i++) {
			JsonNode risk = risk(accounts.get(i));
			assertThat(risk.get("score").asInt()).as("case %d", i).isEqualTo(points[i]);
			assertThat(factor(risk, "NO_PURCHASE")).as("case %d", i).isEqualTo(points[i]);
		}
		JsonNode late = risk(accounts.get(3)).get("factors").get(0);
		assertThat(late.get("values").get("daysSincePurchase").asInt()).isEqualTo(61);
		assertThat(late.get("values").get("usualDays").asInt()).isEqualTo(40);
	}

	@Test
	void complaintsAndSatisfactionAddTheirPointsAtTheirThresholds() {
		LocalDateTime now = LocalDateTime.now();
		long overdue = recentCustomer();
		long overdueId = complaint(overdue, now.minusDays(3), "OPEN", null, null);
		long fresh = recentCustomer();
		complaint(fresh, now.minusHours(1), "OPEN", null, null);
		long twoRecent = recentCustomer();
		complaint(twoRecent, now.minusHours(1), "OPEN", null, null);
		complaint(twoRecent, now.minusDays(89), "CLOSED", 5, now.minusDays(80));
		long oneRecent = recentCustomer();
		complaint(oneRecent, now.minusHours(1), "OPEN", null, null);
		complaint(oneRecent, now.minusDays(91), "CLOSED", 5, now.minusDays(80));
		Map<Integer, Long> rated = new HashMap<>();
		for (int satisfaction = 2; satisfaction <= 4; satisfaction++) {
			long account = recentCustomer();
			complaint(account, now.minusDays(120), "CLOSED", satisfaction, now.minusDays(100));
			rated.put(satisfaction, account);
		}
		long ratedTwice = recentCustomer();
		complaint(ratedTwice, now.minusDays(150), "CLOSED", 1, now.minusDays(140));
		complaint(ratedTwice, now.minusDays(120), "CLOSED", 4, now.minusDays(100));

		this.runs.runAsOf(this.today, "test");

		JsonNode late = risk(overdue);
		assertThat(late.get("score").asInt()).isEqualTo(15);
		JsonNode fact = late.get("factors").get(0);
		assertThat(fact.get("code").asString()).isEqualTo("COMPLAINTS");
		assertThat(fact.get("values").get("complaintId").asLong()).isEqualTo(overdueId);
		assertThat(fact.get("fact").asString()).contains("#" + overdueId);
		assertThat(risk(fresh).get("score").asInt()).isZero();
		assertThat(risk(twoRecent).get("score").asInt()).isEqualTo(15);
		assertThat(risk(oneRecent).get("score").asInt()).isZero();
		assertThat(risk(rated.get(2)).get("score").asInt()).isEqualTo(15);
		assertThat(risk(rated.get(3)).get("score").asInt()).isEqualTo(7);
		assertThat(risk(rated.get(4)).get("score").asInt()).isZero();
		assertThat(risk(ratedTwice).get("score").asInt()).as("the latest satisfaction counts").isZero();
	}

	@Test
	void anOverdueContactAndADealLostToACompetitorAddTenPointsEach() {
		int cadence = this.jdbc.sql("select cadence_small from segmentation_settings where id = 1")
			.query(Integer.class)
			.single();
		// Due one cadence after the last contact; overdue by more than one cadence means
		// the last contact is more than two cadences old.
		long longAgo = recentCustomer();
		contact(longAgo, this.today.minusDays(2L * cadence + 1));
		long justWithin = recentCustomer();
		contact(justWithin, this.today.minusDays(2L * cadence));
		long lostDeal = recentCustomer();
		lostDeal(lostDeal, this.today.minusDays(180));
		long oldDeal = recentCustomer();
		lostDeal(oldDeal, this.today.minusDays(181));

		this.runs.runAsOf(this.today, "test");

		JsonNode overdue = risk(longAgo);
		assertThat(overdue.get("score").asInt()).isEqualTo(10);
		assertThat(overdue.get("factors").get(0).get("values").get("overdueDays").asInt()).isEqualTo(cadence + 1);
		assertThat(risk(justWithin).get("score").asInt()).isZero();
		JsonNode deal = risk(lostDeal);
		assertThat(deal.get("score").asInt()).isEqualTo(10);
		assertThat(deal.get("factors").get(0).get("values").get("competitor").asString()).isEqualTo("Rival Ltd");
		assertThat(risk(oldDeal).get("score").asInt()).isZero();
	}

	@Test
	void receivablesMoreThanThirtyDaysOverdueAddTheCreditFactorsFivePoints() {
		// 1,000 due 31 days ago and unpaid; due 30 days ago, not yet over; 31 days ago
		// but paid; 31 days ago with 400 of it paid.
		long over = recentCustomer();
		owes(over, this.today.minusDays(31), null);
		long boundary = recentCustomer();
		owes(boundary, this.today.minusDays(30), null);
		long paid = recentCustomer();
		owes(paid, this.today.minusDays(31), "1000");
		long partly = recentCustomer();
		owes(partly, this.today.minusDays(31), "400");

		this.runs.runAsOf(this.today, "test");

		JsonNode late = risk(over);
		assertThat(late.get("score").asInt()).isEqualTo(5);
		assertThat(factor(late, "CREDIT")).isEqualTo(5);
		JsonNode credit = late.get("factors").get(0);
		assertThat(credit.get("values").get("overdueAmount").decimalValue()).isEqualByComparingTo("1000");
		assertThat(credit.get("values").get("overdueDays").asInt()).isEqualTo(31);
		assertThat(credit.get("fact").asString()).contains("31");
		assertThat(risk(boundary).get("score").asInt()).isZero();
		assertThat(risk(paid).get("score").asInt()).isZero();
		JsonNode rest = risk(partly);
		assertThat(rest.get("score").asInt()).isEqualTo(5);
		assertThat(rest.get("factors").get(0).get("values").get("overdueAmount").decimalValue())
			.isEqualByComparingTo(new BigDecimal("1000").subtract(new BigDecimal("400")));
	}

	@Test
	void theScoreIsCappedAtAHundredWhateverThePoints() {
		long account = decliner();
		complaint(account, LocalDateTime.now().minusDays(3), "OPEN", null, null);
		Map<String, Integer> before = new HashMap<>();
		this.jdbc.sql("select code, points from churn_factor_points")
			.query((rs, n) -> before.put(rs.getString(1), rs.getInt(2)))
			.list();
		try {
			this.jdbc
				.sql("update churn_factor_points set points = 40 where code in ('PURCHASES_FELL_30',"
						+ " 'NO_PURCHASE', 'COMPLAINTS')")
				.update();
			this.runs.runAsOf(this.today, "test");
			JsonNode risk = risk(account);
			// 40 + 40 + 40 = 120 points of factors, capped.
			assertThat(factor(risk, "PURCHASES_FELL") + factor(risk, "NO_PURCHASE") + factor(risk, "COMPLAINTS"))
				.isEqualTo(120);
			assertThat(risk.get("score").asInt()).isEqualTo(100);
			assertThat(risk.get("level").asString()).isEqualTo("HIGH");
		}
		finally {
			before.forEach((code, points) -> this.jdbc.sql("update churn_factor_points set points = :p where code = :c")
				.param("p", points)
				.param("c", code)
				.update());
		}
	}

	@Test
	void everyRunIsKeptAndRisingIntoHighTellsTheOwnerOnce(ApplicationEvents events) {
		long account = decliner();
		OutboxWatch watch = OutboxWatch.subscribe(this.api, this.jdbc, "account.churn_risk_high");
		// As of 30 days ago the complaint was not yet received: 45 points, medium.
		this.runs.runAsOf(this.today.minusDays(30), "test");
		complaint(account, LocalDateTime.now().minusDays(3), "OPEN", null, null);
		ChurnRun first = this.runs.runAsOf(this.today, "test");
		ChurnRun second = this.runs.runAsOf(this.today, "test");

		List<JsonNode> history = this.api.get(this.kam, "/api/v1/accounts/" + account + "/churn-risk/history")
			.expect(200)
			.items();
		assertThat(history).hasSize(3);
		assertThat(history.get(0).get("runId").asLong()).isEqualTo(second.id());
		assertThat(history.get(0).get("score").asInt()).isEqualTo(25 + 20 + 15);
		assertThat(history.get(1).get("runId").asLong()).isEqualTo(first.id());
		assertThat(history.get(2).get("score").asInt()).isEqualTo(25 + 20);
		assertThat(history.get(2).get("level").asString()).isEqualTo("MEDIUM");
		assertThat(history.get(2).get("asOf").asString()).isEqualTo(this.today.minusDays(30).toString());

		List<NoticeRequested> notices = events.stream(NoticeRequested.class)
			.filter((n) -> n.link().equals("/accounts/" + account))
			.toList();
		assertThat(notices).hasSize(1);
		NoticeRequested notice = notices.get(0);
		assertThat(notice.kind()).isEqualTo("churn.high");
		assertThat(notice.messageCode()).isEqualTo("notice.churn.high");
		assertThat(notice.recipients()).containsExactly(userId(this.kam));
		assertThat(notice.copyManagers()).isTrue();
		assertThat(notice.dedupKey()).isEqualTo("churn.high:" + account + ":" + first.id());
		assertThat(notice.arguments()).contains("60");
		// And delivered: the owner and their manager each read it once.
		for (String user : List.of(this.kam, this.manager)) {
			JsonNode items = this.api.get(user, "/api/v1/me/notifications?size=100").expect(200).body().get("items");
			List<String> told = new ArrayList<>();
			for (JsonNode item : items) {
				if (item.get("link").asString().equals("/accounts/" + account)) {
					told.add(item.get("kind").asString());
				}
			}
			assertThat(told).as(user).containsExactly("churn.high");
		}
		// Other systems are told once too, by the run it rose in.
		try (watch) {
			List<JsonNode> told = watch.payloads("account.churn_risk_high", account);
			assertThat(told).hasSize(1);
			assertThat(told.get(0).get("score").asInt()).isEqualTo(25 + 20 + 15);
			// The level in the company's run before (another test's run today may come
			// between, without this account): medium or none, never high.
			JsonNode previous = told.get(0).get("previousLevel");
			assertThat(previous.isNull() ? null : previous.asString()).isIn(null, "MEDIUM");
			assertThat(told.get(0).get("runId").asLong()).isEqualTo(first.id());
		}
	}

	@Test
	void aCustomerWhoStoppedBuyingIsWorthWhatItUsedToBuy() {
		// Value at risk: the larger of the last 12 months' purchases and the 12 before.
		long stopped = customer();
		buy(stopped, this.today.minusDays(500), 5000);
		long fallen = customer();
		buy(fallen, this.today.minusDays(500), 2000);
		buy(fallen, this.today.minusDays(100), 300);
		long declined = decliner();
		this.runs.runAsOf(this.today, "test");
		List<Long> byValue = this.api.get(this.kam, "/api/v1/churn-risks?sort=VALUE&size=200")
			.expect(200)
			.items()
			.stream()
			.map((risk) -> risk.get("accountId").asLong())
			.toList();
		assertThat(byValue).containsExactly(stopped, fallen, declined);
	}

	@Test
	void managersRunOnDemandAndTheAtRiskListPutsTheVipAtHighRiskFirstWithinTheScope() {
		long small = decliner();
		complaint(small, LocalDateTime.now().minusDays(3), "OPEN", null, null);
		long vip = decliner();
		complaint(vip, LocalDateTime.now().minusDays(3), "OPEN", null, null);
		long medium = decliner();
		String otherKam = this.given.kam();
		this.api.post(this.kam, "/api/v1/churn-risks/runs", json()).expect(403);
		RankedRuns ranked = new RankedRuns(this.jdbc, this.publisher);
		ranked.rank(this.today, Map.of(vip, "VIP:A"));
		try {
			Response run = this.api.post(this.manager, "/api/v1/churn-risks/runs", json()).expect(201);
			assertThat(run.body().get("accounts").asLong()).isPositive();
			List<JsonNode> mine = this.api.get(this.kam, "/api/v1/churn-risks?size=200").expect(200).items();
			List<Long> order = mine.stream().map((r) -> r.get("accountId").asLong()).toList();
			assertThat(order).containsExactly(vip, small, medium);
			assertThat(mine.get(0).get("tier").asString()).isEqualTo("VIP");
			assertThat(mine.get(0).get("level").asString()).isEqualTo("HIGH");
			assertThat(mine.get(0).get("factors")).hasSize(3);
			assertThat(mine.get(2).get("level").asString()).isEqualTo("MEDIUM");
			assertThat(this.api.get(this.kam, "/api/v1/churn-risks?level=HIGH&size=200").expect(200).items())
				.hasSize(2);
			assertThat(this.api.get(this.manager, "/api/v1/churn-risks?size=200&owner=" + this.kam).expect(200).items())
				.hasSize(3);
			assertThat(this.api.get(otherKam, "/api/v1/churn-risks?size=200").expect(200).items()).isEmpty();
			this.api.get(otherKam, "/api/v1/accounts/" + vip + "/churn-risk").expect(404);
		}
		finally {
			ranked.forget();
		}
	}

	@Test
	void markingACustomerLostWithoutAReasonIsRefusedAndChangesNothing() {
		long account = recentCustomer();
		int version = this.api.version(this.kam, "/api/v1/accounts/" + account);
		Response refused = this.api
			.post(this.kam, "/api/v1/accounts/" + account + "/lost", json("churnReason", null, "version", version))
			.expect(400);
		assertThat(refused.errorFields()).contains("churnReason");
		Response account1 = this.api.get(this.kam, "/api/v1/accounts/" + account).expect(200);
		assertThat(account1.text("status")).isEqualTo("ACTIVE");
		assertThat(account1.version()).isEqualTo(version);
	}

	@Test
	void theBackTestCountsTheLostCustomersTheWarningSawComing() {
		// Known truth: two customers built to decline with an overdue complaint (high),
		// one to decline without (medium), one buying normally (low); all four lost
		// today. Beside them, one high and one low customer who stay.
		long high1 = decliner();
		complaint(high1, LocalDateTime.now().minusDays(70), "OPEN", null, null);
		long high2 = decliner();
		complaint(high2, LocalDateTime.now().minusDays(70), "OPEN", null, null);
		long medium = decliner();
		long low = recentCustomer();
		long stayingHigh = decliner();
		complaint(stayingHigh, LocalDateTime.now().minusDays(70), "OPEN", null, null);
		long stayingLow = recentCustomer();
		this.runs.runAsOf(this.today.minusDays(60), "test");
		this.runs.runAsOf(this.today.minusDays(30), "test");
		lose(high1, "PRICE_TOO_HIGH");
		lose(high2, "PRICE_TOO_HIGH");
		lose(medium, "POOR_SERVICE");
		lose(low, "BANKRUPT");

		JsonNode analysis = this.api.get(this.kam, "/api/v1/churn-risks/lost?from=" + this.today + "&to=" + this.today)
			.expect(200)
			.body();
		JsonNode backTest = analysis.get("backTest");
		assertThat(backTest.get("lost").asLong()).isEqualTo(4);
		assertThat(backTest.get("flaggedHigh").asLong()).isEqualTo(2);
		assertThat(backTest.get("flaggedMedium").asLong()).isEqualTo(1);
		assertThat(backTest.get("notFlagged").asLong()).isEqualTo(1);
		assertThat(backTest.get("unscored").asLong()).isZero();
		assertThat(backTest.get("highNotLost").asLong()).isEqualTo(1);
		// Only the low customer bought within the year before it was lost: 100, five
		// days before.
		assertThat(analysis.get("total").get("customers").asLong()).isEqualTo(4);
		assertThat(analysis.get("total").get("value").decimalValue()).isEqualByComparingTo(new BigDecimal("100"));
		Map<String, Long> byReason = new HashMap<>();
		analysis.get("byReason").forEach((l) -> byReason.put(l.get("key").asString(), l.get("customers").asLong()));
		assertThat(byReason)
			.containsExactlyInAnyOrderEntriesOf(Map.of("PRICE_TOO_HIGH", 2L, "POOR_SERVICE", 1L, "BANKRUPT", 1L));
		assertThat(analysis.get("byTier").get(0).get("key").asString()).isEqualTo("SMALL");
		assertThat(analysis.get("customers")).hasSize(4);
		assertThat(stayingLow).isPositive();
	}

	// ------------------------------------------------------------------ helpers

	private static String level(int score) {
		return (score >= 50) ? "HIGH" : (score >= 25) ? "MEDIUM" : "LOW";
	}

	private static int factor(JsonNode risk, String code) {
		for (JsonNode factor : risk.get("factors")) {
			if (factor.get("code").asString().equals(code)) {
				return factor.get("points").asInt();
			}
		}
		return 0;
	}

	private JsonNode risk(long account) {
		return this.api.get(this.kam, "/api/v1/accounts/" + account + "/churn-risk").expect(200).body();
	}

	private long customer() {
		return this.given.accountOwnedBy(this.kam, Fixtures.unique("Churner")).id();
	}

	/** A customer that bought 100 five days ago and nothing before: no factor holds. */
	private long recentCustomer() {
		long account = customer();
		buy(account, this.today.minusDays(5), 100);
		return account;
	}

	/**
	 * A customer whose only purchase, 1,000, lies 500 days back: as of today and of the
	 * last 60 days its purchases fell by 100 % (25 points) and it is overdue for a
	 * purchase (20 points), 45 in all.
	 */
	private long decliner() {
		long account = customer();
		buy(account, this.today.minusDays(500), 1000);
		return account;
	}

	/**
	 * An active contract of 1,000 due in one instalment on a day, and a receipt on it
	 * when {@code received} is given.
	 */
	private void owes(long account, LocalDate due, String received) {
		Response created = this.api
			.post(this.kam, "/api/v1/contracts",
					json("accountId", account, "signedDate", due.minusDays(60).toString(), "amount", "1000",
							"instalments", List.of(json("dueDate", due.toString(), "amount", "1000"))))
			.expect(201);
		this.api.post(this.kam, "/api/v1/contracts/" + created.id() + "/activate", json("version", created.version()))
			.expect(200);
		if (received != null) {
			this.api
				.post(this.kam, "/api/v1/receipts",
						json("contractId", created.id(), "date", this.today.toString(), "amount", received, "method",
								"BANK_TRANSFER"))
				.expect(201);
		}
	}

	private void buy(long account, LocalDate date, int amount) {
		this.api.post(this.kam, "/api/v1/orders", json("accountId", account, "date", date.toString(), "amount", amount))
			.expect(201);
	}

	private void contact(long account, LocalDate day) {
		this.api
			.post(this.kam, "/api/v1/accounts/" + account + "/activities",
					json("type", "VISIT", "occurredAt", day.atTime(10, 0).toString(), "summary", "Visited"))
			.expect(201);
	}

	private void lose(long account, String reason) {
		int version = this.api.version(this.kam, "/api/v1/accounts/" + account);
		this.api
			.post(this.kam, "/api/v1/accounts/" + account + "/lost", json("churnReason", reason, "version", version))
			.expect(200);
	}

	/**
	 * A complaint as it stands, written straight to its table: a Small account's due
	 * times (48 hours to respond, 10 days to resolve).
	 */
	private long complaint(long account, LocalDateTime received, String status, Integer satisfaction,
			LocalDateTime closed) {
		long owner = userId(this.kam);
		this.jdbc.sql("""
				insert into complaint (account_id, received_at, channel, category, severity, description, tier,
				    owner_id, recorded_by, recorded_at, status, response_due_at, resolution_due_at, responded_at,
				    resolved_at, satisfaction, closed_at)
				values (:account, :received, 'PHONE', 'DELIVERY', 'HIGH', 'Late again', 'SMALL', :owner, :owner,
				    :received, :status, :responseDue, :resolutionDue, :done, :done, :satisfaction, :done)""")
			.param("account", account)
			.param("received", Timestamp.valueOf(received))
			.param("owner", owner)
			.param("status", status)
			.param("responseDue", Timestamp.valueOf(received.plusHours(48)))
			.param("resolutionDue", Timestamp.valueOf(received.plusDays(10)))
			.param("done", (closed != null) ? Timestamp.valueOf(closed) : null, java.sql.Types.TIMESTAMP)
			.param("satisfaction", satisfaction, java.sql.Types.INTEGER)
			.update();
		return this.jdbc.sql("select max(id) from complaint where account_id = :account")
			.param("account", account)
			.query(Long.class)
			.single();
	}

	private void lostDeal(long account, LocalDate closed) {
		Response deal = this.api
			.post(this.kam, "/api/v1/opportunities",
					json("accountId", account, "name", Fixtures.unique("Deal"), "amount", 5000, "owner", this.kam))
			.expect(201);
		this.api
			.post(this.kam, "/api/v1/opportunities/" + deal.id() + "/lose", json("reason", "Price", "competitor",
					"Rival Ltd", "closeDate", closed.toString(), "version", deal.version()))
			.expect(200);
	}

	private long userId(String username) {
		return this.jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.single();
	}

}
