package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receivables reports beside the aging (DOMAIN.md §12): the collections forecast by
 * week and month, and contracts signed against money received per salesperson, over the
 * API, as pages with their chart and as exports. Expected figures are worked out here
 * from the plans and receipts the test writes; dates are relative to today.
 */
abstract class CollectionPlanTests extends ApiTestSupport {

	@Autowired
	private Clock clock;

	/** The application's today, read before each test: a run may cross midnight. */
	private LocalDate today;

	private String manager;

	private String kam;

	private String colleague;

	private String outsider;

	@BeforeEach
	void people() {
		this.today = LocalDate.now(this.clock);
		this.manager = this.given.manager();
		String team = this.given.team(this.manager);
		this.kam = this.given.kam(team, null);
		this.colleague = this.given.kam(team, null);
		this.outsider = this.given.kam();
	}

	@Test
	void theForecastPutsWhatIsOwedInTheWeekOrMonthItFallsDue() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Forecast")).id();
		// Due 20 days ago (half paid), today, in 9 days, in 40 days, and in 400 days
		// (beyond the horizon).
		List<Object[]> plan = List.<Object[]>of(new Object[] { this.today.minusDays(20), "1000" },
				new Object[] { this.today, "2000" }, new Object[] { this.today.plusDays(9), "3000" },
				new Object[] { this.today.plusDays(40), "4000" }, new Object[] { this.today.plusDays(400), "5000" });
		long contract = activeContract(this.kam, account, "15000", plan);
		receipt(this.kam, contract, this.today.minusDays(1), "500");

		List<JsonNode> weeks = this.api.get(this.kam, "/api/v1/receivables/forecast?step=WEEK&periods=12")
			.expect(200)
			.items();
		assertThat(weeks).hasSize(13);
		assertThat(weeks.get(0).get("from").isNull()).isTrue();
		assertThat(amount(weeks.get(0), "owed")).isEqualByComparingTo("500");
		LocalDate monday = this.today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		BigDecimal[] expected = new BigDecimal[12];
		java.util.Arrays.fill(expected, BigDecimal.ZERO);
		for (Object[] instalment : plan.subList(1, plan.size())) {
			long week = java.time.temporal.ChronoUnit.WEEKS.between(monday, (LocalDate) instalment[0]);
			if (week < 12) {
				expected[(int) week] = expected[(int) week].add(new BigDecimal((String) instalment[1]));
			}
		}
		for (int i = 0; i < 12; i++) {
			assertThat(amount(weeks.get(i + 1), "owed")).as("week " + i).isEqualByComparingTo(expected[i]);
		}
		assertThat(weeks.get(1).get("from").asString()).isEqualTo(this.today.toString());
		assertThat(weeks.get(1).get("to").asString()).isEqualTo(monday.plusDays(6).toString());

		List<JsonNode> months = this.api.get(this.kam, "/api/v1/receivables/forecast?step=MONTH&periods=3")
			.expect(200)
			.items();
		BigDecimal[] byMonth = { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO };
		for (Object[] instalment : plan.subList(1, plan.size())) {
			LocalDate due = (LocalDate) instalment[0];
			long month = java.time.temporal.ChronoUnit.MONTHS.between(this.today.withDayOfMonth(1),
					due.withDayOfMonth(1));
			if (month < 3) {
				byMonth[(int) month] = byMonth[(int) month].add(new BigDecimal((String) instalment[1]));
			}
		}
		assertThat(months).extracting((m) -> new BigDecimal(m.get("owed").asString()))
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(new BigDecimal("500"), byMonth[0], byMonth[1], byMonth[2]);

		// Another KAM's forecast holds none of it.
		assertThat(this.api.get(this.outsider, "/api/v1/receivables/forecast?step=MONTH&periods=3").expect(200).items())
			.allSatisfy((m) -> assertThat(amount(m, "owed")).isZero());
	}

	@Test
	void eachSalespersonsSignedAndReceivedInThePeriodTheMostReceivedFirst() {
		long mine = this.given.accountOwnedBy(this.kam, Fixtures.unique("Ranked")).id();
		long theirs = this.given.accountOwnedBy(this.colleague, Fixtures.unique("Ranked")).id();
		long old = activeContract(this.kam, mine, "10000",
				List.<Object[]>of(new Object[] { this.today.minusDays(50), "10000" }));
		long recent = activeContract(this.kam, mine, "6000",
				List.<Object[]>of(new Object[] { this.today.plusDays(30), "6000" }));
		receipt(this.kam, old, this.today.minusDays(2), "4000");
		receipt(this.kam, recent, this.today.minusDays(1), "1000");
		long big = activeContract(this.colleague, theirs, "20000",
				List.<Object[]>of(new Object[] { this.today.plusDays(10), "20000" }));
		receipt(this.colleague, big, this.today, "8000");
		create(this.kam, mine, "999", List.of()).expect(201);

		LocalDate from = this.today.minusDays(7);
		List<JsonNode> ranking = this.api
			.get(this.manager, "/api/v1/receivables/salespeople?from=" + from + "&to=" + this.today)
			.expect(200)
			.items();
		// Contracts are signed today by create(); the draft counts nowhere.
		assertThat(ranking)
			.extracting((r) -> r.get("name").asString(), (r) -> r.get("contracts").asLong(),
					(r) -> amount(r, "signed").stripTrailingZeros().toPlainString(),
					(r) -> amount(r, "received").stripTrailingZeros().toPlainString(),
					(r) -> amount(r, "overdue").stripTrailingZeros().toPlainString())
			.containsExactly(org.assertj.core.groups.Tuple.tuple(displayName(this.colleague), 1L, "20000", "8000", "0"),
					org.assertj.core.groups.Tuple.tuple(displayName(this.kam), 2L, "16000", "5000", "6000"));

		// A KAM ranks only themself; a period before the contracts holds none of them.
		assertThat(this.api.get(this.kam, "/api/v1/receivables/salespeople?from=" + from + "&to=" + this.today)
			.expect(200)
			.items()).extracting((r) -> r.get("name").asString()).containsExactly(displayName(this.kam));
		List<JsonNode> before = this.api
			.get(this.manager,
					"/api/v1/receivables/salespeople?from=" + this.today.minusDays(90) + "&to="
							+ this.today.minusDays(60))
			.expect(200)
			.items();
		assertThat(before).extracting((r) -> r.get("contracts").asLong()).containsOnly(0L);
	}

	@Test
	void theReportsAreTablesWithAChartAndExports() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Paged")).id();
		long contract = activeContract(this.kam, account, "3000",
				List.<Object[]>of(new Object[] { this.today.minusDays(45), "3000" }));
		receipt(this.kam, contract, this.today.minusDays(3), "1000");
		for (String page : List.of("/receivables/aging?by=OWNER", "/receivables/forecast?step=MONTH",
				"/receivables/salespeople")) {
			String html = this.api.page(this.manager, page).expect(200).text();
			assertThat(html).as(page).contains("receivables-chart").contains("data-chart=").contains("export-xlsx");
		}
		String csv = this.api.page(this.kam, "/receivables/aging/export?by=ACCOUNT&format=csv").expect(200).text();
		String name = this.api.get(this.kam, "/api/v1/accounts/" + account).expect(200).text("name");
		// 2,000 owed 31–60 days late: the row of the account says so in the fourth
		// column.
		String[] cells = csv.lines().filter((line) -> line.startsWith(name)).findFirst().orElseThrow().split(",");
		assertThat(cells[0]).isEqualTo(name);
		assertThat(java.util.Arrays.stream(cells).skip(1).map(BigDecimal::new).toList())
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("2000"), BigDecimal.ZERO, BigDecimal.ZERO,
					new BigDecimal("2000"));
		this.api.page(this.kam, "/receivables/forecast/export?format=xlsx").expect(200);
		this.api.page(this.kam, "/receivables/salespeople/export?format=csv").expect(200);
	}

	@Test
	void theOwnersToDoListsTheirOverdueInstalmentsOldestFirst() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Chased")).id();
		long contract = activeContract(this.kam, account, "6000",
				List.<Object[]>of(new Object[] { this.today.minusDays(40), "1000" },
						new Object[] { this.today.minusDays(5), "2000" }, new Object[] { this.today, "3000" }));
		receipt(this.kam, contract, this.today.minusDays(1), "1500");
		// 1,500 pays the first instalment and 500 of the second; the third is due today,
		// not overdue.
		JsonNode todo = this.api.get(this.kam, "/api/v1/me/todo").expect(200).body();
		JsonNode receivables = todo.get("receivables");
		assertThat(receivables.get("count").asLong()).isEqualTo(1);
		assertThat(receivables.get("items").get(0).get("dueDate").asString())
			.isEqualTo(this.today.minusDays(5).toString());
		assertThat(amount(receivables.get("items").get(0), "owed")).isEqualByComparingTo("1500");
		assertThat(receivables.get("items").get(0).get("contractId").asLong()).isEqualTo(contract);
		String page = this.api.page(this.kam, "/todo").expect(200).text();
		assertThat(page).contains("data-contract=\"" + contract + "\"");
		// A colleague's to-do does not chase it; the manager's own to-do neither (not
		// their contract).
		assertThat(this.api.get(this.colleague, "/api/v1/me/todo")
			.expect(200)
			.body()
			.get("receivables")
			.get("count")
			.asLong()).isZero();
		assertThat(this.api.get(this.manager, "/api/v1/me/todo")
			.expect(200)
			.body()
			.get("receivables")
			.get("count")
			.asLong()).isZero();
	}

	/**
	 * A contract held over its account's credit limit waits on the to-do of the owner's
	 * manager, who may confirm it, with a link to it; not on the KAM's, nor on another
	 * team's manager's; once confirmed it is gone.
	 */
	@Test
	void aContractOverTheLimitWaitsOnTheTeamManagersToDo() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Over limit")).id();
		String quarter = this.today.getYear() + "-Q" + ((this.today.getMonthValue() - 1) / 3 + 1);
		Response rating = this.api
			.post(this.kam, "/api/v1/accounts/" + account + "/credit-ratings",
					json("quarter", quarter, "inputs", Map.of("2", 4)))
			.expect(201);
		this.api
			.post(this.manager, "/api/v1/credit-ratings/" + rating.id() + "/accept",
					json("version", rating.version(), "limit", "1000", "termsDays", 30, "note", "Small"))
			.expect(200);
		Response draft = create(this.kam, account, "1000.01",
				List.of(json("dueDate", this.today.plusDays(30).toString(), "amount", "1000.01")))
			.expect(201);
		Response held = this.api
			.post(this.kam, "/api/v1/contracts/" + draft.id() + "/request-approval", json("version", draft.version()))
			.expect(200);
		String otherManager = this.given.manager();
		this.given.team(otherManager);

		JsonNode approvals = this.api.get(this.manager, "/api/v1/me/todo").expect(200).body().get("approvals");
		assertThat(approvals.get("count").asLong()).isEqualTo(1);
		JsonNode item = approvals.get("items").get(0);
		assertThat(item.get("contractId").asLong()).isEqualTo(draft.id());
		assertThat(item.get("accountId").asLong()).isEqualTo(account);
		assertThat(item.get("ownerName").asString()).isEqualTo(displayName(this.kam));
		assertThat(amount(item, "amount")).isEqualByComparingTo("1000.01");
		assertThat(item.get("action").asString()).isEqualTo("/api/v1/contracts/" + draft.id() + "/approve");
		String page = this.api.page(this.manager, "/todo").expect(200).text();
		assertThat(page).contains("id=\"todo-approvals\"")
			.contains("data-approval=\"" + draft.id() + "\"")
			.contains("href=\"/contracts/" + draft.id() + "\"");

		for (String kam : List.of(this.kam, this.colleague)) {
			assertThat(this.api.get(kam, "/api/v1/me/todo").expect(200).body().get("approvals").get("count").asLong())
				.as(kam)
				.isZero();
			assertThat(this.api.page(kam, "/todo").expect(200).text()).as(kam).doesNotContain("todo-approvals");
		}
		assertThat(
				this.api.get(otherManager, "/api/v1/me/todo").expect(200).body().get("approvals").get("count").asLong())
			.isZero();

		this.api
			.post(this.manager, "/api/v1/contracts/" + draft.id() + "/approve",
					json("version", held.version(), "reason", "Guaranteed"))
			.expect(200);
		assertThat(
				this.api.get(this.manager, "/api/v1/me/todo").expect(200).body().get("approvals").get("count").asLong())
			.isZero();
	}

	// ------------------------------------------------------------------ helpers

	private long activeContract(String user, long account, String amount, List<Object[]> plan) {
		List<Map<String, Object>> instalments = new ArrayList<>();
		for (Object[] instalment : plan) {
			instalments.add(json("dueDate", instalment[0].toString(), "amount", instalment[1]));
		}
		Response created = create(user, account, amount, instalments).expect(201);
		return this.api
			.post(user, "/api/v1/contracts/" + created.id() + "/activate", json("version", created.version()))
			.expect(200)
			.id();
	}

	private Response create(String user, long account, String amount, List<Map<String, Object>> plan) {
		return this.api.post(user, "/api/v1/contracts",
				json("accountId", account, "signedDate", this.today.toString(), "amount", amount, "instalments", plan));
	}

	private void receipt(String user, long contract, LocalDate on, String amount) {
		this.api
			.post(user, "/api/v1/receipts",
					json("contractId", contract, "date", on.toString(), "amount", amount, "method", "BANK_TRANSFER"))
			.expect(201);
	}

	private String displayName(String username) {
		return this.jdbc.sql("select display_name from app_user where username = :u")
			.param("u", username)
			.query(String.class)
			.single();
	}

	private static BigDecimal amount(JsonNode node, String field) {
		return new BigDecimal(node.get(field).asString());
	}

}
