package io.dakehu.journey;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bringing in a Chinese Excel user's file in a real browser: upload a GBK CSV with one
 * bad row, check the columns, see the error on the job page with nothing imported, import
 * the valid rows only and watch the job reach done.
 */
@JourneyTest
class ImportJourneyTests {

	@LocalServerPort
	int port;

	@Value("${dakehu.admin.password}")
	String adminPassword;

	@Test
	void importsTheValidRowsOfAFileWithOneBadRowAfterSeeingTheError(@TempDir Path dir) throws Exception {
		String tag = Long.toString(System.nanoTime() % 1_000_000, 36);
		String good = "杭州机床" + tag;
		String bad = "苏州精密" + tag;
		Path file = dir.resolve("客户-" + tag + ".csv");
		Files.write(file, ("客户名称,行业,地区,员工数\r\n" + good + ",机械,华东,350\r\n" + bad + ",机械,华东,很多\r\n")
			.getBytes(Charset.forName("GBK")));

		try (Browser browser = Browser.open(this.port, "en-US")) {
			browser.login("admin", this.adminPassword);
			browser.click(By.id("nav-imports"));
			browser.choose(By.id("import-type"), "ACCOUNTS");
			browser.find(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
			browser.click(By.id("import-next"));

			// The columns as read from GBK, each with the field Dakehu proposes.
			browser.waitForText(By.id("mapping-table"), "客户名称");
			assertThat(browser.text(By.id("mapping-table"))).contains(good).contains("很多");
			browser.click(By.id("import-start"));

			browser.waitForText(By.id("import-status"), "Waiting for your decision");
			assertThat(browser.text(By.id("import-error-table"))).contains("员工数")
				.contains("很多")
				.contains("is not a number");
			assertThat(browser.text(By.id("import-committed"))).isEqualTo("0");
			browser.screenshot(Path.of("target", "journeys", "import-errors.png"));

			browser.go("/accounts?q=" + tag);
			assertThat(browser.text(By.id("account-table"))).doesNotContain(good);
			browser.driver().navigate().back();

			browser.click(By.id("import-valid-only"));
			browser.waitForText(By.id("import-status"), "Done");
			assertThat(browser.text(By.id("import-done"))).contains("1 row imported");
			assertThat(browser.find(By.id("import-progress")).getText()).contains("100%");

			browser.go("/accounts?q=" + tag);
			assertThat(browser.text(By.id("account-table"))).contains(good).doesNotContain(bad);

			browser.click(By.id("nav-imports"));
			assertThat(browser.text(By.id("import-jobs"))).contains("客户-" + tag + ".csv").contains("Done");
		}
	}

}
