package io.dakehu.journey;

import java.time.Clock;
import java.time.LocalDate;

import io.dakehu.support.Api;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From a won deal to the money (回款) in Chinese, in a real browser: a KAM marks an
 * opportunity won, makes it a contract in one step, gives it a plan of three instalments
 * (the first already past due), activates it and records a partial receipt. The receipt
 * pays the oldest instalment first; what that instalment still owes shows 40 days overdue
 * in the aging report and on the account's data card, beside the contract and the
 * receipt.
 */
@JourneyTest
class ContractJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Test
	void aKamWinsADealMakesItAContractAndSeesThePartialReceiptInTheAgingInChinese() throws Exception {
		LocalDate today = LocalDate.now(this.clock);
		Api api = new Api(this.port);
		Fixtures given = new Fixtures(api);
		String kam = given.kam();
		String name = Fixtures.unique("苏州精密机械");
		long account = given.accountOwnedBy(kam, name).id();
		long deal = api
			.post(kam, "/api/v1/opportunities", Api.json("accountId", account, "name", Fixtures.unique("产线改造"),
					"amount", 80000, "owner", kam, "expectedCloseDate", today.plusDays(10).toString()))
			.expect(201)
			.id();

		try (Browser browser = Browser.open(this.port, "zh-CN")) {
			browser.login(kam, Api.USER_PASSWORD);
			browser.go("/opportunities/" + deal);
			browser.type(By.id("w-amount"), "90000");
			browser.click(By.id("win"));
			browser.waitForText(By.id("stage-badge"), "赢单");

			browser.click(By.id("make-contract"));
			browser.waitForText(By.id("contract-status"), "草稿");
			String number = browser.text(By.id("contract-number"));
			assertThat(browser.text(By.id("contract-amount"))).isEqualTo("90,000.00");
			browser.type(By.id("plan"),
					today.minusDays(40) + " 30000\n" + today.plusDays(20) + " 30000\n" + today.plusDays(50) + " 30000");
			browser.click(By.id("plan-save"));
			browser.waitForText(By.tagName("body"), "回款计划已保存。");
			assertThat(browser.driver().findElements(By.cssSelector("#plan-table tbody tr"))).hasSize(3);
			browser.click(By.id("contract-activate"));
			browser.waitForText(By.id("contract-status"), "执行中");

			// A partial receipt: 20,000 of the 30,000 due 40 days ago.
			browser.type(By.id("r-amount"), "20000");
			browser.choose(By.id("r-method"), "银行转账");
			browser.type(By.id("r-reference"), "ICBC-0001");
			browser.click(By.id("receipt-save"));
			browser.waitForText(By.tagName("body"), "回款已登记，并按到期先后冲抵各期。");
			assertThat(browser.text(By.id("contract-received"))).isEqualTo("20,000.00");
			WebElement first = browser.driver().findElement(By.cssSelector("#plan-table tbody tr:first-child"));
			assertThat(first.getText()).contains("20,000.00", "10,000.00", "逾期 31–60 天");

			browser.navigate("nav-contracts");
			browser.click(By.id("aging-link"));
			browser.waitForText(By.tagName("h1"), "应收款");
			assertThat(browser.text(By.id("report-aging"))).isEqualTo("应收账龄");
			WebElement row = browser.driver()
				.findElement(By.xpath("//table[@id='aging-table']//tr[.//a[normalize-space()='" + name + "']]"));
			// Not due 60,000; 31–60 days 10,000; total 70,000.
			assertThat(row.getText()).contains("60,000.00", "10,000.00", "70,000.00");

			browser.go("/accounts/" + account);
			browser.waitForText(By.id("card-overdue"), "10,000.00");
			assertThat(browser.text(By.id("card-contracts"))).contains(number, "20,000 / 90,000");
			assertThat(browser.text(By.id("card-receipts"))).contains(number, "20,000.00");
			assertThat(browser.text(By.id("card-instalments"))).contains(today.minusDays(40).toString(), "10,000.00");
		}
	}

}
