package io.dakehu.journey;

import java.nio.file.Path;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.H2IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sales manager works the pipeline board in a real browser: drags an opportunity to a
 * later buying step and moves another with the keyboard-friendly "Move to…" menu; the
 * column totals and the forecast follow each move.
 */
@H2IntegrationTest
class PipelineBoardJourneyTests extends ApiTestSupport {

	@LocalServerPort
	int port;

	/**
	 * Fires the HTML5 drag events the board listens to, with a real DataTransfer;
	 * Selenium's own drag and drop does not fire them in Chrome.
	 */
	private static final String DRAG = """
			const card = document.getElementById(arguments[0]);
			const zone = document.querySelector('#column-' + arguments[1] + ' .dk-cards');
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
							"2035-06-30"))
			.expect(201)
			.id();
		long small = this.api
			.post(kam, "/api/v1/opportunities",
					json("accountId", account, "name", "Spare parts kit", "amount", 6000, "expectedCloseDate",
							"2035-09-30"))
			.expect(201)
			.id();
		this.api
			.post(Api.ADMIN, "/api/v1/quotas",
					json("salesperson", kam, "from", "2035-01-01", "to", "2035-12-31", "amount", 100000))
			.expect(200);
		String board = "/pipeline?teamId=" + teamId + "&from=2035-01-01&to=2035-12-31";
		String forecast = "/pipeline/forecast?teamId=" + teamId + "&from=2035-01-01&to=2035-12-31";

		try (Browser browser = Browser.open(this.port, "en-US")) {
			browser.login(manager, Api.USER_PASSWORD);
			browser.click(By.id("nav-pipeline"));
			browser.go(board);
			assertThat(amount(browser, "PROBLEM_RECOGNITION")).isEqualTo("46,000");
			assertThat(weighted(browser, "PROBLEM_RECOGNITION")).isEqualTo("2,300");
			assertThat(amount(browser, "SUPPLIER_SELECTION")).isEqualTo("0");
			browser.go(forecast);
			assertThat(browser.text(By.id("total-weighted"))).isEqualTo("2,300");
			assertThat(browser.text(By.id("total-commit"))).isEqualTo("0");

			browser.go(board);
			((JavascriptExecutor) browser.driver()).executeScript(DRAG, "card-" + big, "SUPPLIER_SELECTION");
			browser.waitForText(By.cssSelector("#column-SUPPLIER_SELECTION .dk-column-amount"), "40,000");
			assertThat(amount(browser, "PROBLEM_RECOGNITION")).isEqualTo("6,000");
			assertThat(weighted(browser, "SUPPLIER_SELECTION")).isEqualTo("24,000");
			assertThat(browser.text(By.id("column-SUPPLIER_SELECTION"))).contains("Press line retrofit");
			browser.screenshot(Path.of("target", "journeys", "pipeline-board.png"));

			// The same move without a mouse: the card's menu.
			browser.choose(By.id("move-" + small), "ORDER");
			browser.click(By.id("move-submit-" + small));
			browser.waitForText(By.cssSelector("#column-ORDER .dk-column-amount"), "6,000");
			assertThat(amount(browser, "PROBLEM_RECOGNITION")).isEqualTo("0");
			assertThat(weighted(browser, "ORDER")).isEqualTo("4,800");

			browser.go(forecast);
			// 40,000 × 60% + 6,000 × 80%; both at or above the commit probability.
			assertThat(browser.text(By.id("total-weighted"))).isEqualTo("28,800");
			assertThat(browser.text(By.id("total-commit"))).isEqualTo("46,000");
			assertThat(browser.text(By.id("forecast-salespeople"))).contains("28.8%");

			browser.go("/opportunities/" + big);
			assertThat(browser.text(By.id("history"))).contains("Problem recognition").contains("Supplier selection");
		}
	}

	private static String amount(Browser browser, String stage) {
		return browser.text(By.cssSelector("#column-" + stage + " .dk-column-amount"));
	}

	private static String weighted(Browser browser, String stage) {
		return browser.text(By.cssSelector("#column-" + stage + " .dk-column-weighted"));
	}

}
