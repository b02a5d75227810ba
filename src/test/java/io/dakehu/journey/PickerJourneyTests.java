package io.dakehu.journey;

import java.nio.file.Path;
import java.time.Duration;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A KAM creates an opportunity in Chinese without knowing any id: types two characters of
 * the account's name, picks it with the keyboard, and saves. A colleague's account with
 * the same two characters is not offered. The form fits a 390 px phone.
 */
@JourneyTest
class PickerJourneyTests extends ApiTestSupport {

	@LocalServerPort
	int port;

	@Test
	void createsAnOpportunityByPickingTheAccountWithTwoChineseCharacters() throws Exception {
		String kam = this.given.kam();
		String colleague = this.given.kam();
		String unique = Fixtures.unique("");
		long mine = this.given.accountOwnedBy(kam, "上海精密工具有限公司" + unique).id();
		long theirs = this.given.accountOwnedBy(colleague, "北京精密机械有限公司" + unique).id();
		String dealName = Fixtures.unique("数控机床改造");

		try (Browser browser = Browser.open(this.port, "zh-CN")) {
			browser.login(kam, Api.USER_PASSWORD);
			browser.go("/opportunities/new");
			browser.type(By.id("accountId"), "精密");
			By myOption = By.cssSelector("#accountId-options [data-pick-id='" + mine + "']");
			browser.find(myOption);
			assertThat(
					browser.driver().findElements(By.cssSelector("#accountId-options [data-pick-id='" + theirs + "']")))
				.as("a colleague's account is not offered")
				.isEmpty();
			browser.screenshot(Path.of("target", "journeys", "picker-1440.png"));

			// Keyboard only: arrow to the first suggestion, Enter to take it.
			browser.find(By.id("accountId")).sendKeys(Keys.ARROW_DOWN);
			assertThat(browser.find(By.id("accountId")).getAttribute("aria-activedescendant")).isNotBlank();
			browser.find(By.id("accountId")).sendKeys(Keys.ENTER);
			new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(ExpectedConditions
				.attributeToBe(By.cssSelector("input[type=hidden][name=accountId]"), "value", String.valueOf(mine)));
			assertThat(browser.find(By.id("accountId")).getAttribute("value")).startsWith("上海精密工具有限公司");
			assertThat(browser.driver().findElements(myOption)).as("the suggestions close after the choice").isEmpty();

			browser.driver().manage().window().setSize(new Dimension(390, 844));
			browser.type(By.id("accountId"), "精密");
			browser.find(myOption);
			Object overflow = ((JavascriptExecutor) browser.driver())
				.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
			assertThat(((Number) overflow).intValue()).as("no sideways scrolling at 390 px").isLessThanOrEqualTo(0);
			browser.screenshot(Path.of("target", "journeys", "picker-390.png"));
			browser.click(myOption);

			browser.type(By.id("name"), dealName);
			browser.click(By.id("save-opportunity"));
			new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
				.until(ExpectedConditions.urlMatches("/opportunities/\\d+$"));
			String path = browser.currentPath();
			long created = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
			var opportunity = this.api.get(kam, "/api/v1/opportunities/" + created).expect(200);
			assertThat(opportunity.body().get("accountId").asLong()).isEqualTo(mine);
			assertThat(opportunity.text("name")).isEqualTo(dealName);
		}
	}

}
