package io.dakehu.journey;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key account manager's first day, in a real browser: sign in, open an account, add a
 * contact and a visit, see them on the account page, then read the page in Chinese.
 */
@JourneyTest
class KeyAccountManagerJourneyTests {

	@LocalServerPort
	int port;

	@Value("${dakehu.admin.password}")
	String adminPassword;

	@Test
	void createsAccountWithContactAndActivityThenReadsItInChinese() throws Exception {
		try (Browser browser = Browser.open(this.port, "en-US")) {
			browser.login("admin", this.adminPassword);

			browser.click(By.id("nav-accounts"));
			browser.click(By.id("new-account"));
			browser.type(By.id("name"), "Shanghai Precision Tools <b>Ltd</b>");
			browser.type(By.id("industry"), "Machinery");
			browser.type(By.id("region"), "East China");
			browser.choose(By.id("keyAccountType"), "ECONOMIC");
			browser.click(By.id("save-account"));
			assertThat(browser.text(By.id("account-name"))).isEqualTo("Shanghai Precision Tools <b>Ltd</b>");
			assertThat(browser.pageSource()).doesNotContain("<b>Ltd</b>");
			String accountPath = browser.currentPath();
			assertThat(accountPath).matches("/accounts/\\d+");

			browser.click(By.id("new-contact"));
			browser.type(By.id("name"), "Wang Li");
			browser.type(By.id("title"), "Purchasing Director");
			browser.type(By.id("email"), "wang.li@example.cn");
			browser.click(By.id("save-contact"));
			browser.waitForText(By.id("contacts"), "Wang Li");
			assertThat(browser.text(By.id("contacts"))).contains("Purchasing Director");

			browser.click(By.id("new-activity"));
			browser.choose(By.id("type"), "VISIT");
			browser.type(By.id("summary"), "Walked the new assembly line with the purchasing team");
			browser.type(By.id("durationMinutes"), "90");
			browser.type(By.id("contactIds"), "wang");
			browser.click(By.cssSelector("#contactIds-options [data-pick-name='Wang Li']"));
			browser.waitForText(By.cssSelector(".dk-chips"), "Wang Li");
			browser.type(By.id("nextStep"), "Send the maintenance offer");
			String nextContact = LocalDate.now().plusDays(7).format(DateTimeFormatter.ISO_LOCAL_DATE);
			// A date input's keyboard format depends on the browser's locale; setting the
			// value is not.
			((JavascriptExecutor) browser.driver())
				.executeScript("document.getElementById('nextContactDate').value = arguments[0]", nextContact);
			browser.click(By.id("save-activity"));
			browser.waitForText(By.id("activities"), "Walked the new assembly line");
			assertThat(browser.text(By.id("activities"))).contains("Wang Li")
				.contains("90 min")
				.contains("Send the maintenance offer");
			browser.waitForText(By.id("history"), "Wang Li");
			assertThat(browser.text(By.id("history"))).contains("admin");

			browser.go("/");
			assertThat(browser.text(By.id("upcoming"))).contains("Shanghai Precision Tools <b>Ltd</b>")
				.contains(nextContact);

			browser.go(accountPath + "?lang=zh_CN");
			browser.waitForText(By.id("contacts"), "联系人");
			assertThat(browser.text(By.id("card-basic"))).contains("基础资料").contains("行业");
			assertThat(browser.text(By.id("card-performance"))).contains("业绩资料");
			assertThat(browser.text(By.id("activities"))).contains("跟进记录").contains("登门拜访");

			// The choice is remembered for the next page.
			browser.go("/accounts");
			assertThat(browser.text(By.tagName("h1"))).isEqualTo("客户");
		}
	}

	@Test
	void saveClickedTwiceBeforeThePageChangesSendsTheFormOnce() throws Exception {
		try (Browser browser = Browser.open(this.port, "en-US")) {
			browser.login("admin", this.adminPassword);
			browser.go("/accounts/new");
			String name = "Saved Once " + System.nanoTime();
			browser.type(By.id("name"), name);
			// Save pressed twice before the answer comes, as a quick double click does; a
			// listener on the window, reached after the page's own, counts the submits
			// that go out.
			Object sent = ((JavascriptExecutor) browser.driver()).executeScript("""
					var sent = 0;
					window.addEventListener('submit', function (event) {
						if (!event.defaultPrevented) {
							sent++;
						}
					});
					var save = document.getElementById('save-account');
					save.form.requestSubmit(save);
					save.form.requestSubmit(save);
					return sent;""");
			assertThat(sent).isEqualTo(1L);
			browser.waitForText(By.id("account-name"), name);

			browser.go("/accounts?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
			// The name waited for in the table rather than the rows read at once: in one
			// full run of the suite the rows read right after the account's page were
			// none.
			browser.waitForText(By.id("account-table"), name);
			assertThat(browser.driver().findElements(By.cssSelector("#account-table tbody tr[data-href]")))
				.as(browser.currentPath())
				.hasSize(1);
		}
	}

}
