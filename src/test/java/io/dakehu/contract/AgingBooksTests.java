package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * The aging report remembers each owner's book per day (decision 0058): every change to
 * what an account owes, and every move of an account between books, shows on the next
 * request of every reader — the account's new owner, its former owner and the company —
 * and an account is counted in one book only. Expected amounts come from the plans and
 * receipts the tests make, bucket by bucket.
 */
abstract class AgingBooksTests extends ApiTestSupport {

	@Autowired
	private Clock clock;

	@Autowired
	private ReceivableBooks books;

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
		this.account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Aged")).id();
	}

	@Test
	void everyChangeAndEveryMoveBetweenBooksShowsAtOnceForEveryReader() {
		// 1,000 due 100 days ago, 2,000 due 40 days ago, 3,000 due in 10 days.
		long contract = this.steps.activeContract(this.kam, this.account, "6000", plan(this.today.minusDays(100),
				"1000", this.today.minusDays(40), "2000", this.today.plusDays(10), "3000"));
		// notDue, 1–30, 31–60, 61–90, over 90
		assertAged(this.account, "3000", "0", "2000", "0", "1000");

		// 1,500 pays the oldest (1,000) and 500 of the next, oldest first.
		this.steps.receipt(this.kam, contract, "1500").expect(201);
		assertAged(this.account, "3000", "0", "1500", "0", "0");

		long second = this.api.get(this.kam, "/api/v1/contracts/" + contract + "/instalments")
			.expect(200)
			.items()
			.get(1)
			.get("id")
			.asLong();
		this.api
			.post(this.kam, "/api/v1/contracts/" + contract + "/instalments/" + second + "/write-off",
					json("version", this.api.version(this.kam, "/api/v1/contracts/" + contract)))
			.expect(200);
		assertAged(this.account, "3000", "0", "0", "0", "0");

		// Given to another KAM: it leaves the first KAM's book and enters the other's;
		// the company counts it once, and the contract's owner keeps its amount.
		Response details = this.api.get(Api.ADMIN, "/api/v1/accounts/" + this.account).expect(200);
		this.api
			.put(Api.ADMIN, "/api/v1/accounts/" + this.account,
					json("name", details.text("name"), "owner", this.otherKam, "version", details.version()))
			.expect(200);
		assertThat(byAccount(this.kam)).doesNotContainKey(this.account);
		assertThat(amounts(byAccount(this.otherKam).get(this.account)))
			.containsExactlyElementsOf(amounts("3000", "0", "0", "0", "0"));
		assertThat(amounts(byAccount(Api.ADMIN).get(this.account)))
			.containsExactlyElementsOf(amounts("3000", "0", "0", "0", "0"));
		assertThat(amounts(byOwner(Api.ADMIN).get(userId(this.kam))))
			.containsExactlyElementsOf(amounts("3000", "0", "0", "0", "0"));

		// Returned to the pool: nobody's book but the company's.
		this.api.post(this.otherKam, "/api/v1/accounts/" + this.account + "/return-to-pool", json("reason", "Paused"))
			.expect(200);
		assertThat(byAccount(this.otherKam)).doesNotContainKey(this.account);
		assertThat(amounts(byAccount(Api.ADMIN).get(this.account)))
			.containsExactlyElementsOf(amounts("3000", "0", "0", "0", "0"));

		// Claimed back. Then an account of the KAM's is merged into one of another KAM's
		// that has no contract yet: the survivor owes what the absorbed one owed, in its
		// owner's book.
		this.api.post(this.kam, "/api/v1/accounts/" + this.account + "/claim", json()).expect(200);
		assertAged(this.account, "3000", "0", "0", "0", "0");
		long absorbed = this.given.accountOwnedBy(this.kam, Fixtures.unique("Absorbed")).id();
		long survivor = this.given.accountOwnedBy(this.otherKam, Fixtures.unique("Survivor")).id();
		this.steps.activeContract(this.kam, absorbed, "500", plan(this.today.minusDays(20), "500"));
		assertThat(amounts(byAccount(this.kam).get(absorbed)))
			.containsExactlyElementsOf(amounts("0", "500", "0", "0", "0"));
		assertThat(byAccount(this.otherKam)).doesNotContainKey(survivor);
		this.api
			.post(Api.ADMIN, "/api/v1/accounts/" + absorbed + "/merge",
					json("into", survivor, "version", this.api.version(Api.ADMIN, "/api/v1/accounts/" + absorbed)))
			.expect(200);
		// The absorbed account's owner keeps the survivor through its account team.
		Map<Long, JsonNode> kams = byAccount(this.kam);
		assertThat(kams).doesNotContainKey(absorbed);
		assertThat(amounts(kams.get(survivor))).containsExactlyElementsOf(amounts("0", "500", "0", "0", "0"));
		assertThat(amounts(byAccount(this.otherKam).get(survivor)))
			.containsExactlyElementsOf(amounts("0", "500", "0", "0", "0"));
		Map<Long, JsonNode> company = byAccount(Api.ADMIN);
		assertThat(company).doesNotContainKey(absorbed);
		assertThat(amounts(company.get(survivor))).containsExactlyElementsOf(amounts("0", "500", "0", "0", "0"));
	}

	@Test
	void aBookIsRememberedUntilItsVersionMoves() {
		long contract = this.steps.activeContract(this.kam, this.account, "1000", plan(this.today.plusDays(5), "1000"));
		assertAged(this.account, "1000", "0", "0", "0", "0");
		try {
			// Written around the application: no version moves, so the book as remembered
			// is read, until the books are checked again.
			this.jdbc.sql("update instalment set paid = 400 where contract_id = :c").param("c", contract).update();
			assertThat(amounts(byAccount(this.kam).get(this.account)))
				.containsExactlyElementsOf(amounts("1000", "0", "0", "0", "0"));
			this.books.rebuild();
			assertAged(this.account, "600", "0", "0", "0", "0");
		}
		finally {
			this.jdbc.sql("update instalment set paid = 0 where contract_id = :c").param("c", contract).update();
			this.books.rebuild();
		}
		assertAged(this.account, "1000", "0", "0", "0", "0");
	}

	@Test
	void theReportIsPagedLargestFirstWithTheTotalOfEveryRow() {
		long second = this.given.accountOwnedBy(this.kam, Fixtures.unique("Aged second")).id();
		long third = this.given.accountOwnedBy(this.kam, Fixtures.unique("Aged third")).id();
		this.steps.activeContract(this.kam, this.account, "300", plan(this.today.plusDays(5), "300"));
		this.steps.activeContract(this.kam, second, "500", plan(this.today.minusDays(3), "500"));
		this.steps.activeContract(this.kam, third, "100", plan(this.today.minusDays(95), "100"));

		Response first = this.api.get(this.kam, "/api/v1/receivables/aging?scope=ACCOUNT&size=2").expect(200);
		assertThat(first.ids()).containsExactly(second, this.account);
		assertThat(first.body().get("totalElements").asLong()).isEqualTo(3);
		assertThat(first.body().get("totalPages").asInt()).isEqualTo(2);
		assertThat(amounts(first.body())).containsExactlyElementsOf(amounts("300", "500", "0", "0", "100"));
		Response last = this.api.get(this.kam, "/api/v1/receivables/aging?scope=ACCOUNT&size=2&page=1").expect(200);
		assertThat(last.ids()).containsExactly(third);
		assertThat(amounts(last.body())).containsExactlyElementsOf(amounts("300", "500", "0", "0", "100"));
		// Without a size, the screen's page of 50.
		assertThat(this.api.get(this.kam, "/api/v1/receivables/aging").expect(200).body().get("size").asInt())
			.isEqualTo(50);

		String page = this.api.page(this.kam, "/receivables/aging?by=ACCOUNT").expect(200).text();
		assertThat(page).contains("aging-total").contains("900.00");

		// A book keeps its accounts' names; renaming one shows at once.
		String renamed = Fixtures.unique("Renamed");
		Response details = this.api.get(Api.ADMIN, "/api/v1/accounts/" + second).expect(200);
		this.api
			.put(Api.ADMIN, "/api/v1/accounts/" + second,
					json("name", renamed, "owner", this.kam, "version", details.version()))
			.expect(200);
		assertThat(this.api.get(this.kam, "/api/v1/receivables/aging?scope=ACCOUNT&size=1").expect(200).names())
			.containsExactly(renamed);
	}

	/** The account's aging as its KAM and the company see it, read twice each. */
	private void assertAged(long account, String... expected) {
		for (int read = 0; read < 2; read++) {
			assertThat(amounts(byAccount(this.kam).get(account))).as("the KAM's")
				.containsExactlyElementsOf(amounts(expected));
			assertThat(amounts(byAccount(Api.ADMIN).get(account))).as("the company's")
				.containsExactlyElementsOf(amounts(expected));
		}
	}

	private Map<Long, JsonNode> byAccount(String user) {
		return rows(user, "ACCOUNT");
	}

	private Map<Long, JsonNode> byOwner(String user) {
		return rows(user, "OWNER");
	}

	/** Every row of the report, page by page. */
	private Map<Long, JsonNode> rows(String user, String scope) {
		Map<Long, JsonNode> rows = new java.util.HashMap<>();
		int pages = 1;
		for (int page = 0; page < pages; page++) {
			Response response = this.api
				.get(user, "/api/v1/receivables/aging?size=200&scope=" + scope + "&page=" + page)
				.expect(200);
			pages = response.body().get("totalPages").asInt();
			for (JsonNode row : response.items()) {
				assertThat(rows.put(row.get("id").asLong(), row)).as("counted once").isNull();
			}
		}
		return rows;
	}

	private long userId(String username) {
		return this.jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.single();
	}

	/** The five buckets of a row's aging, or of a report's total. */
	private static List<BigDecimal> amounts(JsonNode row) {
		assertThat(row).as("a row").isNotNull();
		JsonNode aging = row.has("aging") ? row.get("aging") : row.get("total");
		List<BigDecimal> amounts = new ArrayList<>();
		for (String bucket : List.of("notDue", "days1to30", "days31to60", "days61to90", "over90")) {
			amounts.add(new BigDecimal(aging.get(bucket).asString()).stripTrailingZeros());
		}
		return amounts;
	}

	private static List<BigDecimal> amounts(String... amounts) {
		return java.util.Arrays.stream(amounts).map((a) -> new BigDecimal(a).stripTrailingZeros()).toList();
	}

}
