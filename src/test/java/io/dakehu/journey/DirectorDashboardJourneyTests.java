package io.dakehu.journey;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.dakehu.order.NewOrderLine;
import io.dakehu.order.OrderLedger;
import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sales director's ten seconds: run segmentation for two half-years, see every chart of
 * the dashboard drawn with data, click the VIP layer of the pyramid and get exactly the
 * VIP accounts; then read the dashboard in Chinese.
 */
@JourneyTest
class DirectorDashboardJourneyTests extends ApiTestSupport {

	private static final List<String> CHARTS = List.of("chart-pyramid", "chart-pareto", "chart-abc",
			"chart-value-growth", "chart-migration", "chart-top", "chart-cost");

	@LocalServerPort
	int port;

	@Autowired
	OrderLedger ledger;

	@Test
	void dashboardDrawsEveryChartAndTheVipLayerListsTheVipAccounts() throws Exception {
		// A customer that buys a little and costs a lot: a cost driver in the second
		// half.
		long costly = this.given.account(Api.ADMIN, json("name", Fixtures.unique("Costly Trading"))).id();
		this.ledger.append(List.of(new NewOrderLine(costly, LocalDate.of(2017, 8, 1), null, BigDecimal.ONE,
				new BigDecimal("1000.00"), new BigDecimal("600.00"), null, "journey", Fixtures.unique("line"))));
		this.api
			.post(Api.ADMIN, "/api/v1/accounts/" + costly + "/activities",
					json("type", "VISIT", "occurredAt", "2017-09-01T10:00:00", "summary", "Trade fair stand", "cost",
							25000))
			.expect(201);

		try (Browser browser = Browser.open(this.port, "en-US")) {
			browser.login(Api.ADMIN, Api.ADMIN_PASSWORD);
			browser.navigate("nav-dashboard");
			runSegmentation(browser, "2017-01-01", "2017-06-30");
			runSegmentation(browser, "2017-07-01", "2017-12-31");
			String runId = browser.currentPath().replaceAll(".*run=(\\d+).*", "$1");
			assertThat(browser.text(By.id("run-caption"))).contains("2017-07-01").contains("2017-12-31");
			waitForCharts(browser);
			for (String chart : CHARTS) {
				assertThat(shapes(browser, chart)).as(chart).isGreaterThan(chart.equals("chart-cost") ? 0 : 3);
			}
			assertThat(browser.text(By.id("chart-cost"))).contains("Costly Trading");
			// The browser asks for less motion (Browser's
			// --force-prefers-reduced-motion), so every chart is drawn without its entry
			// animation.
			for (String chart : CHARTS) {
				assertThat(((JavascriptExecutor) browser.driver())
					.executeScript("return echarts.getInstanceByDom(document.getElementById(arguments[0]))"
							+ ".getOption().animation", chart))
					.as(chart + " animated")
					.isEqualTo(Boolean.FALSE);
			}
			assertThat(tooltipsFor(browser, "<img src=x onerror=window.__xss=1>")).as("tooltips of an evil name")
				.hasSize(4)
				.allSatisfy((html) -> assertThat(html).contains("&lt;img src=x onerror=window.__xss=1&gt;")
					.doesNotContain("<img"));

			JsonNode run = this.api.get(Api.ADMIN, "/api/v1/segmentation/runs/" + runId).expect(200).body();
			long vips = run.get("pyramid").get("VIP").asLong();
			assertThat(vips).isPositive();
			WebElement vipLayer = browser.driver()
				.findElements(By.cssSelector("#chart-pyramid svg text"))
				.stream()
				.filter((text) -> text.getText().startsWith("VIP"))
				.findFirst()
				.orElseThrow();
			vipLayer.click();
			browser.find(By.id("segment-table"));
			assertThat(browser.currentPath()).contains("tier=VIP").contains("run=" + runId);
			List<WebElement> rows = browser.driver().findElements(By.cssSelector("#segment-table tr.dk-segment-row"));
			assertThat(rows).hasSize((int) vips);
			assertThat(rows).allSatisfy((row) -> assertThat(row.getDomAttribute("data-tier")).isEqualTo("VIP"));
			Api.Response expected = this.api.get(Api.ADMIN,
					"/api/v1/segmentation/runs/" + runId + "/accounts?tier=VIP&size=50");
			assertThat(browser.text(By.id("segment-table")))
				.contains(expected.items().get(0).get("accountName").asString());

			// The VIP account's page shows its tier and service level; a manager pins
			// another account to B as strategic, and the pin shows with its reason in the
			// history.
			long vipId = expected.items().get(0).get("accountId").asLong();
			browser.go("/accounts/" + vipId);
			browser.waitForText(By.id("segmentation"), "Contact every");
			assertThat(browser.text(By.id("account-tier"))).isEqualTo("VIP");
			browser.go("/accounts/" + costly);
			browser.waitForText(By.id("segmentation"), "Strategic pin");
			browser.type(By.id("pin-reason"), "Opens the offshore wind market");
			browser.click(By.id("pin-submit"));
			browser.waitForText(By.id("strategic-pin"), "Opens the offshore wind market");
			browser.waitForText(By.id("history"), "Opens the offshore wind market");

			// Settings: a new cadence shows as the service level at once.
			browser.go("/admin/segmentation");
			browser.type(By.id("cadenceVip"), "10");
			browser.click(By.id("save-settings"));
			browser.waitForText(By.cssSelector("[role=status]"), "Saved");
			browser.go("/accounts/" + vipId);
			browser.waitForText(By.id("service-level"), "Contact every 10 days");
			browser.go("/admin/segmentation");
			browser.type(By.id("cadenceVip"), "14");
			browser.click(By.id("save-settings"));
			browser.waitForText(By.cssSelector("[role=status]"), "Saved");

			browser.go("/dashboard?run=" + runId + "&lang=zh_CN");
			waitForCharts(browser);
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("客户分级");
			assertThat(browser.text(By.id("chart-pyramid"))).contains("VIP客户").contains("小客户");
			assertThat(browser.text(By.id("chart-abc"))).contains("白金型");
			browser.go("/dashboard?lang=en");
		}
	}

	/**
	 * What the charts' own tooltip formatters make of an account called {@code name}: the
	 * HTML each tooltip would show.
	 */
	@SuppressWarnings("unchecked")
	private static List<String> tooltipsFor(Browser browser, String name) {
		return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript("""
				var name = arguments[0];
				function formatter(id) {
					return echarts.getInstanceByDom(document.getElementById(id)).getOption().tooltip[0].formatter;
				}
				return [
					formatter('chart-pyramid')({ data: { label: name, count: 1 } }),
					formatter('chart-value-growth')({ data: { name: name, value: [1, 0.1], isNew: false } }),
					formatter('chart-top')({ name: name, value: 1 }),
					formatter('chart-cost')({ name: name, value: 1 })
				];
				""", name);
	}

	private static void runSegmentation(Browser browser, String from, String to) {
		// A date input's keyboard format depends on the browser's locale; setting the
		// value is not.
		((JavascriptExecutor) browser.driver()).executeScript(
				"document.getElementById('from').value = arguments[0]; document.getElementById('to').value = arguments[1];",
				from, to);
		browser.choose(By.id("measure"), "REVENUE");
		browser.click(By.id("run-now"));
		browser.waitForText(By.id("run-caption"), from);
	}

	private static void waitForCharts(Browser browser) {
		new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(20))
			.until((driver) -> "true".equals(driver.findElement(By.id("dashboard")).getDomAttribute("data-rendered")));
	}

	private static int shapes(Browser browser, String chart) {
		return browser.driver().findElements(By.cssSelector("#" + chart + " svg path")).size();
	}

}
