package io.dakehu.segmentation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.dakehu.order.NewOrderLine;
import io.dakehu.order.OrderLedger;
import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The segmentation rules of DOMAIN.md §3 on populations built for each test. Every
 * expected class is computed here in plain Java from the same purchases
 * ({@link Expected}), never read back from the code under test; each test ranks only the
 * accounts of its own fresh owner, so other tests' data cannot change N.
 */
abstract class SegmentationRulesTests extends ApiTestSupport {

	static final LocalDate FROM = LocalDate.of(2025, 1, 1);

	static final LocalDate TO = LocalDate.of(2025, 12, 31);

	/** Inside the prior period (the 365 days before {@link #FROM}). */
	static final LocalDate PRIOR_DAY = LocalDate.of(2024, 6, 15);

	@Autowired
	SegmentationRuns segmentation;

	@Autowired
	OrderLedger ledger;

	@Autowired
	JdbcTemplate template;

	@Autowired
	NightlyRun nightly;

	@Test
	void thousandAccountsWithDistinctAmountsMakeTenFortyOneHundredFiftyAndEightHundred() {
		Random random = new Random(1000);
		List<Customer> customers = new ArrayList<>();
		Set<Long> seen = new java.util.HashSet<>();
		for (int i = 0; i < 1000; i++) {
			long cents;
			do {
				// Lognormal amounts: a few large customers, many small ones, as in real
				// ledgers.
				cents = Math.round(Math.exp(9 + 2 * random.nextGaussian()) * 100) + 1;
			}
			while (!seen.add(cents));
			customers.add(new Customer(BigDecimal.valueOf(cents, 2), BigDecimal.ZERO));
		}
		Outcome outcome = rank(customers);
		assertThat(outcome.summary().pyramid())
			.containsExactlyEntriesOf(ordered("VIP", 10L, "MAJOR", 40L, "ORDINARY", 150L, "SMALL", 800L));
		assertThat(outcome.tiers()).isEqualTo(outcome.expected().tiers());
		assertThat(outcome.abc()).isEqualTo(outcome.expected().abc());
		assertThat(outcome.summary().abc()).containsExactlyEntriesOf(outcome.expected().abcCounts());
		assertThat(outcome.summary().pareto().customersFor80()).isEqualTo(outcome.expected().customersFor80());
	}

	@ParameterizedTest
	@ValueSource(ints = { 85, 7, 101, 199, 333 })
	void populationsThatDoNotDivideEvenlyFollowTheCeilRule(int n) {
		Random random = new Random(n);
		List<Customer> customers = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			customers.add(new Customer(BigDecimal.valueOf(1000 + random.nextInt(1_000_000), 2), BigDecimal.ZERO));
		}
		Outcome outcome = rank(customers);
		long vip = (n + 99) / 100;
		long major = (5L * n + 99) / 100 - vip;
		long ordinary = (20L * n + 99) / 100 - vip - major;
		assertThat(outcome.summary().pyramid()).containsExactlyEntriesOf(
				ordered("VIP", vip, "MAJOR", major, "ORDINARY", ordinary, "SMALL", n - vip - major - ordinary));
		assertThat(outcome.tiers()).isEqualTo(outcome.expected().tiers());
		if (n == 85) {
			assertThat(outcome.summary().pyramid())
				.containsExactlyEntriesOf(ordered("VIP", 1L, "MAJOR", 4L, "ORDINARY", 12L, "SMALL", 68L));
		}
	}

	@Test
	void tiesAtATierBoundaryGoToTheLowerAccountId() {
		// 100 customers: ranks 1–3 share one amount (VIP takes 1), ranks 4–7 share
		// another (Major ends at rank 5), so the account id alone decides at both
		// boundaries.
		List<Customer> customers = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			BigDecimal amount = (i < 3) ? new BigDecimal("5000.00")
					: (i < 7) ? new BigDecimal("3000.00") : BigDecimal.valueOf(2000 - i);
			customers.add(new Customer(amount, BigDecimal.ZERO));
		}
		// Inserted in reverse, so the lower ids are not simply the first rows written.
		java.util.Collections.reverse(customers);
		Outcome outcome = rank(customers);
		assertThat(outcome.tiers()).isEqualTo(outcome.expected().tiers());
		List<Long> topIds = outcome.ids()
			.stream()
			.filter((id) -> outcome.amountOf(id).equals("5000.00"))
			.sorted()
			.toList();
		assertThat(outcome.tiers().get(topIds.get(0))).isEqualTo("VIP");
		assertThat(outcome.tiers().get(topIds.get(1))).isEqualTo("MAJOR");
		List<Long> secondIds = outcome.ids()
			.stream()
			.filter((id) -> outcome.amountOf(id).equals("3000.00"))
			.sorted()
			.toList();
		assertThat(secondIds.stream().map(outcome.tiers()::get)).containsExactly("MAJOR", "MAJOR", "ORDINARY",
				"ORDINARY");
	}

	@Test
	void customersWithoutPurchasesAreSmallWhateverTheirRank() {
		List<Customer> customers = new ArrayList<>();
		customers.add(new Customer(new BigDecimal("900.00"), BigDecimal.ZERO));
		for (int i = 0; i < 9; i++) {
			customers.add(new Customer(BigDecimal.ZERO, BigDecimal.ZERO));
		}
		Outcome outcome = rank(customers);
		// ceil(20% of 10) = 2 would make rank 2 Ordinary, but it bought nothing.
		assertThat(outcome.summary().pyramid())
			.containsExactlyEntriesOf(ordered("VIP", 1L, "MAJOR", 0L, "ORDINARY", 0L, "SMALL", 9L));
		assertThat(outcome.tiers()).isEqualTo(outcome.expected().tiers());
	}

	@Test
	void theCustomerCrossingEightyAndNinetyFivePercentIsCountedInTheHigherClass() {
		Outcome crossing = rank(customers("50", "25", "10", "6", "5", "4"));
		// Running shares 50, 75, 85 (crosses 80: A), 91, 96 (crosses 95: B), 100.
		assertThat(crossing.abcInRankOrder()).containsExactly("A", "A", "A", "B", "B", "C");
		assertThat(crossing.abc()).isEqualTo(crossing.expected().abc());
		assertThat(crossing.summary().pareto().customersFor80()).isEqualTo(3);
		assertThat(crossing.summary().pareto().customerShareFor80()).isEqualTo(0.5);

		Outcome reaching = rank(customers("40", "40", "15", "5"));
		// Running shares 40, 80 (reaches 80: A), 95 (reaches 95: B), 100.
		assertThat(reaching.abcInRankOrder()).containsExactly("A", "A", "B", "C");
		assertThat(reaching.abc()).isEqualTo(reaching.expected().abc());
	}

	@Test
	void growthClassesFollowTheirBoundaries() {
		List<Customer> customers = new ArrayList<>();
		// Five large customers take VIP (1) and Major (4) of N = 100.
		for (int i = 0; i < 5; i++) {
			customers.add(new Customer(BigDecimal.valueOf(1_000_000 + i), BigDecimal.valueOf(10)));
		}
		customers.add(new Customer(new BigDecimal("120.00"), new BigDecimal("100.00"))); // +20%:
																							// MGC
		customers.add(new Customer(new BigDecimal("119.99"), new BigDecimal("100.00"))); // +19.99%:
																							// Stable
		customers.add(new Customer(new BigDecimal("100.00"), new BigDecimal("100.00"))); // 0%:
																							// Stable
		customers.add(new Customer(new BigDecimal("99.99"), new BigDecimal("100.00"))); // fell:
																						// BZ
		customers.add(new Customer(new BigDecimal("50.00"), BigDecimal.ZERO)); // new: MGC
		customers.add(new Customer(BigDecimal.ZERO, new BigDecimal("80.00"))); // stopped:
																				// BZ
		customers.add(new Customer(new BigDecimal("100.00"), new BigDecimal("100.00"), new BigDecimal("31.00")));
		// ^ unchanged but contact cost 31 exceeds the margin of 30: BZ
		customers.add(new Customer(new BigDecimal("100.00"), new BigDecimal("100.00"), new BigDecimal("30.00")));
		// ^ contact cost equals the margin, net profit 0: Stable
		customers.add(new Customer(new BigDecimal("150.00"), new BigDecimal("100.00"), new BigDecimal("100.00")));
		// ^ +50% but contact cost 100 against a margin of 45, net profit −55: BZ
		customers.add(new Customer(new BigDecimal("150.00"), new BigDecimal("100.00")));
		// ^ +50% and profitable: MGC
		while (customers.size() < 100) {
			customers.add(new Customer(new BigDecimal("10.00"), new BigDecimal("10.00")));
		}
		Outcome outcome = rank(customers);
		assertThat(outcome.growth()).isEqualTo(outcome.expected().growth());
		List<Long> ids = outcome.ids();
		assertThat(ids.subList(0, 5).stream().map(outcome.growth()::get)).containsOnly("VIP");
		assertThat(ids.subList(5, 15).stream().map(outcome.growth()::get)).containsExactly("MGC", "STABLE", "STABLE",
				"BZ", "NEW", "BZ", "BZ", "STABLE", "BZ", "MGC");
		assertThat(outcome.summary().valueGrowth())
			.containsExactlyEntriesOf(ordered("VIP", 5L, "BZ", 4L, "NEW", 1L, "MGC", 2L, "STABLE", 88L));
		// A first-year customer has no growth rate: it is NEW, never counted as growth.
		assertThat(this.jdbc.sql("select growth from segmentation_snapshot where run_id = :run and account_id = :id")
			.param("run", outcome.summary().id())
			.param("id", ids.get(9))
			.query(BigDecimal.class)
			.optional()).isEmpty();
	}

	@Test
	void prospectsLostAndArchivedAccountsNeverEnterTheRanking() {
		// 31 paying customers, then 158 prospects without purchases, as a new user would
		// add them: tiers, classes and the 80/20 headline must not move.
		Random random = new Random(31);
		List<Customer> paying = new ArrayList<>();
		for (int i = 0; i < 31; i++) {
			paying.add(new Customer(BigDecimal.valueOf(50_000 + random.nextInt(5_000_000), 2), BigDecimal.ZERO));
		}
		long owner = newOwner();
		Map<Long, Customer> customers = add(owner, paying);
		Outcome before = outcome(owner, customers, Measure.REVENUE);

		List<Customer> others = new ArrayList<>();
		for (int i = 0; i < 158; i++) {
			others.add(new Customer(BigDecimal.ZERO, BigDecimal.ZERO).withStatus("PROSPECT"));
		}
		// Bought, but lost by decision, or archived: not customers either.
		others.add(new Customer(new BigDecimal("99999.00"), BigDecimal.ZERO).withStatus("LOST"));
		others.add(new Customer(new BigDecimal("88888.00"), BigDecimal.ZERO).archivedToo());
		Map<Long, Customer> everyone = new LinkedHashMap<>(customers);
		everyone.putAll(add(owner, others));
		Outcome after = outcome(owner, everyone, Measure.REVENUE);

		assertThat(after.summary().accounts()).isEqualTo(31);
		assertThat(after.tiers()).isEqualTo(after.expected().tiers()).isEqualTo(before.tiers());
		assertThat(after.abc()).isEqualTo(after.expected().abc()).isEqualTo(before.abc());
		assertThat(after.summary().pyramid()).isEqualTo(before.summary().pyramid());
		assertThat(after.summary().pareto().customersFor80()).isEqualTo(after.expected().customersFor80())
			.isEqualTo(before.summary().pareto().customersFor80());
		assertThat(after.summary().pareto().customerShareFor80())
			.isEqualTo(before.summary().pareto().customerShareFor80());
		// N = 31: VIP 1, Major ceil(1.55) − 1 = 1, Ordinary ceil(6.2) − 2 = 5.
		assertThat(after.summary().pyramid())
			.containsExactlyEntriesOf(ordered("VIP", 1L, "MAJOR", 1L, "ORDINARY", 5L, "SMALL", 24L));
	}

	@Test
	void aCustomerWithoutProfitIsSmallWhenRankedByGrossProfit() {
		// Ten customers: one with a 30% margin, one with revenue 1,000 and no profit,
		// eight selling at a loss. ceil(20% of 10) = 2 would make the second Ordinary.
		List<Customer> customers = new ArrayList<>();
		customers.add(new Customer(new BigDecimal("1000.00"), BigDecimal.ZERO));
		customers.add(new Customer(new BigDecimal("1000.00"), BigDecimal.ZERO).withCostShare("1"));
		for (int i = 0; i < 8; i++) {
			customers.add(new Customer(BigDecimal.valueOf(100 + i), BigDecimal.ZERO).withCostShare("1.5"));
		}
		Outcome outcome = rank(customers, Measure.GROSS_PROFIT);
		assertThat(outcome.tiers()).isEqualTo(outcome.expected().tiers());
		assertThat(outcome.tiers().get(outcome.ids().get(1))).isEqualTo("SMALL");
		assertThat(outcome.ranks().get(outcome.ids().get(1))).isEqualTo(2);
		assertThat(outcome.summary().pyramid())
			.containsExactlyEntriesOf(ordered("VIP", 1L, "MAJOR", 0L, "ORDINARY", 0L, "SMALL", 9L));
	}

	@Test
	void aCalendarYearComparesWithThePreviousCalendarYear() {
		LocalDate from = LocalDate.of(2024, 1, 1);
		LocalDate to = LocalDate.of(2024, 12, 31);
		long owner = newOwner();
		// The leader takes VIP; the two others are ranked by the growth rule alone.
		Map<Long, Customer> accounts = add(owner, List.of(new Customer(BigDecimal.ZERO, BigDecimal.ZERO),
				new Customer(BigDecimal.ZERO, BigDecimal.ZERO), new Customer(BigDecimal.ZERO, BigDecimal.ZERO)));
		List<Long> ids = new ArrayList<>(accounts.keySet());
		Map<Long, List<Object[]>> purchases = new LinkedHashMap<>();
		purchases.put(ids.get(0), List.of(new Object[] { LocalDate.of(2024, 3, 1), new BigDecimal("100000.00") },
				new Object[] { LocalDate.of(2023, 3, 1), new BigDecimal("100000.00") }));
		// 2022-12-31 lies in the 366 days before 2024 but not in calendar 2023.
		purchases.put(ids.get(1),
				List.of(new Object[] { LocalDate.of(2024, 6, 1), new BigDecimal("1000.00") },
						new Object[] { LocalDate.of(2022, 12, 31), new BigDecimal("500.00") },
						new Object[] { LocalDate.of(2023, 1, 1), new BigDecimal("400.00") }));
		purchases.put(ids.get(2), List.of(new Object[] { LocalDate.of(2024, 6, 1), new BigDecimal("800.00") },
				new Object[] { LocalDate.of(2022, 12, 31), new BigDecimal("700.00") }));
		List<NewOrderLine> lines = new ArrayList<>();
		purchases.forEach((id, list) -> list.forEach((p) -> lines.add(line(id, (LocalDate) p[0], (BigDecimal) p[1]))));
		this.ledger.append(lines);

		RunSummary run = this.segmentation.runFor(Set.of(owner), new RunRequest(from, to, Measure.REVENUE), "test");

		assertThat(run.priorFrom()).isEqualTo(LocalDate.of(2023, 1, 1));
		assertThat(run.priorTo()).isEqualTo(LocalDate.of(2023, 12, 31));
		// Expected, from the dated purchases: value in 2024, prior value in 2023.
		Map<Long, String> expected = new HashMap<>();
		for (Long id : ids) {
			BigDecimal now = BigDecimal.ZERO;
			BigDecimal prior = BigDecimal.ZERO;
			for (Object[] p : purchases.get(id)) {
				LocalDate date = (LocalDate) p[0];
				if (date.getYear() == 2024) {
					now = now.add((BigDecimal) p[1]);
				}
				else if (date.getYear() == 2023) {
					prior = prior.add((BigDecimal) p[1]);
				}
			}
			boolean leader = id.equals(ids.get(0));
			String klass = leader ? "VIP"
					: (now.compareTo(prior) < 0) ? "BZ"
							: prior.signum() == 0 ? "NEW"
									: (now.subtract(prior)
										.multiply(BigDecimal.valueOf(100))
										.compareTo(prior.multiply(BigDecimal.valueOf(20))) >= 0) ? "MGC" : "STABLE";
			expected.put(id, klass);
		}
		Map<Long, String> classes = new HashMap<>();
		Map<Long, BigDecimal> priors = new HashMap<>();
		this.jdbc.sql("select account_id, value_growth, prior_amount from segmentation_snapshot where run_id = :run")
			.param("run", run.id())
			.query((java.sql.ResultSet rs) -> {
				classes.put(rs.getLong(1), rs.getString(2).strip());
				priors.put(rs.getLong(1), rs.getBigDecimal(3));
			});
		assertThat(classes).isEqualTo(expected);
		// +150% against 2023 alone (it would be +11% had 2022-12-31 counted); the other
		// bought nothing in 2023, so it is NEW.
		assertThat(classes.get(ids.get(1))).isEqualTo("MGC");
		assertThat(priors.get(ids.get(1))).isEqualByComparingTo("400.00");
		assertThat(classes.get(ids.get(2))).isEqualTo("NEW");
	}

	@Test
	void wholeMonthsCompareWithAsManyWholeMonthsAndOtherPeriodsWithAsManyDays() {
		SnapshotWriter.Period quarter = new SnapshotWriter.Period(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 6, 30));
		assertThat(quarter.priorFrom()).isEqualTo(LocalDate.of(2024, 1, 1));
		assertThat(quarter.priorTo()).isEqualTo(LocalDate.of(2024, 3, 31));
		SnapshotWriter.Period march = new SnapshotWriter.Period(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31));
		assertThat(march.priorFrom()).isEqualTo(LocalDate.of(2024, 2, 1));
		SnapshotWriter.Period days = new SnapshotWriter.Period(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 3, 19));
		assertThat(days.priorFrom()).isEqualTo(LocalDate.of(2024, 2, 29));
		assertThat(days.priorTo()).isEqualTo(LocalDate.of(2024, 3, 9));
	}

	@Test
	void aStrategicPinMakesAnAccountBWithItsReasonAudited() {
		String manager = this.given.manager();
		Outcome before = rank(customers("50", "25", "10", "6", "5", "4"));
		long last = before.ids().get(5);
		assertThat(before.abc().get(last)).isEqualTo("C");
		long accountOwner = before.owner();
		this.jdbc.sql("update account set owner_id = (select id from app_user where username = :u) where id = :id")
			.param("u", manager)
			.param("id", last)
			.update();
		this.api.put(manager, "/api/v1/accounts/" + last + "/strategic-pin", json("reason", " ")).expect(400);
		this.api.put(this.given.kam(), "/api/v1/accounts/" + last + "/strategic-pin", json("reason", "x")).expect(403);
		this.api.put(manager, "/api/v1/accounts/" + last + "/strategic-pin", json("reason", "Opens the wind market"))
			.expect(204);
		this.jdbc.sql("update account set owner_id = :o where id = :id")
			.param("o", accountOwner)
			.param("id", last)
			.update();
		RunSummary after = this.segmentation.runFor(Set.of(accountOwner), new RunRequest(FROM, TO, Measure.REVENUE),
				"test");
		Map<String, Object> row = this.jdbc
			.sql("select abc, abc_rule from segmentation_snapshot where run_id = :run and account_id = :id")
			.param("run", after.id())
			.param("id", last)
			.query()
			.singleRow();
		assertThat(row.get("abc").toString().strip()).isEqualTo("B");
		assertThat(row.get("abc_rule").toString().strip()).isEqualTo("C");
		assertThat(after.abc()).containsExactlyEntriesOf(ordered("A", 3L, "B", 3L, "C", 0L));
		assertThat(this.jdbc.sql("""
				select actor from audit_log where entity_type = 'SegmentationPin' and entity_id = :id
				and field = 'pinReason' and new_value = 'Opens the wind market'""")
			.param("id", last)
			.query(String.class)
			.list()).containsExactly(manager);
	}

	@Test
	void theApiStartsARunAndAnswersItsFiguresAndAccounts() {
		String manager = this.given.manager();
		Api.Response created = this.api
			.post(manager, "/api/v1/segmentation/runs",
					json("from", "2025-01-01", "to", "2025-12-31", "measure", "REVENUE"))
			.expect(201);
		long id = created.id();
		assertThat(created.location()).contains("/api/v1/segmentation/runs/" + id);
		JsonNode run = this.api.get(Api.ADMIN, "/api/v1/segmentation/runs/" + id).expect(200).body();
		assertThat(run.get("from").asString()).isEqualTo("2025-01-01");
		assertThat(run.get("to").asString()).isEqualTo("2025-12-31");
		assertThat(run.get("measure").asString()).isEqualTo("REVENUE");
		long accounts = run.get("accounts").asLong();
		long sum = 0;
		for (String tier : List.of("VIP", "MAJOR", "ORDINARY", "SMALL")) {
			sum += run.get("pyramid").get(tier).asLong();
		}
		assertThat(sum).isEqualTo(accounts).isPositive();
		assertThat(run.get("abc").size()).isEqualTo(3);
		assertThat(run.get("valueGrowth").size()).isEqualTo(5);
		assertThat(run.get("pareto").get("customerShareFor80").isNumber()).isTrue();
		long vip = run.get("pyramid").get("VIP").asLong();
		Api.Response page = this.api.get(Api.ADMIN, "/api/v1/segmentation/runs/" + id + "/accounts?tier=VIP&size=5")
			.expect(200);
		assertThat(page.totalElements()).isEqualTo(vip);
		assertThat(page.items()).allSatisfy((item) -> assertThat(item.get("tier").asString()).isEqualTo("VIP"));
		Api.Response abcA = this.api.get(Api.ADMIN, "/api/v1/segmentation/runs/" + id + "/accounts?tier=VIP&abc=A")
			.expect(200);
		assertThat(abcA.items()).allSatisfy((item) -> assertThat(item.get("abc").asString()).isEqualTo("A"));

		this.api.post(this.given.kam(), "/api/v1/segmentation/runs", json()).expect(403);
		this.api.post(manager, "/api/v1/segmentation/runs", json("from", "2025-02-01", "to", "2025-01-01")).expect(400);
		this.api.get(Api.ADMIN, "/api/v1/segmentation/runs/99999999").expect(404);
		this.api.get(Api.ADMIN, "/api/v1/segmentation/runs/" + id + "/accounts?tier=GOLD").expect(400);
	}

	@Test
	void theDefaultPeriodIsTheLastTwelveMonthsWhileTheLedgerHasPurchasesInThem() {
		String owner = this.given.kam();
		long account = this.given.account(Api.ADMIN, json("name", Fixtures.unique("Recent buyer"), "owner", owner))
			.id();
		LocalDate today = LocalDate.now();
		this.ledger.append(List.of(line(account, today.minusDays(40), new BigDecimal("1200.00"))));

		JsonNode run = this.api.post(Api.ADMIN, "/api/v1/segmentation/runs", json("measure", "REVENUE"))
			.expect(201)
			.body();

		assertThat(run.get("to").asString()).isEqualTo(today.toString());
		assertThat(run.get("from").asString()).isEqualTo(today.minusYears(1).plusDays(1).toString());
	}

	@Test
	void theSegmentListWithoutARunShowsTheNewestRunAndAMissingValueGetsAnErrorPage() {
		long newest = this.api.post(Api.ADMIN, "/api/v1/segmentation/runs", json("measure", "REVENUE"))
			.expect(201)
			.id();

		Api.Response list = this.api.page(Api.ADMIN, "/segmentation/accounts?tier=SMALL").expect(200);
		assertThat(list.text()).contains("name=\"run\" value=\"" + newest + "\"");

		Api.Response unknown = this.api.page(Api.ADMIN, "/segmentation/migration?from=first&to=" + newest).expect(400);
		assertThat(unknown.text()).contains("Cannot show this",
				"The address is missing a value or asks for something unknown.");

		// The address alone compares the two newest company runs.
		long newer = this.api.post(Api.ADMIN, "/api/v1/segmentation/runs", json("measure", "REVENUE")).expect(201).id();
		Api.Response bare = this.api.page(Api.ADMIN, "/segmentation/migration").expect(302);
		assertThat(bare.location()).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/segmentation/migration?from=" + newest + "&to=" + newer));
	}

	@Test
	void theTierAndItsServiceLevelShowOnTheAccountListAndPage() {
		rank(customers("900", "800", "700"));
		long run = this.api
			.post(Api.ADMIN, "/api/v1/segmentation/runs", json("from", FROM.toString(), "to", TO.toString()))
			.expect(201)
			.id();
		long vips = this.api.get(Api.ADMIN, "/api/v1/segmentation/runs/" + run)
			.expect(200)
			.body()
			.get("pyramid")
			.get("VIP")
			.asLong();
		Api.Response listed = this.api.get(Api.ADMIN, "/api/v1/accounts?tier=VIP&size=200").expect(200);
		assertThat(listed.totalElements()).isEqualTo(vips).isPositive();
		Api.Response expected = this.api
			.get(Api.ADMIN, "/api/v1/segmentation/runs/" + run + "/accounts?tier=VIP&size=200")
			.expect(200);
		assertThat(listed.ids()).containsExactlyInAnyOrderElementsOf(
				expected.items().stream().map((row) -> row.get("accountId").asLong()).toList());
		long vip = listed.ids().get(0);
		int cadence = this.api.get(Api.ADMIN, "/api/v1/segmentation/settings")
			.expect(200)
			.body()
			.get("cadenceVip")
			.asInt();
		String section = this.api.get(Api.ADMIN, "/accounts/" + vip + "/segmentation/section").expect(200).text();
		assertThat(section).contains("dk-tier-VIP").contains("Contact every " + cadence + " days");
		String page = this.api.get(Api.ADMIN, "/accounts?tier=VIP").expect(200).text();
		assertThat(page).contains("dk-tier dk-tier-VIP").doesNotContain("dk-tier dk-tier-SMALL");
		JsonNode standing = this.api.get(Api.ADMIN, "/api/v1/accounts/" + vip + "/standing").expect(200).body();
		assertThat(standing.get("tier").asString()).isEqualTo("VIP");
		assertThat(standing.get("cadenceDays").asInt()).isEqualTo(cadence);
	}

	@Test
	void thePagesBehindTheChartsAnswerForTwoSnapshots() {
		rank(customers("900", "800", "700"));
		long first = this.api
			.post(Api.ADMIN, "/api/v1/segmentation/runs", json("from", "2024-01-01", "to", "2024-12-31"))
			.expect(201)
			.id();
		long second = this.api
			.post(Api.ADMIN, "/api/v1/segmentation/runs", json("from", FROM.toString(), "to", TO.toString()))
			.expect(201)
			.id();
		JsonNode data = this.api.get(Api.ADMIN, "/dashboard/data?run=" + second).expect(200).body();
		assertThat(data.get("pyramid").size()).isEqualTo(4);
		assertThat(data.get("pareto").get("points").size()).isGreaterThan(2);
		assertThat(data.get("migration").get("from").asLong()).isEqualTo(first);
		assertThat(data.get("top").size()).isPositive();
		String migration = this.api
			.get(Api.ADMIN, "/segmentation/migration?from=" + first + "&to=" + second + "&fromTier=SMALL&toTier=VIP")
			.expect(200)
			.text();
		assertThat(migration).contains("migration-table");
		assertThat(this.api.get(Api.ADMIN, "/segmentation/accounts?run=" + second + "&abc=A").expect(200).text())
			.contains("segment-table");
		assertThat(this.api.get(Api.ADMIN, "/dashboard?run=" + second).expect(200).text()).contains("chart-pyramid");
		assertThat(this.api.get(Api.ADMIN, "/admin/segmentation").expect(200).text()).contains("settings-form");
		this.api.get(this.given.manager(), "/admin/segmentation").expect(403);
	}

	@Test
	void aKamSeesTheRunAmongTheirOwnAccountsOnly() {
		Outcome outcome = rank(customers("50", "25", "10", "6", "5", "4"));
		String kam = this.jdbc.sql("select username from app_user where id = :id")
			.param("id", outcome.owner())
			.query(String.class)
			.single();
		long companyWide = this.api
			.post(Api.ADMIN, "/api/v1/segmentation/runs", json("from", FROM.toString(), "to", TO.toString()))
			.expect(201)
			.id();
		JsonNode mine = this.api.get(kam, "/api/v1/segmentation/runs/" + companyWide).expect(200).body();
		assertThat(mine.get("accounts").asLong()).isEqualTo(6);
		// The list tells the run as its detail does: the KAM's six customers, worth 100,
		// of which the top three (50 + 25 + 10 = 85) pass 80; never the company's
		// figures.
		JsonNode listed = null;
		for (JsonNode run : this.api.get(kam, "/api/v1/segmentation/runs?limit=200").expect(200).body()) {
			if (run.get("id").asLong() == companyWide) {
				listed = run;
			}
		}
		assertThat(listed).isNotNull();
		assertThat(listed.get("withinScope").asBoolean()).isTrue();
		assertThat(listed.get("accounts").asLong()).isEqualTo(6);
		assertThat(listed.get("pareto").get("totalValue").decimalValue()).isEqualByComparingTo("100");
		assertThat(listed.get("pareto").get("customersFor80").asLong()).isEqualTo(3);
		assertThat(listed.get("pyramid").properties().stream().mapToLong((e) -> e.getValue().asLong()).sum())
			.isEqualTo(6);
		JsonNode company = null;
		for (JsonNode run : this.api.get(Api.ADMIN, "/api/v1/segmentation/runs?limit=200").expect(200).body()) {
			if (run.get("id").asLong() == companyWide) {
				company = run;
			}
		}
		assertThat(company.get("withinScope").asBoolean()).isFalse();
		assertThat(company.get("accounts").asLong()).isGreaterThanOrEqualTo(6);
		Api.Response rows = this.api.get(kam, "/api/v1/segmentation/runs/" + companyWide + "/accounts?size=50")
			.expect(200);
		assertThat(rows.items().stream().map((r) -> r.get("accountId").asLong()))
			.containsExactlyInAnyOrderElementsOf(outcome.ids());
		// Value indicators of the customer that bought 50 in the period, with a 30%
		// margin and no contact cost: CLV discounts 15 a year over 5 years at 8% (the
		// defaults).
		JsonNode fifty = rows.items()
			.stream()
			.filter((r) -> r.get("amount").decimalValue().compareTo(new BigDecimal("50")) == 0)
			.findFirst()
			.orElseThrow();
		double annuity = (1 - Math.pow(1.08, -5)) / 0.08;
		assertThat(fifty.get("totalRevenue").decimalValue()).isEqualByComparingTo("50");
		assertThat(fifty.get("margin").decimalValue()).isEqualByComparingTo("15");
		assertThat(fifty.get("netProfit").decimalValue()).isEqualByComparingTo("15");
		assertThat(fifty.get("clv").doubleValue()).isCloseTo(15 * annuity, org.assertj.core.data.Offset.offset(0.01));
		assertThat(fifty.get("annualSales").decimalValue()).isEqualByComparingTo("50");
		assertThat(fifty.get("firstPurchase").asString()).isEqualTo(TO.toString());
	}

	@Test
	void aManagersDashboardShowsCompanyWideClassesAndCaptionsWhatItRecomputesInTheScope() {
		String manager = this.given.manager();
		String team = this.given.team(manager);
		String kam = this.given.kam(team, manager);
		long owner = this.jdbc.sql("select id from app_user where username = :u")
			.param("u", kam)
			.query(Long.class)
			.single();
		Map<Long, Customer> mine = add(owner, customers("50", "25", "10", "6", "5", "4"));
		// Another team's customer that alone carries 80% of the company's value.
		add(newOwner(), customers("1000000"));
		long run = this.api
			.post(Api.ADMIN, "/api/v1/segmentation/runs", json("from", FROM.toString(), "to", TO.toString()))
			.expect(201)
			.id();
		// Within the team: 50, 75, 85 of 100, so the third customer reaches 80%.
		List<BigDecimal> amounts = mine.values()
			.stream()
			.map(Customer::amount)
			.sorted(Comparator.reverseOrder())
			.toList();
		BigDecimal total = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		long for80 = 0;
		BigDecimal running = BigDecimal.ZERO;
		for (BigDecimal amount : amounts) {
			running = running.add(amount);
			for80++;
			if (running.multiply(BigDecimal.valueOf(10)).compareTo(total.multiply(BigDecimal.valueOf(8))) >= 0) {
				break;
			}
		}
		// The company-wide classes of the team's customers, as the run stored them.
		Map<String, Long> abc = ordered("A", 0L, "B", 0L, "C", 0L);
		Map<String, Long> tiers = ordered("VIP", 0L, "MAJOR", 0L, "ORDINARY", 0L, "SMALL", 0L);
		this.jdbc.sql("select tier, abc from segmentation_snapshot where run_id = :run and account_id in (:ids)")
			.param("run", run)
			.param("ids", mine.keySet())
			.query((java.sql.ResultSet rs) -> {
				tiers.merge(rs.getString(1).strip(), 1L, Long::sum);
				abc.merge(rs.getString(2).strip(), 1L, Long::sum);
			});

		JsonNode scoped = this.api.get(manager, "/api/v1/segmentation/runs/" + run).expect(200).body();
		assertThat(scoped.get("withinScope").asBoolean()).isTrue();
		assertThat(scoped.get("accounts").asLong()).isEqualTo(6);
		assertThat(scoped.get("pareto").get("customersFor80").asLong()).isEqualTo(for80).isEqualTo(3);
		for (String klass : abc.keySet()) {
			assertThat(scoped.get("abc").get(klass).asLong()).as(klass).isEqualTo(abc.get(klass));
		}
		for (String tier : tiers.keySet()) {
			assertThat(scoped.get("pyramid").get(tier).asLong()).as(tier).isEqualTo(tiers.get(tier));
		}
		// In a company of many customers, these small ones are C: the headline,
		// recomputed in the scope, is not the count of A, and the page says which is
		// which.
		assertThat(abc.get("A")).isNotEqualTo(for80);
		String page = this.api.get(manager, "/dashboard?run=" + run).expect(200).text();
		assertThat(page).contains("id=\"scope-caption\"", "6 customers in your scope", "80/20 among your customers",
				for80 + " of your customers produce 80% of their value", "Company-wide classes: A until 80%",
				"Company-wide tiers of your customers");
		String company = this.api.get(Api.ADMIN, "/dashboard?run=" + run).expect(200).text();
		assertThat(company).doesNotContain("scope-caption", "your customers");
		assertThat(this.api.get(Api.ADMIN, "/api/v1/segmentation/runs/" + run)
			.expect(200)
			.body()
			.get("withinScope")
			.asBoolean()).isFalse();
	}

	@Test
	void aBzCustomerTakesADecisionThatStandsUntilARunChangesItsClass() {
		String kam = this.given.kam();
		long owner = this.jdbc.sql("select id from app_user where username = :u")
			.param("u", kam)
			.query(Long.class)
			.single();
		List<Long> ids = new ArrayList<>(
				add(owner, List.of(new Customer(new BigDecimal("50.00"), new BigDecimal("100.00")),
						new Customer(new BigDecimal("100.00"), new BigDecimal("100.00"))))
					.keySet());
		long falling = ids.get(0);
		long steady = ids.get(1);
		long run = this.api
			.post(Api.ADMIN, "/api/v1/segmentation/runs", json("from", FROM.toString(), "to", TO.toString()))
			.expect(201)
			.id();
		assertThat(this.api.get(Api.ADMIN, "/api/v1/accounts/" + falling + "/standing")
			.expect(200)
			.body()
			.get("snapshot")
			.get("valueGrowth")
			.asString()).isEqualTo("BZ");
		Map<String, Object> letGo = json("decision", "LET_GO", "reason", "Buys on price alone", "owner", kam);
		this.api.put(kam, "/api/v1/accounts/" + falling + "/bz-decision", letGo).expect(403);
		assertThat(
				this.api.put(Api.ADMIN, "/api/v1/accounts/" + steady + "/bz-decision", letGo).expect(400).errorFields())
			.containsExactly("decision");
		assertThat(this.api
			.put(Api.ADMIN, "/api/v1/accounts/" + falling + "/bz-decision",
					json("decision", "LET_GO", "reason", " ", "owner", kam))
			.expect(400)
			.errorFields()).containsExactly("reason");
		this.api.put(Api.ADMIN, "/api/v1/accounts/" + falling + "/bz-decision", letGo).expect(204);

		JsonNode decision = this.api.get(Api.ADMIN, "/api/v1/accounts/" + falling + "/standing")
			.expect(200)
			.body()
			.get("snapshot")
			.get("bzDecision");
		assertThat(decision.get("decision").asString()).isEqualTo("LET_GO");
		assertThat(decision.get("reason").asString()).isEqualTo("Buys on price alone");
		assertThat(decision.get("ownerId").asLong()).isEqualTo(owner);
		assertThat(decision.get("ownerName").asString()).isEqualTo("Test " + kam);
		assertThat(decision.get("decidedOn").asString()).isEqualTo(LocalDate.now().toString());
		assertThat(decision.get("runId").asLong()).isEqualTo(run);
		// The BZ list of a later run of this owner's accounts shows the decision too.
		long listed = this.segmentation.runFor(Set.of(owner), new RunRequest(FROM, TO, Measure.REVENUE), "test").id();
		assertThat(
				this.api.page(Api.ADMIN, "/segmentation/accounts?run=" + listed + "&valueGrowth=BZ").expect(200).text())
			.contains("dk-bz-decision", "Let go", "Follow-up by Test " + kam);
		assertThat(this.api.get(Api.ADMIN, "/accounts/" + falling + "/segmentation/section").expect(200).text())
			.contains("id=\"bz-decision\"", "Buys on price alone", "Let go");
		assertThat(this.jdbc.sql("""
				select actor from audit_log where entity_type = 'SegmentationBzDecision' and entity_id = :id
				and field = 'bzReason' and new_value = 'Buys on price alone'""")
			.param("id", falling)
			.query(String.class)
			.list()).containsExactly(Api.ADMIN);

		// Still BZ in the next run: the decision stands.
		this.api.post(Api.ADMIN, "/api/v1/segmentation/runs", json("from", FROM.toString(), "to", TO.toString()))
			.expect(201);
		assertThat(this.api.get(Api.ADMIN, "/api/v1/accounts/" + falling + "/standing")
			.expect(200)
			.body()
			.get("snapshot")
			.get("bzDecision")
			.get("reason")
			.asString()).isEqualTo("Buys on price alone");
		// A purchase brings it back to last year's value: the next run changes its class,
		// and the decision is history.
		this.ledger.append(List.of(line(falling, TO.minusDays(3), new BigDecimal("60.00"))));
		this.api.post(Api.ADMIN, "/api/v1/segmentation/runs", json("from", FROM.toString(), "to", TO.toString()))
			.expect(201);
		JsonNode after = this.api.get(Api.ADMIN, "/api/v1/accounts/" + falling + "/standing")
			.expect(200)
			.body()
			.get("snapshot");
		assertThat(after.get("valueGrowth").asString()).isNotEqualTo("BZ");
		assertThat(after.get("bzDecision").isNull()).isTrue();
	}

	@Test
	void theNightlyRunTakesADatabaseLockSoASecondInstanceSkipsIt() {
		long before = this.jdbc.sql("select count(*) from segmentation_run where started_by = 'system'")
			.query(Long.class)
			.single();
		this.nightly.run();
		// A second instance firing at the same moment finds the lock row held and does
		// nothing.
		this.nightly.run();
		assertThat(this.jdbc.sql("select count(*) from segmentation_run where started_by = 'system'")
			.query(Long.class)
			.single()).isEqualTo(before + 1);
		assertThat(this.jdbc.sql("select count(*) from shedlock where name = 'segmentation-nightly'")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void settingsAreCheckedSavedAndAudited() {
		JsonNode current = this.api.get(Api.ADMIN, "/api/v1/segmentation/settings").expect(200).body();
		Map<String, Object> wrong = settings(current, "majorPercent", "0.5");
		assertThat(this.api.put(Api.ADMIN, "/api/v1/segmentation/settings", wrong).expect(400).errorFields())
			.containsExactly("majorPercent");
		this.api.put(this.given.manager(), "/api/v1/segmentation/settings", settings(current, "cadenceVip", 14))
			.expect(403);
		JsonNode saved = this.api.put(Api.ADMIN, "/api/v1/segmentation/settings", settings(current, "cadenceVip", 10))
			.expect(200)
			.body();
		assertThat(saved.get("cadenceVip").asInt()).isEqualTo(10);
		this.api.put(Api.ADMIN, "/api/v1/segmentation/settings", settings(current, "cadenceVip", 12)).expect(409);
		assertThat(this.jdbc.sql("""
				select count(*) from audit_log where entity_type = 'SegmentationSettings' and field = 'cadenceVip'
				and new_value = '10'""").query(Long.class).single()).isPositive();
		this.api.put(Api.ADMIN, "/api/v1/segmentation/settings", settings(saved, "cadenceVip", 14)).expect(200);
	}

	private static Map<String, Object> settings(JsonNode current, String field, Object value) {
		Map<String, Object> body = new LinkedHashMap<>();
		current.properties()
			.forEach((entry) -> body.put(entry.getKey(),
					entry.getValue().isNumber() ? entry.getValue().numberValue() : entry.getValue().asString()));
		body.put(field, value);
		return body;
	}

	// ------------------------------------------------------------ building a population

	static List<Customer> customers(String... amounts) {
		List<Customer> customers = new ArrayList<>();
		for (String amount : amounts) {
			customers.add(new Customer(new BigDecimal(amount), BigDecimal.ZERO));
		}
		return customers;
	}

	/**
	 * Accounts of a fresh owner with these purchases, ranked in a run of that owner's
	 * accounts, with the expected outcome computed independently.
	 */
	Outcome rank(List<Customer> customers) {
		return rank(customers, Measure.REVENUE);
	}

	Outcome rank(List<Customer> customers, Measure measure) {
		long owner = newOwner();
		Map<Long, Customer> byId = add(owner, customers);
		return outcome(owner, byId, measure);
	}

	long newOwner() {
		String kam = this.given.kam();
		return this.jdbc.sql("select id from app_user where username = :u").param("u", kam).query(Long.class).single();
	}

	/**
	 * Writes the accounts with their purchases (this period and the prior period) and
	 * contact costs; returns them by id in the order given.
	 */
	Map<Long, Customer> add(long owner, List<Customer> customers) {
		String prefix = Fixtures.unique("seg");
		Timestamp now = Timestamp.valueOf(LocalDateTime.now());
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < customers.size(); i++) {
			String name = prefix + "-" + i;
			rows.add(new Object[] { name, name.toLowerCase(), owner, customers.get(i).status(),
					customers.get(i).archived(), now, now });
		}
		this.template.batchUpdate("""
				insert into account (name, name_key, owner_id, status, archived, created_at, updated_at, version)
				values (?, ?, ?, ?, ?, ?, ?, 0)""", rows);
		// Written directly for speed, so the owner's tally that the account list reads is
		// kept here too.
		for (boolean archived : new boolean[] { false, true }) {
			long count = customers.stream().filter((c) -> c.archived() == archived).count();
			int tallied = this.jdbc
				.sql("update account_tally set accounts = accounts + :n where owner_id = :o and archived = :a")
				.param("o", owner)
				.param("a", archived)
				.param("n", count)
				.update();
			if (tallied == 0) {
				this.jdbc.sql("insert into account_tally (owner_id, archived, accounts) values (:o, :a, :n)")
					.param("o", owner)
					.param("a", archived)
					.param("n", count)
					.update();
			}
		}
		Map<String, Long> idsByName = new HashMap<>();
		this.jdbc.sql("select id, name from account where owner_id = :o and name like :p")
			.param("o", owner)
			.param("p", prefix + "-%")
			.query((java.sql.ResultSet rs) -> {
				idsByName.put(rs.getString(2), rs.getLong(1));
			});
		List<NewOrderLine> lines = new ArrayList<>();
		Map<Long, Customer> byId = new LinkedHashMap<>();
		List<Object[]> activities = new ArrayList<>();
		for (int i = 0; i < customers.size(); i++) {
			long id = idsByName.get(prefix + "-" + i);
			Customer customer = customers.get(i);
			byId.put(id, customer);
			if (customer.amount().signum() > 0) {
				lines.add(line(id, TO.minusDays(i % 300), customer.amount(), customer.costShare()));
			}
			if (customer.prior().signum() > 0) {
				lines.add(line(id, PRIOR_DAY, customer.prior(), customer.costShare()));
			}
			if (customer.contactCost().signum() > 0) {
				activities.add(new Object[] { id, Timestamp.valueOf(TO.minusDays(10).atTime(10, 0)),
						customer.contactCost(), owner, now });
			}
		}
		this.ledger.append(lines);
		// The ledger moves each account's lifecycle with its purchases; the statuses the
		// test declares (a customer lost by decision after buying) are set back after it.
		this.template.batchUpdate("update account set status = ? where id = ?",
				byId.entrySet()
					.stream()
					.map((entry) -> new Object[] { entry.getValue().status(), entry.getKey() })
					.toList());
		if (!activities.isEmpty()) {
			this.template.batchUpdate("""
					insert into activity (account_id, type, occurred_at, cost, summary, created_by, created_at, version)
					values (?, 'VISIT', ?, ?, 'Visit', ?, ?, 0)""", activities);
		}
		return byId;
	}

	/** Ranks the owner's accounts in a run of their own and reads what it stored. */
	Outcome outcome(long owner, Map<Long, Customer> byId, Measure measure) {
		RunSummary summary = this.segmentation.runFor(Set.of(owner), new RunRequest(FROM, TO, measure), "test");
		Map<Long, String> tiers = new HashMap<>();
		Map<Long, String> abc = new HashMap<>();
		Map<Long, String> growth = new HashMap<>();
		Map<Long, Long> ranks = new HashMap<>();
		this.jdbc
			.sql("select account_id, tier, abc, value_growth, rank_no from segmentation_snapshot where run_id = :run")
			.param("run", summary.id())
			.query((java.sql.ResultSet rs) -> {
				tiers.put(rs.getLong(1), rs.getString(2).strip());
				abc.put(rs.getLong(1), rs.getString(3).strip());
				growth.put(rs.getLong(1), rs.getString(4).strip());
				ranks.put(rs.getLong(1), rs.getLong(5));
			});
		List<Long> insertionOrder = new ArrayList<>(byId.keySet());
		return new Outcome(owner, summary, insertionOrder, byId, tiers, abc, growth, ranks, Expected.of(byId, measure));
	}

	private static NewOrderLine line(long accountId, LocalDate date, BigDecimal amount) {
		return line(accountId, date, amount, Customer.MARGIN_30);
	}

	private static NewOrderLine line(long accountId, LocalDate date, BigDecimal amount, BigDecimal costShare) {
		return new NewOrderLine(accountId, date, null, BigDecimal.ONE, amount, Customer.cost(amount, costShare), null,
				"segmentation-test", Fixtures.unique("line"));
	}

	static <V> Map<String, V> ordered(Object... keysAndValues) {
		Map<String, V> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			@SuppressWarnings("unchecked")
			V value = (V) keysAndValues[i + 1];
			map.put((String) keysAndValues[i], value);
		}
		return map;
	}

	/**
	 * One account's purchases this period and in the prior period (each line costing
	 * {@code costShare} of its amount), its contact cost, lifecycle status and whether it
	 * is archived.
	 */
	record Customer(BigDecimal amount, BigDecimal prior, BigDecimal contactCost, BigDecimal costShare, String status,
			boolean archived) {

		/** A 30% margin on every line, so net profit is known. */
		static final BigDecimal MARGIN_30 = new BigDecimal("0.70");

		Customer(BigDecimal amount, BigDecimal prior) {
			this(amount, prior, BigDecimal.ZERO);
		}

		Customer(BigDecimal amount, BigDecimal prior, BigDecimal contactCost) {
			this(amount, prior, contactCost, MARGIN_30, "ACTIVE", false);
		}

		Customer withStatus(String status) {
			return new Customer(this.amount, this.prior, this.contactCost, this.costShare, status, this.archived);
		}

		Customer withCostShare(String share) {
			return new Customer(this.amount, this.prior, this.contactCost, new BigDecimal(share), this.status,
					this.archived);
		}

		Customer archivedToo() {
			return new Customer(this.amount, this.prior, this.contactCost, this.costShare, this.status, true);
		}

		boolean isCustomer() {
			return !this.archived && (this.status.equals("ACTIVE") || this.status.equals("DORMANT"));
		}

		static BigDecimal cost(BigDecimal amount, BigDecimal share) {
			return amount.multiply(share).setScale(2, RoundingMode.HALF_UP);
		}

		/**
		 * The value the measure ranks by, over this period's or the prior period's
		 * amount.
		 */
		BigDecimal value(BigDecimal amount, Measure measure) {
			return (measure == Measure.REVENUE) ? amount : amount.subtract(cost(amount, this.costShare));
		}

	}

	record Outcome(long owner, RunSummary summary, List<Long> ids, Map<Long, Customer> customers,
			Map<Long, String> tiers, Map<Long, String> abc, Map<Long, String> growth, Map<Long, Long> ranks,
			Expected expected) {

		String amountOf(long id) {
			return this.customers.get(id).amount().setScale(2, RoundingMode.UNNECESSARY).toPlainString();
		}

		List<String> abcInRankOrder() {
			return this.ranks.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByValue())
				.map((e) -> this.abc.get(e.getKey()))
				.toList();
		}

	}

	/**
	 * DOMAIN.md §3.1, §3.2 and §3.4 written out in plain Java, independently of the SQL.
	 */
	record Expected(Map<Long, String> tiers, Map<Long, String> abc, Map<Long, String> growth,
			Map<String, Long> abcCounts, long customersFor80) {

		static Expected of(Map<Long, Customer> all, Measure measure) {
			// Prospects, lost and archived accounts are not customers: they never enter
			// N.
			Map<Long, Customer> customers = new LinkedHashMap<>();
			all.forEach((id, c) -> {
				if (c.isCustomer()) {
					customers.put(id, c);
				}
			});
			List<Long> order = new ArrayList<>(customers.keySet());
			order.sort(Comparator.comparing((Long id) -> customers.get(id).value(customers.get(id).amount(), measure))
				.reversed()
				.thenComparing(Comparator.naturalOrder()));
			int n = order.size();
			long vip = (n + 99) / 100;
			long major = (5L * n + 99) / 100;
			long ordinary = (20L * n + 99) / 100;
			BigDecimal total = BigDecimal.ZERO;
			for (Customer customer : customers.values()) {
				total = total.add(customer.value(customer.amount(), measure));
			}
			Map<Long, String> tiers = new HashMap<>();
			Map<Long, String> abc = new HashMap<>();
			Map<Long, String> growth = new HashMap<>();
			Map<String, Long> abcCounts = ordered("A", 0L, "B", 0L, "C", 0L);
			BigDecimal before = BigDecimal.ZERO;
			long for80 = 0;
			for (int i = 0; i < n; i++) {
				long id = order.get(i);
				Customer c = customers.get(id);
				BigDecimal value = c.value(c.amount(), measure);
				BigDecimal prior = c.value(c.prior(), measure);
				int rank = i + 1;
				String tier = (value.signum() <= 0) ? "SMALL"
						: (rank <= vip) ? "VIP" : (rank <= major) ? "MAJOR" : (rank <= ordinary) ? "ORDINARY" : "SMALL";
				tiers.put(id, tier);
				// Share of value before this customer, compared with 80% and 95%.
				String klass = (before.multiply(BigDecimal.valueOf(100))
					.compareTo(total.multiply(BigDecimal.valueOf(80))) < 0) ? "A"
							: (before.multiply(BigDecimal.valueOf(100))
								.compareTo(total.multiply(BigDecimal.valueOf(95))) < 0) ? "B" : "C";
				abc.put(id, klass);
				abcCounts.merge(klass, 1L, Long::sum);
				before = before.add(value);
				if (for80 == 0 && total.signum() > 0 && before.multiply(BigDecimal.valueOf(100))
					.compareTo(total.multiply(BigDecimal.valueOf(80))) >= 0) {
					for80 = rank;
				}
				BigDecimal margin = c.amount().subtract(Customer.cost(c.amount(), c.costShare()));
				BigDecimal net = margin.subtract(c.contactCost());
				boolean boughtNow = c.amount().signum() > 0;
				boolean boughtBefore = c.prior().signum() > 0;
				boolean grew = prior.signum() > 0 && value.subtract(prior)
					.multiply(BigDecimal.valueOf(100))
					.compareTo(prior.multiply(BigDecimal.valueOf(20))) >= 0;
				// First match wins: VIP, BZ, NEW, MGC, Stable (DOMAIN.md §3.4).
				growth.put(id,
						(tier.equals("VIP") || tier.equals("MAJOR")) ? "VIP"
								: (value.compareTo(prior) < 0 || net.signum() < 0) ? "BZ"
										: (boughtNow && !boughtBefore) ? "NEW" : grew ? "MGC" : "STABLE");
			}
			return new Expected(tiers, abc, growth, abcCounts, for80);
		}

	}

}
