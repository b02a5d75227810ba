package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A won deal enters the ledger with the product's unit cost (DOMAIN.md §3.5), makes the
 * prospect a customer, and the account's totals say how many purchases have no cost.
 */
abstract class WonDealCostTests extends ApiTestSupport {

	@Test
	void aWonDealCarriesTheProductsUnitCostSoItsMarginIsAmountLessCost() {
		BigDecimal unitCost = new BigDecimal("600");
		BigDecimal amount = new BigDecimal("1000");
		long product = this.api
			.post(Api.ADMIN, "/api/v1/products", json("name", Fixtures.unique("Pump"), "unitCost", unitCost))
			.expect(201)
			.id();
		String kam = this.given.kam();
		long account = this.given.account(kam, json("name", Fixtures.unique("Pump buyer"))).id();
		Response opened = this.api
			.post(kam, "/api/v1/opportunities",
					json("accountId", account, "name", "Pumps", "amount", amount, "productIds", List.of(product)))
			.expect(201);

		this.api
			.post(kam, "/api/v1/opportunities/" + opened.id() + "/win",
					json("amount", amount, "closeDate", LocalDate.now(), "version", opened.version()))
			.expect(200);

		Response totals = this.api.get(kam, "/api/v1/accounts/" + account + "/purchases").expect(200);
		assertThat(new BigDecimal(totals.text("totalAmount"))).isEqualByComparingTo(amount);
		assertThat(new BigDecimal(totals.text("totalMargin"))).isEqualByComparingTo(amount.subtract(unitCost));
		assertThat(totals.body().get("linesWithoutCost").asLong()).isZero();
		assertThat(this.api.get(kam, "/api/v1/accounts/" + account).text("status")).isEqualTo("ACTIVE");

		// A purchase of something the catalogue has no cost for: the margin leaves it out
		// and says so.
		this.api.post(kam, "/api/v1/orders", json("accountId", account, "date", LocalDate.now(), "amount", 250))
			.expect(201);
		totals = this.api.get(kam, "/api/v1/accounts/" + account + "/purchases").expect(200);
		assertThat(new BigDecimal(totals.text("totalAmount"))).isEqualByComparingTo(amount.add(new BigDecimal(250)));
		assertThat(new BigDecimal(totals.text("totalMargin"))).isEqualByComparingTo(amount.subtract(unitCost));
		assertThat(totals.body().get("linesWithoutCost").asLong()).isEqualTo(1);
	}

	@Test
	void aTypedPurchaseOfSeveralUnitsTakesTheUnitCostTimesTheQuantity() {
		long product = this.api
			.post(Api.ADMIN, "/api/v1/products", json("name", Fixtures.unique("Valve"), "unitCost", "12.50"))
			.expect(201)
			.id();
		long account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Valve buyer")).id();
		Response line = this.api
			.post(Api.ADMIN, "/api/v1/orders",
					json("accountId", account, "date", LocalDate.now(), "productId", product, "quantity", 3, "amount",
							60))
			.expect(201);
		assertThat(new BigDecimal(line.text("cost")))
			.isEqualByComparingTo(new BigDecimal("12.50").multiply(BigDecimal.valueOf(3)));
		this.api
			.post(Api.ADMIN, "/api/v1/orders",
					json("accountId", account, "date", LocalDate.now(), "productId", 999_999_999, "amount", 1))
			.expect(400);
	}

	/**
	 * A list names each row's product: the purchase ledger and the opportunity list read
	 * the names of their page's products, and a row without one has none.
	 */
	@Test
	void listsNameTheProductOfEachRow() {
		String name = Fixtures.unique("Valve");
		long product = this.api.post(Api.ADMIN, "/api/v1/products", json("name", name, "unitCost", "2.00"))
			.expect(201)
			.id();
		long account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Valve buyer")).id();
		this.api
			.post(Api.ADMIN, "/api/v1/orders",
					json("accountId", account, "date", LocalDate.now(), "productId", product, "amount", 60))
			.expect(201);
		this.api.post(Api.ADMIN, "/api/v1/orders", json("accountId", account, "date", LocalDate.now(), "amount", 5))
			.expect(201);
		Response lines = this.api.get(Api.ADMIN, "/api/v1/orders?accountId=" + account).expect(200);
		assertThat(lines.items()).extracting((line) -> line.get("productName").asString(null))
			.containsExactlyInAnyOrder(name, null);
		this.api
			.post(Api.ADMIN, "/api/v1/opportunities",
					json("accountId", account, "name", "With product", "productIds", List.of(product)))
			.expect(201);
		this.api.post(Api.ADMIN, "/api/v1/opportunities", json("accountId", account, "name", "Without")).expect(201);
		Response deals = this.api.get(Api.ADMIN, "/api/v1/opportunities?accountId=" + account).expect(200);
		assertThat(deals.items())
			.extracting((deal) -> deal.get("name").asString() + ": " + deal.get("productName").asString(null))
			.containsExactlyInAnyOrder("With product: " + name, "Without: null");
	}

}
