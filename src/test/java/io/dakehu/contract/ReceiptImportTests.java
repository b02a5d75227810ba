package io.dakehu.contract;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.dakehu.dataimport.ImportJobView;
import io.dakehu.dataimport.ImportJobs;
import io.dakehu.dataimport.ImportRequest;
import io.dakehu.dataimport.ImportStatus;
import io.dakehu.dataimport.ImportType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static io.dakehu.contract.ContractSteps.plan;
import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receipts (回款) imported from an ERP file through the importer: every row or none, each
 * bad cell named by its line and column, a contract outside the user's scope read as
 * unknown, and the imported money allocated to the instalments oldest due first, as the
 * test works it out from the plan.
 */
abstract class ReceiptImportTests extends ApiTestSupport {

	@Autowired
	private Clock clock;

	/** The application's today, read before each test: a run may cross midnight. */
	private LocalDate today;

	@Autowired
	private ImportJobs imports;

	@Autowired
	private Users users;

	/** Rows the imports check and write together: a long file is one longer than this. */
	@Value("${dakehu.imports.chunk-rows}")
	private int chunkRows;

	private String kam;

	private String otherKam;

	private long account;

	@BeforeEach
	void people() {
		this.today = LocalDate.now(this.clock);
		this.kam = this.given.kam();
		this.otherKam = this.given.kam();
		this.account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Payer")).id();
	}

	@Test
	void aFileWithABadRowStoresNothingAndNamesEachBadCell() {
		String active = number(activeContract("90000", plan(this.today.minusDays(40), "30000", this.today.minusDays(10),
				"30000", this.today.plusDays(20), "30000")));
		String draft = new ContractSteps(this.api, this.today).create(this.kam, this.account, null, "1000", List.of())
			.expect(201)
			.text("number");
		String bad = """
				合同编号,回款日期,回款金额,回款方式,银行流水号
				%1$s,%3$s,1000,银行转账,B-1
				HT-NOT-A-CONTRACT,%3$s,1000,银行转账,B-2
				%2$s,%3$s,1000,银行转账,B-3
				%1$s,%4$s,1000,银行转账,B-4
				%1$s,%3$s,-5,现金,B-5
				%1$s,%3$s,1000,比特币,B-6
				%1$s,,1000,支票,B-7
				""".formatted(active, draft, this.today, this.today.plusDays(1));
		ImportJobView refused = run(this.kam, bad);
		assertThat(refused.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(refused.errors())
			.extracting(ImportJobView.Error::row, ImportJobView.Error::column, ImportJobView.Error::code)
			.containsExactly(Tuple.tuple(3L, "合同编号", "import.unknownContract"),
					Tuple.tuple(4L, "合同编号", "import.draftContract"),
					Tuple.tuple(5L, "回款日期", "validation.contract.receiptInFuture"),
					Tuple.tuple(6L, "回款金额", "import.notPositive"),
					Tuple.tuple(7L, "回款方式", "import.unknownPaymentMethod"), Tuple.tuple(8L, "回款日期", "import.required"));
		assertThat(receiptsOn(this.account)).isZero();
	}

	@Test
	void importedReceiptsPayTheOldestInstalmentsFirst() {
		List<Map<String, Object>> plan = plan(this.today.minusDays(40), "30000", this.today.minusDays(10), "30000",
				this.today.plusDays(20), "30000");
		long contract = activeContract("90000", plan);
		String[] amounts = { "45000.00", "20000.50" };
		String file = """
				contract number,date received,amount,payment method,reference
				%1$s,%2$s,%3$s,Bank transfer,ERP-1
				%1$s,%2$s,%4$s,银行承兑汇票,ERP-2
				""".formatted(number(contract), this.today.minusDays(1), amounts[0], amounts[1]);
		ImportJobView stored = run(this.kam, file);
		assertThat(stored.status()).as(stored.toString()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(stored.committedRows()).isEqualTo(2);

		// Oldest due first: what each instalment holds once the receipts are poured in.
		BigDecimal left = new BigDecimal(amounts[0]).add(new BigDecimal(amounts[1]));
		List<BigDecimal> expectedPaid = new ArrayList<>();
		for (Map<String, Object> instalment : plan) {
			BigDecimal due = new BigDecimal(instalment.get("amount").toString());
			BigDecimal paid = left.min(due);
			expectedPaid.add(paid);
			left = left.subtract(paid);
		}
		List<JsonNode> instalments = this.api.get(this.kam, "/api/v1/contracts/" + contract + "/instalments")
			.expect(200)
			.items();
		assertThat(instalments).extracting((i) -> new BigDecimal(i.get("paid").asString()))
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactlyElementsOf(expectedPaid);
		assertThat(this.jdbc.sql("select method from receipt where contract_id = :c order by amount desc")
			.param("c", contract)
			.query(String.class)
			.list()).containsExactly("BANK_TRANSFER", "ACCEPTANCE_BILL");
	}

	@Test
	void anotherKamsContractReadsAsUnknown() {
		String active = number(activeContract("5000", plan(this.today.plusDays(30), "5000")));
		ImportJobView outside = run(this.otherKam,
				"contract,date,amount,method\n" + active + "," + this.today + ",100,CASH\n");
		assertThat(outside.errors()).extracting(ImportJobView.Error::code).containsExactly("import.unknownContract");
		assertThat(receiptsOn(this.account)).isZero();
	}

	/**
	 * A file longer than one chunk of the importer, over contracts whose plans are typed
	 * in out of date order and with two instalments due the same day: each receipt pays,
	 * in file order, what the receipts before it left owing, oldest due first (ties in
	 * the order of entry), and what is left over is a credit.
	 */
	@Test
	void aLongFilePaysEachReceiptOutOfWhatTheReceiptsBeforeItLeftOwing() {
		Random random = new Random(15);
		// About 300 a receipt against 50,000 a contract: the file pays the three plans
		// off partway through, so its later receipts leave credits.
		int contractCount = 3;
		int rowCount = this.chunkRows + 300;
		List<String> numbers = new ArrayList<>();
		// Per contract, what each instalment still owes, in the order they are paid.
		List<List<long[]>> owed = new ArrayList<>();
		for (int c = 0; c < contractCount; c++) {
			List<Map<String, Object>> plan = plan(this.today.plusDays(30), "20000", this.today.minusDays(60), "15000",
					this.today.minusDays(10), "5000", this.today.minusDays(10), "10000");
			long contract = activeContract("50000", plan);
			numbers.add(number(contract));
			List<JsonNode> instalments = this.api.get(this.kam, "/api/v1/contracts/" + contract + "/instalments")
				.expect(200)
				.items();
			// The plan's instalment ids follow the order of entry; sorting by due date
			// and then by id is the order money pays them in.
			List<long[]> open = new ArrayList<>();
			for (JsonNode instalment : instalments) {
				open.add(new long[] { instalment.get("id").asLong(),
						LocalDate.parse(instalment.get("dueDate").asString()).toEpochDay(),
						new BigDecimal(instalment.get("amount").asString()).movePointRight(2).longValueExact() });
			}
			open.sort(Comparator.<long[]>comparingLong((i) -> i[1]).thenComparingLong((i) -> i[0]));
			owed.add(open);
		}
		StringBuilder file = new StringBuilder("合同编号,回款日期,回款金额,回款方式,银行流水号\n");
		Map<String, List<String>> expected = new HashMap<>();
		Map<String, Long> expectedCredit = new HashMap<>();
		long total = 0;
		for (int r = 0; r < rowCount; r++) {
			int c = random.nextInt(contractCount);
			long cents = 100 + random.nextInt(60_000);
			total += cents;
			String reference = "L-" + r;
			file.append(numbers.get(c))
				.append(',')
				.append(this.today.minusDays(random.nextInt(90)))
				.append(',')
				.append(BigDecimal.valueOf(cents, 2).toPlainString())
				.append(",银行转账,")
				.append(reference)
				.append('\n');
			long left = cents;
			List<String> shares = new ArrayList<>();
			for (long[] instalment : owed.get(c)) {
				long paid = Math.min(left, instalment[2]);
				if (paid > 0) {
					shares.add(instalment[0] + ":" + BigDecimal.valueOf(paid, 2).toPlainString());
					instalment[2] -= paid;
					left -= paid;
				}
			}
			expected.put(reference, shares);
			expectedCredit.put(reference, left);
		}
		assertThat(expectedCredit.values()).as("the file leaves credits").anyMatch((left) -> left > 0);
		ImportJobView stored = run(this.kam, file.toString());
		assertThat(stored.status()).as(stored.toString()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(stored.committedRows()).isEqualTo(rowCount);
		assertThat(this.jdbc.sql("select sum(amount) from receipt where account_id = :a")
			.param("a", this.account)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo(BigDecimal.valueOf(total, 2));

		Map<String, List<String>> allocated = new HashMap<>();
		Map<String, Long> credit = new HashMap<>();
		this.jdbc.sql("""
				select r.reference, r.amount, a.instalment_id, a.amount
				from receipt r left join receipt_allocation a on a.receipt_id = r.id
				where r.account_id = :a order by r.reference, a.instalment_id""")
			.param("a", this.account)
			.query((rs, n) -> {
				String reference = rs.getString(1);
				List<String> shares = allocated.computeIfAbsent(reference, (k) -> new ArrayList<>());
				long amount = rs.getBigDecimal(2).movePointRight(2).longValueExact();
				credit.putIfAbsent(reference, amount);
				if (rs.getBigDecimal(4) != null) {
					shares.add(rs.getLong(3) + ":" + rs.getBigDecimal(4).setScale(2).toPlainString());
					credit.merge(reference, -rs.getBigDecimal(4).movePointRight(2).longValueExact(), Long::sum);
				}
				return reference;
			})
			.list();
		// Shares are compared as sets of "instalment:amount": the order within a receipt
		// is the due order, which the query cannot sort by.
		assertThat(allocated.keySet()).isEqualTo(expected.keySet());
		expected.forEach((reference, shares) -> assertThat(allocated.get(reference)).as(reference)
			.containsExactlyInAnyOrderElementsOf(shares));
		assertThat(credit).isEqualTo(expectedCredit);
	}

	@Test
	void aBadRowAfterTheFirstChunkRejectsTheWholeFile() {
		String active = number(activeContract("90000", plan(this.today.minusDays(40), "90000")));
		int rowCount = this.chunkRows + 200;
		StringBuilder file = new StringBuilder("contract,date,amount,method,reference\n");
		for (int r = 0; r < rowCount; r++) {
			String amount = (r == rowCount - 2) ? "12.345" : "10.00";
			file.append(active).append(',').append(this.today).append(',').append(amount).append(",CASH,R-").append(r);
			file.append('\n');
		}
		ImportJobView refused = run(this.kam, file.toString());
		assertThat(refused.status()).isEqualTo(ImportStatus.VALIDATED);
		// The header is line 1, so the row at index r is on line r + 2.
		assertThat(refused.errors()).extracting(ImportJobView.Error::row, ImportJobView.Error::column)
			.containsExactly(Tuple.tuple((long) rowCount, "amount"));
		assertThat(receiptsOn(this.account)).isZero();
	}

	/**
	 * What an instalment has paid is kept on it (decision 0040): after a typed-in
	 * receipt, an import, a re-allocation and a write-off it is what the test works out
	 * from the plan, and equal to the sum of the instalment's allocations.
	 */
	@Test
	void theKeptPaidAmountFollowsEveryChangeOfTheAllocations() {
		long contract = activeContract("3000", plan(this.today.minusDays(30), "1000", this.today.minusDays(10), "1000",
				this.today.plusDays(20), "1000"));
		List<Long> ids = this.api.get(this.kam, "/api/v1/contracts/" + contract + "/instalments")
			.expect(200)
			.items()
			.stream()
			.map((i) -> i.get("id").asLong())
			.toList();

		// 1,500 typed in: the oldest in full, 500 on the second.
		long typed = this.api
			.post(this.kam, "/api/v1/receipts",
					json("contractId", contract, "date", this.today.toString(), "amount", "1500", "method", "CASH"))
			.expect(201)
			.id();
		assertPaid(ids, "1000", "500", "0");

		// 700 imported: the second's last 500, then 200 on the third.
		ImportJobView stored = run(this.kam,
				"contract,date,amount,method\n" + number(contract) + "," + this.today + ",700,CASH\n");
		assertThat(stored.status()).as(stored.toString()).isEqualTo(ImportStatus.COMMITTED);
		assertPaid(ids, "1000", "1000", "200");

		// The typed receipt moved by hand: 300 on the first, the 800 the third still owes
		// without it; its other 400 is credit, and the second keeps only the import's
		// 500.
		this.api.put(this.kam, "/api/v1/receipts/" + typed + "/allocations", json("allocations", List
			.of(json("instalmentId", ids.get(0), "amount", "300"), json("instalmentId", ids.get(2), "amount", "800"))))
			.expect(200);
		assertPaid(ids, "300", "500", "1000");

		// A refused re-allocation changes nothing.
		this.api
			.put(this.kam, "/api/v1/receipts/" + typed + "/allocations",
					json("allocations", List.of(json("instalmentId", ids.get(1), "amount", "501"))))
			.expect(400);
		assertPaid(ids, "300", "500", "1000");

		// Writing the first off leaves what it was paid as it was.
		this.api
			.post(this.kam, "/api/v1/contracts/" + contract + "/instalments/" + ids.get(0) + "/write-off",
					json("version", this.api.version(this.kam, "/api/v1/contracts/" + contract)))
			.expect(200);
		assertPaid(ids, "300", "500", "1000");
	}

	private void assertPaid(List<Long> instalments, String... expected) {
		List<BigDecimal> kept = new ArrayList<>();
		List<BigDecimal> allocated = new ArrayList<>();
		for (long id : instalments) {
			kept.add(this.jdbc.sql("select paid from instalment where id = :id")
				.param("id", id)
				.query(BigDecimal.class)
				.single());
			allocated
				.add(this.jdbc.sql("select coalesce(sum(amount), 0) from receipt_allocation where instalment_id = :id")
					.param("id", id)
					.query(BigDecimal.class)
					.single());
		}
		List<BigDecimal> wanted = java.util.Arrays.stream(expected).map(BigDecimal::new).toList();
		assertThat(kept).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(wanted);
		assertThat(allocated).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(wanted);
	}

	// ------------------------------------------------------------------ helpers

	private ImportJobView run(String username, String csv) {
		long id = this.jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.single();
		CurrentUser editor = this.users.actingAs(id).orElseThrow();
		return this.imports.runNow(editor,
				new ImportRequest(ImportType.RECEIPTS, "receipts.csv", false, null, Fixtures.unique("erp"), null),
				new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "TEST", false);
	}

	private long activeContract(String amount, List<Map<String, Object>> plan) {
		return new ContractSteps(this.api, this.today).activeContract(this.kam, this.account, amount, plan);
	}

	private String number(long contract) {
		return this.api.get(this.kam, "/api/v1/contracts/" + contract).expect(200).text("number");
	}

	private long receiptsOn(long account) {
		return this.jdbc.sql("select count(*) from receipt where account_id = :a")
			.param("a", account)
			.query(Long.class)
			.single();
	}

}
