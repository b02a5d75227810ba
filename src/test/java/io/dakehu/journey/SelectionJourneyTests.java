package io.dakehu.journey;

import java.nio.file.Path;
import java.util.List;

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
 * Customer selection in Chinese in a real browser (DOMAIN.md §6): a key account manager
 * evaluates a prospect on the eight criteria and the expected figures, and sees it
 * recommended; their manager accepts the recommendation as a strategic key account; the
 * account then carries its key-account type, and the funnel's accepted stage lists it.
 */
@JourneyTest
class SelectionJourneyTests extends ApiTestSupport {

	/**
	 * Ratings 5 4 5 3 4 5 4 3 on the weights 20 15 15 5 15 10 10 10: 20 + 11.25 + 15 +
	 * 2.5 + 11.25 + 10 + 7.5 + 5 = 82.5.
	 */
	private static final String[] RATINGS = { "5", "4", "5", "3", "4", "5", "4", "3" };

	@LocalServerPort
	int port;

	@Test
	void aKamEvaluatesAProspectAManagerAcceptsItAndItBecomesAKeyAccount() throws Exception {
		String manager = this.given.manager();
		String kam = this.given.kam(this.given.team(manager), manager);
		this.api.put(Api.ADMIN, "/api/v1/key-account-limits/" + kam, json("maximum", 5)).expect(200);
		String name = "苏州工业园区新材料 " + Fixtures.unique("");
		long account = this.given.accountOwnedBy(kam, name).id();

		try (Browser browser = Browser.open(this.port, "zh-CN")) {
			browser.login(kam, Api.USER_PASSWORD);
			browser.go("/accounts/" + account);
			browser.click(By.id("selection-evaluate"));
			browser.find(By.id("selection-form"));
			for (int i = 0; i < RATINGS.length; i++) {
				browser.choose(By.id("f-" + (i + 1)), RATINGS[i]);
			}
			browser.type(By.id("expectedYearlyPurchases"), "800000");
			browser.type(By.id("expectedMarginPercent"), "18");
			browser.type(By.id("expectedContactCost"), "20000");
			browser.type(By.id("years"), "5");
			browser.choose(By.id("strategy"), "MUSHROOM_PICKING");
			onAPhone(browser, "selection-form");
			browser.click(By.id("selection-submit"));

			browser.waitForText(By.id("selection-result"), "推荐");
			assertThat(browser.text(By.id("selection-score"))).isEqualTo("82.50");
			assertThat(browser.driver().findElements(By.id("selection-accept-form"))).isEmpty();
			String evaluation = browser.currentPath();
			onAPhone(browser, "selection-evaluation");
			signOut(browser);

			browser.login(manager, Api.USER_PASSWORD);
			browser.go(evaluation);
			browser.choose(By.id("keyAccountType"), "STRATEGIC");
			browser.click(By.id("selection-accept"));
			browser.waitForText(By.id("selection-accepted"), "战略客户");

			browser.go("/accounts/" + account);
			browser.waitForText(By.tagName("h1"), name);
			assertThat(browser.pageSource()).contains("战略客户（发展潜力）");

			browser.navigate("nav-selection-funnel");
			assertThat(browser.text(By.id("funnel-accepted"))).isEqualTo("1");
			browser.click(By.id("stage-accepted"));
			browser.waitForText(By.id("funnel-table"), name);
			onAPhone(browser, "selection-funnel");
		}
		assertThat(this.api.get(kam, "/api/v1/accounts/" + account).expect(200).text("keyAccountType"))
			.isEqualTo("STRATEGIC");
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
