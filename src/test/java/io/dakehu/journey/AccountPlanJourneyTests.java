package io.dakehu.journey;

import java.time.Clock;
import java.time.LocalDate;

import io.dakehu.support.Api;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key account plan in Chinese, in a real browser (DOMAIN.md §10.7): a KAM starts this
 * year's plan from the account page, fills the goals and the SWOT, sees the whitespace
 * matrix with the line the account bought and a line it did not, opens an opportunity
 * from the white cell (account and product already filled in), and finds the cell an open
 * opportunity when back on the plan; the account page shows the goals against the year's
 * purchases.
 */
@JourneyTest
class AccountPlanJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aKamFillsThePlanAndOpensAnOpportunityFromAWhiteCellInChinese() throws Exception {
		LocalDate today = LocalDate.now(this.clock);
		Api api = new Api(this.port);
		Fixtures given = new Fixtures(api);
		String kam = given.kam();
		String name = Fixtures.unique("无锡动力设备");
		long account = given.accountOwnedBy(kam, name).id();
		String boughtLine = Fixtures.unique("水泵");
		String whiteLine = Fixtures.unique("阀门");
		long pump = api
			.post(Api.ADMIN, "/api/v1/products", Api.json("name", Fixtures.unique("离心泵"), "productLine", boughtLine))
			.expect(201)
			.id();
		long valve = api
			.post(Api.ADMIN, "/api/v1/products", Api.json("name", Fixtures.unique("球阀"), "productLine", whiteLine))
			.expect(201)
			.id();
		api.post(Api.ADMIN, "/api/v1/orders",
				Api.json("accountId", account, "date", today.toString(), "productId", pump, "amount", 40000))
			.expect(201);
		long pumpLine = lineOf(pump);
		long valveLine = lineOf(valve);

		try (Browser browser = Browser.open(this.port, "zh-CN")) {
			browser.login(kam, Api.USER_PASSWORD);
			browser.go("/accounts/" + account);
			browser.waitForText(By.id("account-plan"), "尚无计划");
			browser.click(By.id("start-plan"));
			browser.waitForText(By.id("plan-title"), name);
			assertThat(browser.text(By.id("plan-completeness-percent"))).isEqualTo("已完成 0%");

			browser.type(By.id("revenueTarget"), "100000");
			browser.type(By.id("walletShareTarget"), "30");
			browser.choose(By.id("targetStage"), "高期阶段");
			browser.type(By.id("strengths"), "独家供应水泵\n售后响应快");
			browser.type(By.id("threats"), "竞争对手账期更长");
			browser.click(By.id("save-goals"));
			browser.waitForText(By.tagName("body"), "计划已保存。");
			// Goals (3 of 9) and two SWOT lists: 5 of 9 parts.
			assertThat(browser.text(By.id("plan-completeness-percent"))).isEqualTo("已完成 " + (5 * 100 / 9) + "%");
			assertThat(browser.text(By.id("plan-missing"))).contains("劣势", "机会", "行动", "回顾");

			String bought = "#whitespace-matrix tr[data-account='" + account + "'] td[data-line='" + pumpLine + "']";
			String white = "#whitespace-matrix tr[data-account='" + account + "'] td[data-line='" + valveLine + "']";
			assertThat(browser.find(By.cssSelector(bought)).getAttribute("data-state")).isEqualTo("BOUGHT");
			assertThat(browser.text(By.cssSelector(bought))).isEqualTo("40,000");
			assertThat(browser.find(By.cssSelector(white)).getAttribute("data-state")).isEqualTo("WHITE_SPACE");
			browser.click(By.cssSelector(white + " a"));
			browser.waitForText(By.tagName("h1"), "新建商机");
			assertThat(browser.find(By.id("accountId")).getAttribute("value")).isEqualTo(name);
			assertThat(browser.find(By.id("name")).getAttribute("value")).contains(name, whiteLine);
			browser.click(By.id("save-opportunity"));
			browser.waitForText(By.tagName("body"), "已保存。");

			browser.go("/accounts/" + account + "/plans/" + today.getYear());
			assertThat(browser.find(By.cssSelector(white)).getAttribute("data-state")).isEqualTo("OPEN_OPPORTUNITY");

			browser.go("/accounts/" + account);
			browser.waitForText(By.id("goal-revenue"), "40,000 / 目标 100,000");
			assertThat(browser.text(By.id("goal-revenue-percent"))).isEqualTo("完成目标的 40%");
			assertThat(browser.text(By.id("goal-stage-target"))).isEqualTo("高期阶段");
		}
	}

	/** The product line of a product, read where the catalogue keeps it. */
	private long lineOf(long product) {
		return this.jdbc.sql("select product_line_id from product where id = :id")
			.param("id", product)
			.query(Long.class)
			.single();
	}

}
