package io.dakehu.journey;

import java.nio.file.Path;

import io.dakehu.support.Api;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key account manager measures a relationship twice in a real browser: the account's
 * path appears on its grid, a jump without a reason is refused, and the portfolio heat
 * map counts the account in its new cell.
 */
@JourneyTest
class RelationshipJourneyTests {

	@LocalServerPort
	int port;

	@Test
	void recordsTwoAssessmentsAndSeesThePathAndTheHeatMapChange() throws Exception {
		try (Browser browser = Browser.open(this.port, "en-US")) {
			browser.login(Api.ADMIN, Api.ADMIN_PASSWORD);

			browser.navigate("nav-relationships");
			int before = Integer.parseInt(browser.text(By.id("cell-3-2")));

			browser.click(By.id("nav-accounts"));
			browser.click(By.id("new-account"));
			browser.type(By.id("name"), "Qingdao Port Logistics");
			browser.choose(By.id("keyAccountType"), "STRATEGIC");
			browser.click(By.id("save-account"));
			// The account's address once its page is there: read at the click, it could
			// still be the form's.
			browser.waitForText(By.id("relationship"), "Not assessed yet");
			String accountPath = browser.currentPath();

			browser.choose(By.id("personal"), "1");
			browser.choose(By.id("company"), "1");
			browser.click(By.id("record-assessment"));
			browser.waitForText(By.id("relationship"), "Assessment recorded");
			assertThat(browser.text(By.id("relationship-stage"))).isEqualTo("Gestation");

			// Two levels up on the personal axis at once: refused until a reason is
			// given.
			browser.choose(By.id("personal"), "3");
			browser.choose(By.id("company"), "2");
			browser.click(By.id("record-assessment"));
			browser.waitForText(By.id("evidence-error"), "a rise of more than one level needs a reason");
			assertThat(browser.text(By.id("relationship-stage"))).isEqualTo("Gestation");
			browser.type(By.id("evidence"), "The operations director now shares their volume forecast with us");
			browser.click(By.id("record-assessment"));
			browser.waitForText(By.id("relationship"), "Assessment recorded");

			assertThat(browser.text(By.id("relationship-stage"))).isEqualTo("Initial");
			assertThat(browser.driver().findElements(By.cssSelector("#relationship-grid .dk-path-point"))).hasSize(2);
			assertThat(browser.driver().findElements(By.cssSelector("#relationship-grid .dk-path-arrow"))).hasSize(1);
			assertThat(browser.driver().findElements(By.cssSelector("#relationship-grid .dk-grid-current"))).hasSize(1);
			assertThat(browser.text(By.id("relationship-path"))).contains("(1, 1)").contains("(3, 2)");
			// One level apart is still in balance; the next move is on the weaker,
			// company axis.
			assertThat(browser.driver().findElements(By.id("relationship-imbalance"))).isEmpty();
			assertThat(browser.text(By.id("relationship-next"))).contains("Company relationship")
				.contains("Preferred supplier")
				.doesNotContain("Personal relationship");
			browser.screenshot(Path.of("target", "journeys", "relationship-account.png"));

			browser.navigate("nav-relationships");
			assertThat(Integer.parseInt(browser.text(By.id("cell-3-2")))).isEqualTo(before + 1);
			browser.click(By.id("cell-3-2"));
			assertThat(browser.text(By.id("cell-accounts"))).contains("Qingdao Port Logistics");
			browser.screenshot(Path.of("target", "journeys", "relationship-portfolio.png"));

			browser.go(accountPath + "?lang=zh_CN");
			browser.waitForText(By.id("relationship"), "二十五方格");
			assertThat(browser.text(By.id("relationship-stage"))).isEqualTo("初期阶段");
		}
	}

}
