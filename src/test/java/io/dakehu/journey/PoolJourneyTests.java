package io.dakehu.journey;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import io.dakehu.pool.PoolRun;
import io.dakehu.support.Api;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public pool in Chinese, in a real browser: an account its owner left without a
 * follow-up falls into the pool in the nightly run (run on a chosen day), and another KAM
 * finds it in the pool, with the reason, and claims it.
 */
@JourneyTest
class PoolJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	PoolRun run;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anIdleAccountFallsIntoThePoolAndAnotherKamClaimsItInChinese() throws Exception {
		Api api = new Api(this.port);
		Fixtures given = new Fixtures(api);
		String idle = given.kam();
		String keen = given.kam();
		String name = Fixtures.unique("无锡纺织");
		long account = given.accountOwnedBy(idle, name).id();
		LocalDate taken = LocalDate.of(2025, 1, 2);
		this.jdbc.sql("update account set owned_since = :t where id = :id")
			.param("t", taken.atStartOfDay())
			.param("id", account)
			.update();
		// A Small account with no follow-up for 30 days returns in that night's run.
		PoolRun.Result result = this.run.run(LocalDateTime.of(taken.plusDays(30), java.time.LocalTime.of(3, 15)),
				List.of(account));
		assertThat(result.returnedNoFollowUp()).isOne();

		try (Browser browser = Browser.open(this.port, "zh-CN")) {
			browser.login(keen, Api.USER_PASSWORD);
			browser.navigate("nav-pool");
			browser.waitForText(By.tagName("h1"), "公海");
			browser.type(By.id("q"), name);
			browser.click(By.id("pool-filter"));
			browser.waitForText(By.id("pool-row-" + account), "长期未跟进");
			browser.click(By.id("claim-" + account));
			browser.waitForText(By.tagName("body"), "你已成为该客户的负责人。");
			// Back on the pool, filtered as before: the account has left it.
			browser.waitForText(By.id("pool-total"), "公海中有");
			assertThat(browser.driver().findElements(By.id("pool-row-" + account))).isEmpty();
			browser.go("/accounts/" + account);
			browser.waitForText(By.id("account-name"), name);
			assertThat(browser.driver().findElements(By.id("pool-notice"))).isEmpty();
			assertThat(browser.driver().findElements(By.id("return-to-pool"))).isNotEmpty();
		}
		assertThat(api.get(keen, "/api/v1/accounts/" + account).expect(200).text("owner")).isEqualTo(keen);
	}

}
