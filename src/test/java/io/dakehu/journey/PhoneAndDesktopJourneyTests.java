package io.dakehu.journey;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.dakehu.order.NewOrderLine;
import io.dakehu.order.OrderLedger;
import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Home, the account list, the dashboard and an account page as a KAM, a manager and a
 * director, in English and Chinese, on a desktop (1440 px) and a phone (390 px): no page
 * scrolls sideways, and on the phone the account list shows each account as a card with
 * its tier and owner. Outside CI every page is saved as a screenshot under
 * {@code target/screenshots/} for people to look at; CI keeps its log, not the files, and
 * the 78 pictures (the phone's of whole pages) cost the browser about 19 s of CPU.
 */
@JourneyTest
class PhoneAndDesktopJourneyTests extends ApiTestSupport {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final boolean PICTURES = !"true".equalsIgnoreCase(System.getenv("CI"));

	private static final int[][] SIZES = { { 1440, 1000 }, { 390, 1600 } };

	/**
	 * Whether the table of the given id shows as cards: within the screen, no header row.
	 */
	private static final String CARDS = """
			const table = document.getElementById(arguments[0]);
			return table.getBoundingClientRect().right <= window.innerWidth
				&& getComputedStyle(table.tHead).display === 'none';""";

	@LocalServerPort
	int port;

	@Autowired
	OrderLedger ledger;

	@Test
	void everyRoleReadsTheDailyPagesOnADesktopAndAPhoneWithoutScrollingSideways() throws Exception {
		String manager = this.given.manager();
		String team = this.given.team(manager);
		String kam = this.given.kam(team, manager);
		String director = this.given.director();
		LocalDate today = LocalDate.now();
		List<Long> accounts = new ArrayList<>();
		String[] names = { "Shanghai Precision Tools International Trading Co., Ltd", "江苏恒瑞精密机械制造有限公司",
				"Guangzhou Pearl River Logistics", "北京长城工业集团", "Harbin Northern Heavy Machinery Works" };
		long deal = 0;
		for (int i = 0; i < names.length; i++) {
			long id = this.given.accountOwnedBy(kam, names[i] + " " + Fixtures.unique("")).id();
			accounts.add(id);
			this.ledger.append(List.of(new NewOrderLine(id, today.minusDays(30 + i), null, BigDecimal.ONE,
					BigDecimal.valueOf(1_000_000_000L * (names.length - i)), null, null, "journey",
					Fixtures.unique("line"))));
			this.api
				.post(kam, "/api/v1/accounts/" + id + "/activities",
						json("type", "VISIT", "occurredAt", today.minusDays(20L * i).atTime(10, 0).toString(),
								"summary", "Visited the plant", "nextContactDate", today.plusDays(i - 2L).toString()))
				.expect(201);
			long opportunity = this.api
				.post(kam, "/api/v1/opportunities",
						json("accountId", id, "name", "Line upgrade " + (i + 1), "amount", 250000, "expectedCloseDate",
								today.minusDays(i).toString()))
				.expect(201)
				.id();
			deal = (i == 0) ? opportunity : deal;
		}
		this.api.post(director, "/api/v1/segmentation/runs", json()).expect(201);
		this.ledger.append(List.of(new NewOrderLine(accounts.get(4), today.minusDays(5), null, BigDecimal.ONE,
				new BigDecimal("9000000000000"), null, null, "journey", Fixtures.unique("line"))));
		this.api.post(director, "/api/v1/segmentation/runs", json()).expect(201);
		long account = accounts.get(0);
		// An opportunity's buying center with a long title and every badge a member can
		// have.
		long buyer = this.api
			.post(kam, "/api/v1/accounts/" + account + "/contacts",
					json("name", "Alexandra Konstantinopoulou", "title", "Chief Procurement and Supply Chain Officer"))
			.expect(201)
			.id();
		this.api
			.put(kam, "/api/v1/contacts/" + buyer + "/buying-roles",
					json("roles", List.of("DECIDER", "INFLUENCER", "USER"), "influence", 5, "attitude", "SUPPORTER",
							"personalLevel", 3))
			.expect(200);
		for (String user : List.of(kam, manager, director)) {
			// My profile then lists a token in a table with a visually hidden header.
			this.api.post(user, "/api/v1/me/tokens", json("name", "Phone check", "days", 30)).expect(201);
		}

		for (String language : List.of("en-US", "zh-CN")) {
			try (Browser browser = Browser.open(this.port, language)) {
				for (String user : List.of(kam, manager, director)) {
					browser.login(user, Api.USER_PASSWORD);
					String role = (user.equals(kam)) ? "kam" : (user.equals(manager)) ? "manager" : "director";
					for (int[] size : SIZES) {
						browser.driver().manage().window().setSize(new Dimension(size[0], size[1]));
						String prefix = role + "-" + language + "-" + size[0] + "-";
						String panel = role.equals("kam") ? "contacts-due"
								: role.equals("manager") ? "team" : "at-risk";
						visit(browser, "/", panel, prefix + "home");
						visit(browser, "/accounts", "account-table", prefix + "accounts");
						if (size[0] < 576) {
							phoneCardsShowTierAndOwner(browser);
						}
						browser.go("/dashboard");
						new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until((driver) -> "true"
							.equals(driver.findElement(By.id("dashboard")).getDomAttribute("data-rendered")));
						noSidewaysScroll(browser, prefix + "dashboard");
						screenshot(browser, prefix + "dashboard");
						visit(browser, "/accounts/" + account, "account-name", prefix + "account");
						if (size[0] < 576) {
							// The other daily pages hold on a phone too, the 25-grid and
							// templates included.
							visit(browser, "/relationship", "movement", prefix + "relationship");
							visit(browser, "/imports", "import-templates", prefix + "imports");
							visit(browser, "/pipeline/list", "opportunity-table", prefix + "pipeline-list");
							// Its deals are cards, each cell under its label: the
							// table fits the screen and its header row is gone.
							assertThat(
									((JavascriptExecutor) browser.driver()).executeScript(CARDS, "opportunity-table"))
								.as(prefix + "pipeline list as cards")
								.isEqualTo(true);
							visit(browser, "/reports", "funnel-table", prefix + "funnel");
							visit(browser, "/profile", "api-tokens", prefix + "profile");
							if (role.equals("manager")) {
								// The team's forecast too: a line a card, each figure
								// under
								// its label.
								visit(browser, "/pipeline/forecast", "forecast-salespeople", prefix + "forecast");
								assertThat(((JavascriptExecutor) browser.driver()).executeScript(CARDS,
										"forecast-salespeople"))
									.as(prefix + "forecast as cards")
									.isEqualTo(true);
							}
							if (role.equals("kam")) {
								// The same table for every reader who may open it.
								visit(browser, "/relationship/opportunities/" + deal, "opportunity-buying-center-table",
										prefix + "buying-center");
							}
						}
					}
					browser.driver().manage().window().setSize(new Dimension(1440, 1000));
					((JavascriptExecutor) browser.driver())
						.executeScript("document.querySelector('form[action$=\"/logout\"]').submit()");
					browser.find(By.id("username"));
				}
			}
		}
	}

	private static void visit(Browser browser, String path, String marker, String name) throws Exception {
		browser.go(path);
		browser.find(By.id(marker));
		settle(browser);
		noSidewaysScroll(browser, name);
		screenshot(browser, name);
	}

	/**
	 * The whole page on a phone (the window grows to the page's height for the picture),
	 * the first screen on a desktop.
	 */
	private static void screenshot(Browser browser, String name) throws Exception {
		if (!PICTURES) {
			return;
		}
		org.openqa.selenium.WebDriver.Window window = browser.driver().manage().window();
		Dimension before = window.getSize();
		if (before.getWidth() < 576) {
			long height = ((Number) ((JavascriptExecutor) browser.driver())
				.executeScript("return document.scrollingElement.scrollHeight")).longValue();
			window.setSize(new Dimension(before.getWidth(), (int) Math.min(height + 120, 8000)));
		}
		browser.screenshot(SCREENSHOTS.resolve(name + ".png"));
		window.setSize(before);
	}

	/** Waits until htmx has loaded the page's sections. */
	private static void settle(Browser browser) {
		new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until((driver) -> Boolean.TRUE
			.equals(((JavascriptExecutor) driver).executeScript("return document.readyState === 'complete'"
					+ " && document.querySelectorAll('.htmx-request').length === 0"
					+ " && [...document.querySelectorAll('[hx-trigger=load]')].every(e => e.children.length > 0)")));
	}

	private static void noSidewaysScroll(Browser browser, String page) {
		Object widths = ((JavascriptExecutor) browser.driver())
			.executeScript("return [document.scrollingElement.scrollWidth, window.innerWidth]");
		List<?> pair = (List<?>) widths;
		long scrollWidth = ((Number) pair.get(0)).longValue();
		long innerWidth = ((Number) pair.get(1)).longValue();
		assertThat(scrollWidth).as("%s scrolls sideways (%s px wide in %s px)", page, scrollWidth, innerWidth)
			.isLessThanOrEqualTo(innerWidth);
	}

	/** On a phone each account is a card whose tier and owner lie inside the screen. */
	private static void phoneCardsShowTierAndOwner(Browser browser) {
		long innerWidth = ((Number) ((JavascriptExecutor) browser.driver()).executeScript("return window.innerWidth"))
			.longValue();
		List<WebElement> owners = browser.driver().findElements(By.cssSelector("#account-table td.dk-account-owner"));
		List<WebElement> tiers = browser.driver().findElements(By.cssSelector("#account-table td.dk-account-tier"));
		assertThat(owners).isNotEmpty();
		assertThat(tiers).isNotEmpty();
		for (WebElement cell : List.of(owners.get(0), tiers.get(0))) {
			assertThat(cell.isDisplayed()).isTrue();
			assertThat(cell.getRect().getX() + cell.getRect().getWidth()).isLessThanOrEqualTo((int) innerWidth);
		}
		assertThat(browser.driver().findElement(By.cssSelector("#account-table thead")).isDisplayed()).isFalse();
	}

}
