package io.dakehu.journey;

import java.nio.file.Path;
import java.util.List;

import io.dakehu.opportunity.Stage;
import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sales manager works the pipeline board in a real browser: the board shows the eight
 * buying steps, also on a phone; the manager drags an opportunity to a later step and
 * moves another with the keyboard-friendly "Move to…" menu, on a filtered board that
 * stays filtered and is not reloaded; the column totals and the forecast follow each
 * move.
 */
@JourneyTest
class PipelineBoardJourneyTests extends ApiTestSupport {

	@LocalServerPort
	int port;

	/**
	 * Fires the HTML5 drag events the board listens to, with a real DataTransfer;
	 * Selenium's own drag and drop does not fire them in Chrome.
	 */
	private static final String DRAG = """
			const card = document.getElementById(arguments[0]);
			const zone = document.querySelector('#column-' + arguments[1] + ' .dk-drop');
			const data = new DataTransfer();
			card.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: data }));
			zone.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: data }));
			zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }));
			zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
			card.dispatchEvent(new DragEvent('dragend', { bubbles: true, dataTransfer: data }));""";

	@Test
	void dragsAnOpportunityAcrossTheBoardAndSeesTotalsAndForecastChange() throws Exception {
		String manager = this.given.manager();
		String team = this.given.team(manager);
		String kam = this.given.kam(team, null);
		long teamId = this.api.get(Api.ADMIN, "/api/v1/teams")
			.expect(200)
			.items()
			.stream()
			.filter((t) -> t.get("name").asString().equals(team))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asLong();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Journey Machinery")).id();
		long big = this.api
			.post(kam, "/api/v1/opportunities",
					json("accountId", account, "name", "Press line retrofit", "amount", 40000, "expectedCloseDate",
							"2035-06-30", "purchaseType", "NEW_TASK"))
			.expect(201)
			.id();
		long small = this.api
			.post(kam, "/api/v1/opportunities",
					json("accountId", account, "name", "Spare parts kit", "amount", 6000, "expectedCloseDate",
							"2035-09-30", "purchaseType", "NEW_TASK"))
			.expect(201)
			.id();
		// A straight rebuy, not priced yet, that the board's filter leaves out before and
		// after every move.
		long rebuy = this.api
			.post(kam, "/api/v1/opportunities",
					json("accountId", account, "name", "Yearly service contract", "expectedCloseDate", "2035-08-31",
							"purchaseType", "STRAIGHT_REBUY"))
			.expect(201)
			.id();
		this.api
			.post(Api.ADMIN, "/api/v1/quotas",
					json("salesperson", kam, "from", "2035-01-01", "to", "2035-12-31", "amount", 100000))
			.expect(200);
		String unfiltered = "/pipeline?teamId=" + teamId + "&from=2035-01-01&to=2035-12-31";
		String board = unfiltered + "&purchaseType=NEW_TASK";
		String forecast = "/pipeline/forecast?teamId=" + teamId + "&from=2035-01-01&to=2035-12-31";

		try (Browser browser = Browser.open(this.port, "en-US")) {
			browser.login(manager, Api.USER_PASSWORD);
			browser.click(By.id("nav-pipeline"));
			browser.go(unfiltered);
			assertThat(browser.text(By.cssSelector("#column-PROBLEM_RECOGNITION .dk-column-count")))
				.isEqualTo("3 opportunities");
			assertThat(browser.text(By.id("column-PROBLEM_RECOGNITION"))).contains("Yearly service contract");
			// Choosing in a filter's menu reloads the board filtered, without a button.
			browser.choose(By.id("f-type"), "NEW_TASK");
			browser.waitForText(By.cssSelector("#column-PROBLEM_RECOGNITION .dk-column-count"), "2 opportunities");
			assertThat(browser.currentPath()).contains("purchaseType=NEW_TASK");

			browser.go(board);
			// The eight buying steps, each a column with its own count, in the buyer's
			// order.
			assertThat(stages(browser, "#board .dk-column"))
				.containsExactly(Stage.open().stream().map(Enum::name).toArray(String[]::new));
			assertThat(browser.driver().findElements(By.cssSelector("#board-steps .dk-strip-step"))).hasSize(8);
			assertThat(amount(browser, "PROBLEM_RECOGNITION")).isEqualTo("46,000");
			assertThat(weighted(browser, "PROBLEM_RECOGNITION")).isEqualTo("2,300");
			assertThat(browser.text(By.cssSelector("#column-PROBLEM_RECOGNITION .dk-column-count")))
				.isEqualTo("2 opportunities");
			assertThat(amount(browser, "SUPPLIER_SELECTION")).isEqualTo("0");
			assertThat(browser.driver().findElements(By.id("card-" + rebuy))).isEmpty();
			browser.go(forecast);
			assertThat(browser.text(By.id("total-weighted"))).isEqualTo("2,300");
			assertThat(browser.text(By.id("total-commit"))).isEqualTo("0");

			browser.go(board);
			browser.find(By.id("card-" + big));
			JavascriptExecutor script = (JavascriptExecutor) browser.driver();
			// A mark on the page that a full reload would wipe out.
			script.executeScript("window.dakehuSamePage = true;");
			script.executeScript(DRAG, "card-" + big, "SUPPLIER_SELECTION");
			browser.waitForText(By.cssSelector("#column-SUPPLIER_SELECTION .dk-column-amount"), "40,000");
			assertThat(amount(browser, "PROBLEM_RECOGNITION")).isEqualTo("6,000");
			assertThat(weighted(browser, "SUPPLIER_SELECTION")).isEqualTo("24,000");
			assertThat(browser.text(By.id("column-SUPPLIER_SELECTION"))).contains("Press line retrofit");
			assertThat(browser.text(By.id("step-SUPPLIER_SELECTION"))).endsWith("1");
			browser.screenshot(Path.of("target", "journeys", "pipeline-board.png"));

			// The same move without a mouse: the card's menu.
			browser.choose(By.id("move-" + small), "ORDER");
			browser.click(By.id("move-submit-" + small));
			browser.waitForText(By.cssSelector("#column-ORDER .dk-column-amount"), "6,000");
			assertThat(amount(browser, "PROBLEM_RECOGNITION")).isEqualTo("0");
			assertThat(weighted(browser, "ORDER")).isEqualTo("4,800");
			// Still the filtered board, never reloaded: the rebuy stays out of the
			// columns drawn again.
			assertThat(script.executeScript("return window.dakehuSamePage === true;")).isEqualTo(true);
			assertThat(browser.currentPath()).contains("purchaseType=NEW_TASK");
			assertThat(browser.find(By.id("f-type")).getDomProperty("value")).isEqualTo("NEW_TASK");
			assertThat(browser.text(By.cssSelector("#column-PROBLEM_RECOGNITION .dk-column-count")))
				.isEqualTo("no opportunities");
			assertThat(browser.text(By.id("column-PROBLEM_RECOGNITION"))).doesNotContain("Yearly service contract");
			assertThat(browser.text(By.id("step-PROBLEM_RECOGNITION"))).endsWith("0");

			// On a phone all eight steps stay in reach: the strip shows them, the page
			// does not scroll sideways.
			browser.driver().manage().window().setSize(new Dimension(390, 844));
			browser.go(board);
			browser.find(By.cssSelector("#column-ORDER .dk-column-amount"));
			for (WebElement step : browser.driver().findElements(By.cssSelector("#board-steps .dk-strip-step"))) {
				assertThat(step.isDisplayed()).isTrue();
				assertThat(step.getRect().getX() + step.getRect().getWidth()).isLessThanOrEqualTo(390);
			}
			assertThat((Long) script.executeScript("return document.documentElement.scrollWidth;"))
				.isLessThanOrEqualTo(390L);
			browser.screenshot(Path.of("target", "journeys", "pipeline-board-390.png"));
			browser.driver().manage().window().setSize(new Dimension(1400, 1000));

			browser.go(forecast);
			// 40,000 × 60% + 6,000 × 80%; both at or above the commit probability.
			assertThat(browser.text(By.id("total-weighted"))).isEqualTo("28,800");
			assertThat(browser.text(By.id("total-commit"))).isEqualTo("46,000");
			assertThat(browser.text(By.id("forecast-salespeople"))).contains("28.8%");

			browser.go("/opportunities/" + big);
			assertThat(browser.text(By.id("history"))).contains("Problem recognition").contains("Supplier selection");
		}
	}

	/**
	 * The columns' stages, read in one script: the board may be swapped in while a test
	 * reads it column by column, which leaves a column read from the old board stale.
	 */
	@SuppressWarnings("unchecked")
	private static List<String> stages(Browser browser, String selector) {
		browser.find(By.cssSelector(selector));
		return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
				"return [...document.querySelectorAll(arguments[0])].map((column) => column.getAttribute('data-stage'));",
				selector);
	}

	private static String amount(Browser browser, String stage) {
		return browser.text(By.cssSelector("#column-" + stage + " .dk-column-amount"));
	}

	private static String weighted(Browser browser, String stage) {
		return browser.text(By.cssSelector("#column-" + stage + " .dk-column-weighted"));
	}

}
