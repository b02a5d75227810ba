package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static io.dakehu.contract.ContractSteps.plan;
import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contracts, payment plans, receipts and receivables over the API (DOMAIN.md §12): the
 * number sequence, plans that must add up, receipts allocated oldest due first, credit,
 * re-allocation, aging and the payment indicators, record scope, stale versions and bad
 * input. Dates are relative to today, the application's clock in tests.
 */
abstract class ContractsTests extends ApiTestSupport {

	@Autowired
	private Clock clock;

	/** The application's today, read before each test: a run may cross midnight. */
	private LocalDate today;

	private ContractSteps steps;

	private String kam;

	private String otherKam;

	private long account;

	@BeforeEach
	void people() {
		this.today = LocalDate.now(this.clock);
		this.steps = new ContractSteps(this.api, this.today);
		this.kam = this.given.kam();
		this.otherKam = this.given.kam();
		this.account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Buyer")).id();
	}

	@Test
	void aContractWithoutNumberDrawsTheNextOfItsYearAndKeepsItsPlan() {
		Response first = create(this.kam, this.account, null, "90000", plan(this.today.plusDays(30), "30000",
				this.today.plusDays(60), "30000", this.today.plusDays(90), "30000"))
			.expect(201);
		Response second = create(this.kam, this.account, null, "1000", List.of()).expect(201);
		int year = this.today.getYear();
		assertThat(first.text("number")).matches("HT-" + year + "-\\d{5}");
		int firstSeq = Integer.parseInt(first.text("number").substring(8));
		assertThat(second.text("number")).isEqualTo("HT-%d-%05d".formatted(year, firstSeq + 1));
		assertThat(first.text("status")).isEqualTo("DRAFT");
		assertThat(first.text("owner")).isEqualTo(this.kam);

		List<JsonNode> plan = this.api.get(this.kam, "/api/v1/contracts/" + first.id() + "/instalments")
			.expect(200)
			.items();
		assertThat(plan).extracting((i) -> i.get("dueDate").asString())
			.containsExactly(this.today.plusDays(30).toString(), this.today.plusDays(60).toString(),
					this.today.plusDays(90).toString());
		assertThat(new BigDecimal(first.text("planned"))).isEqualByComparingTo("90000");
		assertThat(this.jdbc.sql("select count(*) from audit_log where entity_type = 'Contract' and entity_id = :id")
			.param("id", first.id())
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	void contractsSignedAtOnceDrawDistinctNumbers() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Response>> created = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				created.add(pool.submit(() -> create(this.kam, this.account, null, "100", List.of())));
			}
			Set<String> numbers = new HashSet<>();
			for (Future<Response> response : created) {
				numbers.add(response.get().expect(201).text("number"));
			}
			assertThat(numbers).hasSize(8);
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void instalmentsThatDoNotAddUpAreRefusedAndNothingIsSaved() {
		long before = contractsOf(this.account);
		Response refused = create(this.kam, this.account, null, "90000",
				plan(this.today.plusDays(30), "30000", this.today.plusDays(60), "30000"))
			.expect(400);
		assertThat(refused.errorFields()).containsExactly("instalments");
		assertThat(refused.text()).contains("60000").contains("90000");
		assertThat(contractsOf(this.account)).isEqualTo(before);
	}

	@Test
	void aGivenNumberIsKeptAndCannotBeTakenTwice() {
		String number = Fixtures.unique("K");
		assertThat(create(this.kam, this.account, number, "500", List.of()).expect(201).text("number"))
			.isEqualTo(number);
		assertThat(create(this.kam, this.account, number, "500", List.of()).expect(400).errorFields())
			.containsExactly("number");
	}

	@Test
	void badInputNamesItsFields() {
		Response refused = this.api
			.post(this.kam, "/api/v1/contracts", json("accountId", this.account, "amount", "-5", "signedDate", null))
			.expect(400);
		assertThat(refused.errorFields()).contains("amount", "signedDate");
		Response lines = this.api
			.post(this.kam, "/api/v1/contracts",
					json("accountId", this.account, "amount", "100", "signedDate", this.today.toString(), "lines",
							List.of(json("description", "Service", "amount", "60"))))
			.expect(400);
		assertThat(lines.errorFields()).containsExactly("lines");
	}

	@Test
	void receiptsPayTheOldestInstalmentsFirstAndAnOverPaymentIsCredit() {
		long id = activeContract("90000", plan(this.today.minusDays(40), "30000", this.today.minusDays(10), "30000",
				this.today.plusDays(20), "30000"));
		Response partial = receipt(this.kam, id, "20000").expect(201);
		assertThat(partial.body().get("allocations")).hasSize(1);
		assertThat(new BigDecimal(partial.body().get("allocations").get(0).get("amount").asString()))
			.isEqualByComparingTo("20000");

		// 20,000 more: 10,000 finishes the first, 10,000 goes to the second.
		Response covering = receipt(this.kam, id, "20000").expect(201);
		assertThat(covering.body().get("allocations")).extracting((a) -> a.get("dueDate").asString())
			.containsExactly(this.today.minusDays(40).toString(), this.today.minusDays(10).toString());

		// 55,000 more, 50,000 owed: 5,000 is credit on the account.
		Response over = receipt(this.kam, id, "55000").expect(201);
		assertThat(new BigDecimal(over.text("credit"))).isEqualByComparingTo("5000");

		List<JsonNode> plan = this.api.get(this.kam, "/api/v1/contracts/" + id + "/instalments").expect(200).items();
		assertThat(plan)
			.allSatisfy((instalment) -> assertThat(new BigDecimal(instalment.get("outstanding").asString())).isZero());
		Response receivables = this.api.get(this.kam, "/api/v1/accounts/" + this.account + "/receivables").expect(200);
		assertThat(new BigDecimal(receivables.text("credit"))).isEqualByComparingTo("5000");
		Response contract = this.api.get(this.kam, "/api/v1/contracts/" + id).expect(200);
		assertThat(new BigDecimal(contract.text("received"))).isEqualByComparingTo("95000");
	}

	@Test
	void aReceiptIsReallocatedByHandAndTheRestBecomesCredit() {
		long id = activeContract("3000", plan(this.today.minusDays(20), "1000", this.today.minusDays(10), "1000",
				this.today.plusDays(10), "1000"));
		Response receipt = receipt(this.kam, id, "1500").expect(201);
		List<JsonNode> plan = this.api.get(this.kam, "/api/v1/contracts/" + id + "/instalments").expect(200).items();
		long last = plan.get(2).get("id").asLong();
		Response moved = this.api
			.put(this.kam, "/api/v1/receipts/" + receipt.id() + "/allocations",
					json("allocations", List.of(json("instalmentId", last, "amount", "1000"))))
			.expect(200);
		assertThat(moved.body().get("allocations")).hasSize(1);
		assertThat(new BigDecimal(moved.text("credit"))).isEqualByComparingTo("500");
		plan = this.api.get(this.kam, "/api/v1/contracts/" + id + "/instalments").expect(200).items();
		assertThat(plan).extracting((i) -> new BigDecimal(i.get("outstanding").asString()).intValue())
			.containsExactly(1000, 1000, 0);

		Response tooMuch = this.api
			.put(this.kam, "/api/v1/receipts/" + receipt.id() + "/allocations",
					json("allocations", List.of(json("instalmentId", last, "amount", "1001"))))
			.expect(400);
		assertThat(tooMuch.errorFields()).containsExactly("allocations");
	}

	@Test
	void aNegativeReceiptOrOneOnAnotherKamsContractIsRefusedAndNothingIsSaved() {
		long id = activeContract("1000", plan(this.today.plusDays(10), "1000"));
		long before = receiptsOf(id);
		assertThat(receipt(this.kam, id, "-1").expect(400).errorFields()).containsExactly("amount");
		receipt(this.otherKam, id, "100").expect(404);
		this.api.get(this.otherKam, "/api/v1/contracts/" + id).expect(404);
		this.api.get(this.otherKam, "/api/v1/accounts/" + this.account + "/receivables").expect(404);
		create(this.otherKam, this.account, null, "100", List.of()).expect(404);
		assertThat(this.api.get(this.otherKam, "/api/v1/contracts?accountId=" + this.account).expect(200).items())
			.isEmpty();
		assertThat(
				this.api
					.post(this.kam, "/api/v1/receipts",
							json("contractId", id, "date", this.today.plusDays(1).toString(), "amount", "10", "method",
									"CASH"))
					.expect(400)
					.errorFields())
			.containsExactly("date");
		assertThat(receiptsOf(id)).isEqualTo(before);
	}

	@Test
	void aStaleVersionIsAConflictAndStatusStepsAreGuarded() {
		Response created = create(this.kam, this.account, null, "1000", List.of()).expect(201);
		long id = created.id();
		Response active = this.api
			.post(this.kam, "/api/v1/contracts/" + id + "/activate", json("version", created.version()))
			.expect(200);
		assertThat(active.text("status")).isEqualTo("ACTIVE");
		this.api
			.post(this.kam, "/api/v1/contracts/" + id + "/terminate", json("version", created.version(), "reason", "x"))
			.expect(409);
		assertThat(this.api.post(this.kam, "/api/v1/contracts/" + id + "/activate", json("version", active.version()))
			.expect(409)
			.text("contractStatus")).isEqualTo("ACTIVE");
		assertThat(this.api
			.post(this.kam, "/api/v1/contracts/" + id + "/terminate", json("version", active.version(), "reason", " "))
			.expect(400)
			.errorFields()).containsExactly("reason");
		Response ended = this.api
			.post(this.kam, "/api/v1/contracts/" + id + "/terminate",
					json("version", active.version(), "reason", "Customer closed the plant"))
			.expect(200);
		assertThat(ended.text("status")).isEqualTo("TERMINATED");
		assertThat(ended.text("terminationReason")).isEqualTo("Customer closed the plant");
	}

	@Test
	void aWonOpportunityBecomesADraftContractInOneStep() {
		long product = this.api.post(Api.ADMIN, "/api/v1/products", json("name", Fixtures.unique("Press")))
			.expect(201)
			.id();
		Response opened = this.api
			.post(this.kam, "/api/v1/opportunities",
					json("accountId", this.account, "name", "Presses", "amount", "48000", "productIds",
							List.of(product)))
			.expect(201);
		this.api.post(this.kam, "/api/v1/opportunities/" + opened.id() + "/contract", null).expect(400);
		this.api
			.post(this.kam, "/api/v1/opportunities/" + opened.id() + "/win",
					json("amount", "48000", "closeDate", this.today.toString(), "version", opened.version()))
			.expect(200);
		this.api.post(this.otherKam, "/api/v1/opportunities/" + opened.id() + "/contract", null).expect(404);

		Response contract = this.api.post(this.kam, "/api/v1/opportunities/" + opened.id() + "/contract", null)
			.expect(201);
		assertThat(contract.body().get("accountId").asLong()).isEqualTo(this.account);
		assertThat(contract.body().get("opportunityId").asLong()).isEqualTo(opened.id());
		assertThat(new BigDecimal(contract.text("amount"))).isEqualByComparingTo("48000");
		assertThat(contract.text("signedDate")).isEqualTo(this.today.toString());
		assertThat(contract.body().get("lines").get(0).get("productId").asLong()).isEqualTo(product);
		assertThat(contract.text("status")).isEqualTo("DRAFT");
	}

	@Test
	void receivablesAreAgedAndTheAccountsPaymentRecordComputed() {
		// Due 10, 45, 75 and 120 days ago and in 5 days, 1,000 each; 400 paid today on
		// the oldest.
		long id = activeContract("5000", plan(this.today.minusDays(120), "1000", this.today.minusDays(75), "1000",
				this.today.minusDays(45), "1000", this.today.minusDays(10), "1000", this.today.plusDays(5), "1000"));
		receipt(this.kam, id, "400").expect(201);

		Response receivables = this.api.get(this.kam, "/api/v1/accounts/" + this.account + "/receivables").expect(200);
		JsonNode aging = receivables.body().get("aging");
		assertThat(amount(aging, "notDue")).isEqualByComparingTo("1000");
		assertThat(amount(aging, "days1to30")).isEqualByComparingTo("1000");
		assertThat(amount(aging, "days31to60")).isEqualByComparingTo("1000");
		assertThat(amount(aging, "days61to90")).isEqualByComparingTo("1000");
		assertThat(amount(aging, "over90")).isEqualByComparingTo("600");
		// Nothing was paid by its due date; days late (120 + 75 + 45 + 10) / 4 = 62.5.
		assertThat(new BigDecimal(receivables.text("onTimeRate"))).isEqualByComparingTo("0");
		assertThat(new BigDecimal(receivables.text("weightedDaysOverdue"))).isEqualByComparingTo("62.5");
		assertThat(receivables.body().get("defaults").asInt()).isZero();

		Map<Long, JsonNode> byAccount = new java.util.HashMap<>();
		this.api.get(this.kam, "/api/v1/receivables/aging?scope=ACCOUNT")
			.expect(200)
			.items()
			.forEach((row) -> byAccount.put(row.get("id").asLong(), row));
		assertThat(byAccount).containsOnlyKeys(this.account);
		assertThat(amount(byAccount.get(this.account).get("aging"), "over90")).isEqualByComparingTo("600");
		assertThat(this.api.get(this.otherKam, "/api/v1/receivables/aging?scope=OWNER").expect(200).items()).isEmpty();

		// Writing off the oldest takes it out of the aging and counts as a default.
		long oldest = this.api.get(this.kam, "/api/v1/contracts/" + id + "/instalments")
			.expect(200)
			.items()
			.get(0)
			.get("id")
			.asLong();
		this.api
			.post(this.kam, "/api/v1/contracts/" + id + "/instalments/" + oldest + "/write-off",
					json("version", this.api.version(this.kam, "/api/v1/contracts/" + id)))
			.expect(200);
		receivables = this.api.get(this.kam, "/api/v1/accounts/" + this.account + "/receivables").expect(200);
		assertThat(amount(receivables.body().get("aging"), "over90")).isZero();
		assertThat(receivables.body().get("defaults").asInt()).isEqualTo(1);
		Response overdue = this.api.get(this.kam, "/api/v1/contracts?overdue=true&accountId=" + this.account)
			.expect(200);
		assertThat(overdue.ids()).containsExactly(id);
	}

	@Test
	void aPlanWithReceiptsCannotBeReplacedButAnUnpaidOneCan() {
		long id = activeContract("2000", plan(this.today.plusDays(10), "2000"));
		int version = this.api.version(this.kam, "/api/v1/contracts/" + id);
		List<JsonNode> replaced = this.api
			.put(this.kam, "/api/v1/contracts/" + id + "/instalments",
					json("version", version, "instalments",
							plan(this.today.plusDays(10), "1000", this.today.plusDays(40), "1000")))
			.expect(200)
			.items();
		assertThat(replaced).hasSize(2);
		this.api
			.put(this.kam, "/api/v1/contracts/" + id + "/instalments",
					json("version", version, "instalments", plan(this.today.plusDays(10), "2000")))
			.expect(409);
		receipt(this.kam, id, "10").expect(201);
		assertThat(this.api
			.put(this.kam, "/api/v1/contracts/" + id + "/instalments",
					json("version", this.api.version(this.kam, "/api/v1/contracts/" + id), "instalments",
							plan(this.today.plusDays(10), "2000")))
			.expect(400)
			.errorFields()).containsExactly("instalments");
	}

	@Test
	void thePagesShowTheContractItsPlanReceiptsAgingAndTheDataCard() {
		long id = activeContract("3000", plan(this.today.minusDays(40), "1000", this.today.plusDays(10), "2000"));
		receipt(this.kam, id, "400").expect(201);
		String number = this.api.get(this.kam, "/api/v1/contracts/" + id).expect(200).text("number");

		String contract = this.api.page(this.kam, "/contracts/" + id).expect(200).text();
		assertThat(contract).contains(number).contains("plan-table").contains("receipt-form").contains("400.00");
		assertThat(this.api.page(this.kam, "/contracts?overdue=true").expect(200).text()).contains(number);
		assertThat(this.api.page(this.kam, "/contracts?status=DRAFT").expect(200).text()).doesNotContain(number);
		String card = this.api.page(this.kam, "/accounts/" + this.account + "/contracts-section").expect(200).text();
		// 600 of the first instalment is 31–60 days overdue.
		assertThat(card).contains("card-overdue").contains("600.00").contains(number);
		assertThat(this.api.page(this.kam, "/receivables/aging?by=TEAM").expect(200).text()).contains("aging-table");
		assertThat(this.api.page(this.kam, "/contracts/new?accountId=" + this.account).expect(200).text())
			.contains("contract-form");
		this.api.page(this.otherKam, "/contracts/" + id).expect(404);
		this.api.page(this.otherKam, "/accounts/" + this.account + "/contracts-section").expect(404);
	}

	@Test
	void overTheCreditLimitByOneCentAManagerConfirmsTheContractWithAReason() {
		String manager = this.given.manager();
		String kam = this.given.kam(this.given.team(manager), null);
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Limited buyer")).id();
		String quarter = this.today.getYear() + "-Q" + ((this.today.getMonthValue() - 1) / 3 + 1);
		Response rating = this.api
			.post(kam, "/api/v1/accounts/" + account + "/credit-ratings",
					json("quarter", quarter, "inputs", Map.of("2", 4)))
			.expect(201);
		this.api
			.post(manager, "/api/v1/credit-ratings/" + rating.id() + "/accept",
					json("version", rating.version(), "limit", "10000", "termsDays", 30, "note", "Known payer"))
			.expect(200);
		LocalDate due = this.today.plusDays(30);

		// 6 000 owed, then 4 000 more: exactly the limit of 10 000 still passes.
		activate(kam, create(kam, account, null, "6000", plan(due, "6000")).expect(201)).expect(200);
		Response second = create(kam, account, null, "4000", plan(due, "4000")).expect(201);
		Response exactly = this.api.get(kam, "/api/v1/contracts/" + second.id() + "/credit").expect(200);
		assertThat(new BigDecimal(exactly.text("openReceivables"))).isEqualByComparingTo("6000");
		assertThat(new BigDecimal(exactly.text("contractUnpaid"))).isEqualByComparingTo("4000");
		activate(kam, second).expect(200);

		// One cent more: 6 000 + 4 000 + 0.01 = 10 000.01 needs a manager.
		Response third = create(kam, account, null, "0.01", plan(due, "0.01")).expect(201);
		String page = this.api.page(kam, "/contracts/" + third.id()).expect(200).text();
		assertThat(page).contains("contract-over-limit")
			.contains("request-approval-form")
			.doesNotContain("contract-activate");
		Response refused = activate(kam, third).expect(400);
		assertThat(refused.errorFields()).containsExactly("amount");
		assertThat(refused.body().get("errors").get(0).get("message").asString()).contains("10000.01")
			.contains("10000.00");
		Response unchanged = this.api.get(kam, "/api/v1/contracts/" + third.id()).expect(200);
		assertThat(unchanged.text("status")).isEqualTo("DRAFT");
		assertThat(unchanged.version()).isEqualTo(third.version());

		String approve = "/api/v1/contracts/" + third.id() + "/approve";
		this.api.post(kam, approve, json("version", third.version(), "reason", "I say so")).expect(403);
		this.api.post(this.otherKam, approve, json("version", third.version(), "reason", "x")).expect(404);
		Response held = this.api
			.post(kam, "/api/v1/contracts/" + third.id() + "/request-approval", json("version", third.version()))
			.expect(200);
		assertThat(held.text("status")).isEqualTo("AWAITING_APPROVAL");
		assertThat(activate(kam, held).expect(400).errorFields()).containsExactly("amount");
		assertThat(this.api.page(manager, "/contracts/" + third.id()).expect(200).text()).contains("approve-form");
		assertThat(this.api.post(manager, approve, json("version", held.version(), "reason", " "))
			.expect(400)
			.errorFields()).containsExactly("reason");
		Response approved = this.api
			.post(manager, approve, json("version", held.version(), "reason", "Parent company guarantees it"))
			.expect(200);
		assertThat(approved.text("status")).isEqualTo("ACTIVE");
		List<Map<String, Object>> audit = this.jdbc
			.sql("select actor, field, new_value from audit_log where entity_type = 'Contract' and entity_id = :id"
					+ " and field in ('creditApproval', 'creditUsed', 'creditLimit') order by field")
			.param("id", third.id())
			.query()
			.listOfRows();
		assertThat(audit).extracting((row) -> row.get("new_value"))
			.containsExactly("Parent company guarantees it", "10000.00", "10000.01");
		assertThat(audit).allSatisfy((row) -> assertThat(row.get("actor")).isEqualTo(manager));

		// The account's part of the data card: all three owed against the limit.
		String card = this.api.page(kam, "/accounts/" + account + "/contracts-section").expect(200).text();
		assertThat(card).contains("card-credit-use").contains("10,000.01").contains("10,000.00");
	}

	private Response activate(String user, Response contract) {
		return this.api.post(user, "/api/v1/contracts/" + contract.id() + "/activate",
				json("version", contract.version()));
	}

	private long activeContract(String amount, List<Map<String, Object>> plan) {
		return this.steps.activeContract(this.kam, this.account, amount, plan);
	}

	private Response create(String user, long account, String number, String amount, List<Map<String, Object>> plan) {
		return this.steps.create(user, account, number, amount, plan);
	}

	private Response receipt(String user, long contract, String amount) {
		return this.steps.receipt(user, contract, amount);
	}

	private static BigDecimal amount(JsonNode node, String field) {
		return new BigDecimal(node.get(field).asString());
	}

	private long contractsOf(long account) {
		return this.jdbc.sql("select count(*) from contract where account_id = :a")
			.param("a", account)
			.query(Long.class)
			.single();
	}

	private long receiptsOf(long contract) {
		return this.jdbc.sql("select count(*) from receipt where contract_id = :c")
			.param("c", contract)
			.query(Long.class)
			.single();
	}

}
