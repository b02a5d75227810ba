package io.dakehu.questions;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.segmentation.RankedRuns;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standard questions (DOMAIN.md §11), each on a small data set built here, with the
 * accounts expected worked out here from the question's rule; and the record scope: a KAM
 * sees only their own accounts in an answer, their manager the team's. Each test builds
 * its accounts for a KAM of its own, so other tests' data never enters its answers; the
 * questions read from a segmentation run get a run of their own, removed afterwards.
 */
abstract class QuestionsTests extends ApiTestSupport {

	@Autowired
	private ApplicationEventPublisher publisher;

	private String manager;

	private String kam;

	private String otherKam;

	private LocalDate today;

	@BeforeEach
	void people() {
		this.manager = this.given.manager();
		this.kam = this.given.kam(this.given.team(this.manager), this.manager);
		this.otherKam = this.given.kam();
		this.today = LocalDate.now();
	}

	@Test
	void goldCustomersAndCostDriversAreReadFromTheLatestRunWithinTheReadersScope() {
		// Tier, ABC class, margin and contact cost per account; net profit is margin less
		// contact cost.
		Map<String, Standing> standings = new LinkedHashMap<>();
		standings.put("vip", new Standing("VIP", "A", 500, 100));
		standings.put("major", new Standing("MAJOR", "A", 300, 400));
		standings.put("ordinary", new Standing("ORDINARY", "B", 100, 160));
		standings.put("small", new Standing("SMALL", "C", 50, 50));
		standings.put("smallLoss", new Standing("SMALL", "C", 0, 5));
		Map<String, Long> ids = new LinkedHashMap<>();
		standings.keySet().forEach((key) -> ids.put(key, account(this.kam, key)));
		long othersVip = account(this.otherKam, "othersVip");
		Map<Long, String> classes = new LinkedHashMap<>();
		standings.forEach((key, s) -> classes.put(ids.get(key), s.tier() + ":" + s.abc()));
		classes.put(othersVip, "VIP:A");
		RankedRuns ranked = new RankedRuns(this.jdbc, this.publisher);
		long run = ranked.rank(this.today, classes);
		try {
			standings.forEach((key, s) -> this.jdbc.sql("""
					update segmentation_snapshot set margin = :margin, contact_cost = :cost, net_profit = :net
					where run_id = :run and account_id = :account""")
				.param("margin", s.margin())
				.param("cost", s.contactCost())
				.param("net", s.margin() - s.contactCost())
				.param("run", run)
				.param("account", ids.get(key))
				.update());

			// Gold: VIP and Major, in rank order (the run ranks them as listed).
			List<Long> gold = standings.entrySet()
				.stream()
				.filter((e) -> e.getValue().tier().equals("VIP") || e.getValue().tier().equals("MAJOR"))
				.map((e) -> ids.get(e.getKey()))
				.toList();
			assertThat(accounts(this.kam, "gold-customers")).containsExactlyElementsOf(gold);
			// Cost drivers: net profit below zero, greatest loss first.
			List<Long> costly = standings.entrySet()
				.stream()
				.filter((e) -> e.getValue().net() < 0)
				.sorted(Comparator.comparingInt((Map.Entry<String, Standing> e) -> e.getValue().net()))
				.map((e) -> ids.get(e.getKey()))
				.toList();
			assertThat(costly).hasSize(3);
			JsonNode cost = answer(this.kam, "cost-drivers");
			assertThat(ids(cost)).containsExactlyElementsOf(costly);
			JsonNode first = cost.get("accounts").get("content").get(0);
			assertThat(first.get("facts").get("netProfit").decimalValue()).isEqualByComparingTo("-100");
			assertThat(first.get("fact").asString()).contains("-100.00").contains("300.00").contains("400.00");
			assertThat(cost.get("explanation").asString()).contains(this.today.minusYears(1).toString());

			assertThat(accounts(this.manager, "gold-customers")).containsExactlyElementsOf(gold);
			assertThat(accounts(this.otherKam, "gold-customers")).containsExactly(othersVip);
			assertThat(accounts(this.otherKam, "cost-drivers")).isEmpty();
		}
		finally {
			ranked.forget();
		}
	}

	@Test
	void theCompaniesMostWantedThisYearAreTargetsOfHighOrMediumIntentionHighFirst() {
		LocalDate yearStart = this.today.withDayOfYear(1);
		LocalDate yearEnd = yearStart.plusYears(1).minusDays(1);
		long high = account(this.kam, "high");
		long highWithPipeline = account(this.kam, "highPipeline");
		long medium = account(this.kam, "medium");
		long low = account(this.kam, "low");
		long lastYear = account(this.kam, "lastYear");
		long others = account(this.otherKam, "others");
		target(this.kam, high, "HIGH", yearStart, yearEnd);
		target(this.kam, highWithPipeline, "HIGH", yearStart, yearStart.plusMonths(3));
		target(this.kam, medium, "MEDIUM", yearStart, yearEnd);
		target(this.kam, low, "LOW", yearStart, yearEnd);
		target(this.kam, lastYear, "HIGH", yearStart.minusYears(1), yearStart.minusDays(1));
		target(this.otherKam, others, "HIGH", yearStart, yearEnd);
		this.api
			.post(this.kam, "/api/v1/opportunities",
					json("accountId", highWithPipeline, "name", Fixtures.unique("Deal"), "amount", 5000, "owner",
							this.kam))
			.expect(201);

		// High before medium; between the two highs the larger open pipeline first.
		JsonNode answer = answer(this.kam, "targets");
		assertThat(ids(answer)).containsExactly(highWithPipeline, high, medium);
		JsonNode top = answer.get("accounts").get("content").get(0);
		assertThat(top.get("facts").get("intention").asString()).isEqualTo("HIGH");
		assertThat(top.get("facts").get("openPipeline").decimalValue()).isEqualByComparingTo("5000");
		assertThat(accounts(this.otherKam, "targets")).containsExactly(others);
	}

	@Test
	void bigCustomersWithThreeComplaintsLastYearAreListedMostComplaintsFirst() {
		LocalDateTime lastYearStart = this.today.withDayOfYear(1).minusYears(1).atStartOfDay();
		LocalDateTime thisYearStart = lastYearStart.plusYears(1);
		// Per account: tier and class, and when its complaints were received.
		record Case(String classes, List<LocalDateTime> received) {
		}
		Map<String, Case> cases = new LinkedHashMap<>();
		cases.put("vipFour", new Case("VIP:C", List.of(lastYearStart, lastYearStart.plusDays(10),
				lastYearStart.plusDays(20), thisYearStart.minusSeconds(1))));
		cases.put("majorThree", new Case("MAJOR:C",
				List.of(lastYearStart.plusDays(1), lastYearStart.plusDays(2), lastYearStart.plusDays(3))));
		cases.put("classAThree", new Case("SMALL:A",
				List.of(lastYearStart.plusDays(4), lastYearStart.plusDays(5), lastYearStart.plusDays(6))));
		cases.put("vipTwoPlusThisYear", new Case("VIP:A", List.of(lastYearStart.plusDays(7), lastYearStart.plusDays(8),
				thisYearStart, lastYearStart.minusSeconds(1))));
		cases.put("smallFive", new Case("SMALL:C", List.of(lastYearStart.plusDays(1), lastYearStart.plusDays(2),
				lastYearStart.plusDays(3), lastYearStart.plusDays(4), lastYearStart.plusDays(5))));
		Map<String, Long> ids = new LinkedHashMap<>();
		Map<Long, String> classes = new LinkedHashMap<>();
		cases.forEach((key, c) -> {
			long account = account(this.kam, key);
			ids.put(key, account);
			classes.put(account, c.classes());
			c.received().forEach((at) -> complaint(this.kam, account, at));
		});
		long othersVip = account(this.otherKam, "othersVip");
		classes.put(othersVip, "VIP:A");
		for (int i = 0; i < 3; i++) {
			complaint(this.otherKam, othersVip, lastYearStart.plusDays(i));
		}
		RankedRuns ranked = new RankedRuns(this.jdbc, this.publisher);
		ranked.rank(this.today, classes);
		try {
			Map<Long, Long> expected = new LinkedHashMap<>();
			cases.forEach((key, c) -> {
				long inYear = c.received()
					.stream()
					.filter((at) -> !at.isBefore(lastYearStart) && at.isBefore(thisYearStart))
					.count();
				String[] parts = c.classes().split(":");
				boolean big = parts[1].equals("A") || parts[0].equals("VIP") || parts[0].equals("MAJOR");
				if (big && inYear >= 3) {
					expected.put(ids.get(key), inYear);
				}
			});
			assertThat(expected).hasSize(3);
			JsonNode answer = answer(this.kam, "repeated-complaints");
			List<Long> mostFirst = expected.entrySet()
				.stream()
				.sorted(Map.Entry.<Long, Long>comparingByValue().reversed())
				.map(Map.Entry::getKey)
				.toList();
			assertThat(ids(answer).get(0)).isEqualTo(mostFirst.get(0));
			assertThat(ids(answer)).containsExactlyInAnyOrderElementsOf(mostFirst);
			for (JsonNode row : answer.get("accounts").get("content")) {
				assertThat(row.get("facts").get("complaints").asLong())
					.isEqualTo(expected.get(row.get("accountId").asLong()));
			}
			assertThat(accounts(this.otherKam, "repeated-complaints")).containsExactly(othersVip);
		}
		finally {
			ranked.forget();
		}
	}

	@Test
	void lastYearsBiggestCustomersAreComparedWithTheSameSpanOfLastYear() {
		LocalDate thisYear = this.today.withDayOfYear(1);
		LocalDate lastYear = thisYear.minusYears(1);
		// Eleven customers, the eleventh the smallest last year: only ten are followed.
		// Each bought last year on January 1 (within last year's span to this day) and
		// on December 31 (beyond it, unless today is December 31), and this year on
		// January 1.
		Map<Long, long[]> bought = new LinkedHashMap<>();
		for (int i = 0; i < 11; i++) {
			long account = account(this.kam, "c" + i);
			long early = 1000L * (11 - i);
			long late = 100L * i;
			long now = (i % 2 == 0) ? early : early - 1;
			buy(account, lastYear, early);
			buy(account, lastYear.withDayOfYear(lastYear.lengthOfYear()), late);
			buy(account, thisYear, now);
			bought.put(account, new long[] { early, late, now });
		}
		long huge = account(this.otherKam, "huge");
		buy(huge, lastYear, 1_000_000, this.otherKam);
		boolean lateCounts = !lastYear.withDayOfYear(lastYear.lengthOfYear()).isAfter(this.today.minusYears(1));
		List<Map.Entry<Long, long[]>> ranked = new ArrayList<>(bought.entrySet());
		ranked.sort(Comparator.comparingLong((Map.Entry<Long, long[]> e) -> -(e.getValue()[0] + e.getValue()[1]))
			.thenComparingLong(Map.Entry::getKey));
		List<Long> expected = ranked.subList(0, 10).stream().map(Map.Entry::getKey).toList();

		JsonNode answer = answer(this.kam, "biggest-customers");
		assertThat(ids(answer)).containsExactlyElementsOf(expected);
		for (JsonNode row : answer.get("accounts").get("content")) {
			long[] b = bought.get(row.get("accountId").asLong());
			long toDate = b[0] + (lateCounts ? b[1] : 0);
			JsonNode facts = row.get("facts");
			assertThat(facts.get("lastYear").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(b[0] + b[1]));
			assertThat(facts.get("lastYearToDate").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(toDate));
			assertThat(facts.get("thisYearToDate").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(b[2]));
			assertThat(facts.get("asMuch").asBoolean()).isEqualTo(b[2] >= toDate);
		}
		assertThat(accounts(this.otherKam, "biggest-customers")).containsExactly(huge);
	}

	@Test
	void customersBuyingFromOneOrTwoProductLinesInTwelveMonthsAreListedLargestFirst() {
		String[] lines = { Fixtures.unique("Pumps"), Fixtures.unique("Valves"), Fixtures.unique("Seals") };
		long[] products = new long[lines.length];
		for (int i = 0; i < lines.length; i++) {
			products[i] = this.api
				.post(this.given.director(), "/api/v1/products",
						json("code", Fixtures.unique("P"), "name", Fixtures.unique("Product"), "productLine", lines[i],
								"listPrice", "10"))
				.expect(201)
				.id();
		}
		// Per account: the product line of each purchase, by index (-1: no product), all
		// a month ago.
		Map<String, int[]> purchases = new LinkedHashMap<>();
		purchases.put("one", new int[] { 0, 0 });
		purchases.put("two", new int[] { 0, 1, 1 });
		purchases.put("three", new int[] { 0, 1, 2 });
		purchases.put("unknownOnly", new int[] { -1 });
		purchases.put("twoAndUnknown", new int[] { 2, 1, -1 });
		Map<Long, Long> revenue = new HashMap<>();
		Map<Long, Integer> distinct = new HashMap<>();
		int k = 0;
		for (Map.Entry<String, int[]> entry : purchases.entrySet()) {
			long account = account(this.kam, entry.getKey());
			long total = 0;
			Set<Integer> seen = new HashSet<>();
			int n = 0;
			k++;
			for (int line : entry.getValue()) {
				// Each account buys more than the one before it.
				long amount = 100L * k + n++;
				buyProduct(account, this.today.minusDays(30), amount, (line >= 0) ? products[line] : null);
				total += amount;
				if (line >= 0) {
					seen.add(line);
				}
			}
			revenue.put(account, total);
			distinct.put(account, seen.size());
		}
		long old = account(this.kam, "onlyLongAgo");
		buyProduct(old, this.today.minusYears(1), 999, products[0]);
		List<Long> expected = distinct.entrySet()
			.stream()
			.filter((e) -> e.getValue() >= 1 && e.getValue() <= 2)
			.map(Map.Entry::getKey)
			.sorted(Comparator.comparingLong((Long a) -> -revenue.get(a)))
			.toList();
		assertThat(expected).hasSize(3);

		JsonNode answer = answer(this.kam, "few-product-lines");
		assertThat(ids(answer)).containsExactlyElementsOf(expected);
		for (JsonNode row : answer.get("accounts").get("content")) {
			long account = row.get("accountId").asLong();
			assertThat(row.get("facts").get("productLines").asInt()).isEqualTo(distinct.get(account));
			assertThat(row.get("facts").get("revenue").decimalValue())
				.isEqualByComparingTo(BigDecimal.valueOf(revenue.get(account)));
		}
		assertThat(accounts(this.otherKam, "few-product-lines")).isEmpty();
	}

	@Test
	void contactsOverdueAreThoseWhoseDueDayOnThePlanHasPassed() {
		int cadence = this.jdbc.sql("select cadence_small from segmentation_settings where id = 1")
			.query(Integer.class)
			.single();
		// Unranked accounts are Small. Due: the last contact plus the cadence, or the
		// next contact it planned when earlier; never contacted is due, not overdue.
		long pastCadence = account(this.kam, "pastCadence");
		contact(pastCadence, this.today.minusDays(cadence + 1L), null);
		long dueToday = account(this.kam, "dueToday");
		contact(dueToday, this.today.minusDays(cadence), null);
		long plannedPast = account(this.kam, "plannedPast");
		contact(plannedPast, this.today.minusDays(10), this.today.minusDays(3));
		long plannedAhead = account(this.kam, "plannedAhead");
		contact(plannedAhead, this.today.minusDays(5), this.today.plusDays(5));
		long never = account(this.kam, "never");
		long others = account(this.otherKam, "others");
		contact(others, this.today.minusDays(cadence + 50L), null, this.otherKam);
		Map<Long, Integer> overdueDays = new LinkedHashMap<>();
		overdueDays.put(pastCadence, 1);
		overdueDays.put(plannedPast, 3);

		// Longest overdue first.
		List<Long> expected = overdueDays.entrySet()
			.stream()
			.sorted(Map.Entry.<Long, Integer>comparingByValue().reversed())
			.map(Map.Entry::getKey)
			.toList();

		JsonNode answer = answer(this.kam, "contact-overdue");
		assertThat(ids(answer)).containsExactlyElementsOf(expected).doesNotContain(dueToday, never, plannedAhead);
		for (JsonNode row : answer.get("accounts").get("content")) {
			assertThat(row.get("facts").get("daysOverdue").asInt())
				.isEqualTo(overdueDays.get(row.get("accountId").asLong()));
		}
		assertThat(answer.get("accounts").get("content").get(1).get("fact").asString()).contains("1 day overdue");
		assertThat(answer.get("accounts").get("totalElements").asLong()).isEqualTo(2);
		assertThat(accounts(this.manager, "contact-overdue")).containsExactlyElementsOf(expected);
		assertThat(accounts(this.otherKam, "contact-overdue")).containsExactly(others);
	}

	@Test
	void theCatalogueListsEveryQuestionAndThePageAndTheFileShowTheAccounts() {
		List<String> codes = this.api.get(this.kam, "/api/v1/questions")
			.expect(200)
			.items()
			.stream()
			.map((q) -> q.get("code").asString())
			.toList();
		assertThat(codes).containsExactly("gold-customers", "cost-drivers", "targets", "repeated-complaints",
				"biggest-customers", "few-product-lines", "contact-overdue");
		this.api.get(this.kam, "/api/v1/questions/who-knows").expect(404);

		String name = Fixtures.unique("Overdue Ltd");
		long account = this.given.accountOwnedBy(this.kam, name).id();
		contact(account, this.today.minusDays(400), null);
		Response page = this.api.page(this.kam, "/questions/contact-overdue").expect(200);
		assertThat(page.text()).contains(name).contains("/accounts/" + account).contains("Whose contact is overdue?");
		assertThat(this.api.page(this.kam, "/questions").expect(200).text()).contains("Who are our gold customers?");
		Response file = this.api.page(this.kam, "/questions/contact-overdue/export?format=csv").expect(200);
		assertThat(file.text()).contains("Days overdue").contains(name);
		assertThat(this.api.page(this.otherKam, "/questions/contact-overdue/export?format=csv").expect(200).text())
			.doesNotContain(name);
	}

	// ------------------------------------------------------------------ helpers

	private record Standing(String tier, String abc, int margin, int contactCost) {

		int net() {
			return this.margin - this.contactCost;
		}

	}

	private long account(String owner, String name) {
		return this.given.accountOwnedBy(owner, Fixtures.unique(name)).id();
	}

	private JsonNode answer(String user, String code) {
		return this.api.get(user, "/api/v1/questions/" + code + "?size=200").expect(200).body();
	}

	private List<Long> accounts(String user, String code) {
		return ids(answer(user, code));
	}

	private static List<Long> ids(JsonNode answer) {
		List<Long> ids = new ArrayList<>();
		answer.get("accounts").get("content").forEach((row) -> ids.add(row.get("accountId").asLong()));
		return ids;
	}

	private void buy(long account, LocalDate date, long amount) {
		buy(account, date, amount, this.kam);
	}

	private void buy(long account, LocalDate date, long amount, String user) {
		this.api.post(user, "/api/v1/orders", json("accountId", account, "date", date.toString(), "amount", amount))
			.expect(201);
	}

	private void buyProduct(long account, LocalDate date, long amount, Long product) {
		this.api
			.post(this.kam, "/api/v1/orders",
					json("accountId", account, "date", date.toString(), "amount", amount, "productId", product))
			.expect(201);
	}

	private void target(String salesperson, long account, String intention, LocalDate from, LocalDate to) {
		this.api
			.post(salesperson, "/api/v1/targets",
					json("salesperson", salesperson, "accountId", account, "intention", intention, "from",
							from.toString(), "to", to.toString()))
			.expect(201);
	}

	private void contact(long account, LocalDate day, LocalDate next) {
		contact(account, day, next, this.kam);
	}

	private void contact(long account, LocalDate day, LocalDate next, String user) {
		this.api
			.post(user, "/api/v1/accounts/" + account + "/activities",
					json("type", "VISIT", "occurredAt", day.atTime(10, 0).toString(), "summary", "Visited",
							"nextContactDate", (next != null) ? next.toString() : null))
			.expect(201);
	}

	/** A complaint received at a moment, written straight to its table. */
	private void complaint(String owner, long account, LocalDateTime received) {
		long ownerId = this.jdbc.sql("select id from app_user where username = :u")
			.param("u", owner)
			.query(Long.class)
			.single();
		this.jdbc.sql("""
				insert into complaint (account_id, received_at, channel, category, severity, description, tier,
				    owner_id, recorded_by, recorded_at, status, response_due_at, resolution_due_at)
				values (:account, :received, 'PHONE', 'DELIVERY', 'HIGH', 'Late again', 'SMALL', :owner, :owner,
				    :received, 'CLOSED', :received, :received)""")
			.param("account", account)
			.param("received", Timestamp.valueOf(received))
			.param("owner", ownerId)
			.update();
	}

}
