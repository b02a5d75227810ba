package io.dakehu.journey;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key account manager rates an account's credit in Chinese in a real browser, on a
 * phone's width as well: the grade and the suggested credit appear; their manager grants
 * it; the grade then stands on the account list and in the tier × grade heat map.
 */
@JourneyTest
class CreditRatingJourneyTests extends ApiTestSupport {

	/**
	 * The values of DOMAIN.md §5 with their points: 50 non-financial and 22 financial
	 * entered; the first purchase 10 days before the quarter gives #1 1 point, the
	 * unranked tier #15 none: 73, grade A, 15 % of 10 000 for 45 days.
	 */
	private static final Map<Integer, String> INPUTS = Map.ofEntries(Map.entry(2, "4"), Map.entry(3, "5"),
			Map.entry(4, "3"), Map.entry(5, "0"), Map.entry(6, "95"), Map.entry(7, "10"), Map.entry(8, "99"),
			Map.entry(9, "0"), Map.entry(10, "52.5"), Map.entry(11, "1.6"), Map.entry(12, "0.9"), Map.entry(13, "7"),
			Map.entry(14, "5"), Map.entry(16, "4"), Map.entry(17, "5"), Map.entry(18, "12"), Map.entry(19, "9"),
			Map.entry(20, "5"));

	@LocalServerPort
	int port;

	@Test
	void aKamRatesInChineseAManagerGrantsTheCreditAndTheGradeShowsOnTheList() throws Exception {
		String manager = this.given.manager();
		String kam = this.given.kam(this.given.team(manager), null);
		String name = "杭州西湖精密机械 " + Fixtures.unique("");
		long account = this.given.accountOwnedBy(kam, name).id();
		LocalDate today = LocalDate.now();
		LocalDate quarterStart = LocalDate.of(today.getYear(), ((today.getMonthValue() - 1) / 3) * 3 + 1, 1);
		this.api
			.post(Api.ADMIN, "/api/v1/orders",
					json("accountId", account, "date", quarterStart.minusDays(10), "amount", 10000))
			.expect(201);

		try (Browser browser = Browser.open(this.port, "zh-CN")) {
			browser.login(kam, Api.USER_PASSWORD);
			browser.go("/accounts/" + account);
			browser.waitForText(By.id("account-credit-section"), "尚未评级");
			browser.click(By.id("credit-rate"));
			browser.find(By.id("rating-form"));
			assertThat(browser.text(By.id("indicator-1"))).contains("系统计算");
			for (Map.Entry<Integer, String> input : INPUTS.entrySet()) {
				By field = By.id("f-" + input.getKey());
				if ("select".equals(browser.find(field).getTagName())) {
					browser.choose(field, input.getValue());
				}
				else {
					browser.type(field, input.getValue());
				}
			}
			onAPhone(browser, "credit-form");
			browser.click(By.id("rate-submit"));

			browser.waitForText(By.id("rating-grade"), "A");
			assertThat(browser.text(By.id("rating-score"))).isEqualTo("73.00");
			assertThat(browser.text(By.id("suggested-limit"))).isEqualTo("1,500.00");
			assertThat(browser.text(By.id("suggested-terms"))).isEqualTo("45 天");
			assertThat(browser.text(By.id("not-accepted"))).contains("由经理核定");
			assertThat(browser.driver().findElements(By.id("accept-form"))).isEmpty();
			String rating = browser.currentPath();
			onAPhone(browser, "credit-rating");
			signOut(browser);

			browser.login(manager, Api.USER_PASSWORD);
			browser.go(rating);
			browser.click(By.id("accept-submit"));
			browser.waitForText(By.id("accepted-limit"), "1,500.00");
			assertThat(browser.text(By.id("granted-credit"))).contains("45 天").contains("核定");

			browser.navigate("nav-accounts");
			browser.choose(By.id("grade-filter"), "A");
			browser.waitForText(By.id("account-table"), name);
			// Found anew on each look: the filtered table may still replace the one the
			// name was first seen in.
			By grade = By.xpath("//tr[.//a[text()='" + name + "']]//*[contains(@class, 'dk-account-grade')]");
			browser.waitForText(grade, "A");
			assertThat(browser.text(grade)).isEqualTo("A");
			browser.screenshot(Path.of("target", "journeys", "credit-account-list.png"));

			browser.go("/accounts/" + account);
			browser.waitForText(By.id("account-limit"), "1,500.00");
			assertThat(browser.text(By.id("account-terms"))).isEqualTo("45 天");

			// The manager's team has this one rated account, unranked: its cell opens the
			// list.
			browser.navigate("nav-credit-heatmap");
			assertThat(browser.text(By.id("heat-NONE-A"))).isEqualTo("1");
			browser.click(By.id("heat-NONE-A"));
			browser.waitForText(By.id("account-table"), name);
		}
	}

	/** The page on a phone's width: nothing scrolls sideways. */
	private static void onAPhone(Browser browser, String name) throws Exception {
		browser.driver().manage().window().setSize(new Dimension(390, 1600));
		Object widths = ((JavascriptExecutor) browser.driver())
			.executeScript("return [document.scrollingElement.scrollWidth, window.innerWidth]");
		List<?> pair = (List<?>) widths;
		assertThat(((Number) pair.get(0)).longValue()).as("%s scrolls sideways", name)
			.isLessThanOrEqualTo(((Number) pair.get(1)).longValue());
		browser.screenshot(Path.of("target", "journeys", name + "-phone.png"));
		browser.driver().manage().window().setSize(new Dimension(1400, 1000));
	}

	private static void signOut(Browser browser) {
		((JavascriptExecutor) browser.driver())
			.executeScript("document.querySelector('form[action$=\"/logout\"]').submit()");
		browser.find(By.id("username"));
	}

}
