package io.dakehu.journey;

import io.dakehu.support.Api;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key account manager handles a complaint in Chinese, in a real browser: records it
 * from the account page, owns it, finds it on the to-do, resolves it, and records the
 * return visit at which the customer rates the handling 4 of 5, which closes it and shows
 * as the account's latest satisfaction on its data card.
 */
@JourneyTest
class ComplaintJourneyTests {

	@LocalServerPort
	int port;

	@Test
	void aKamRecordsResolvesAndClosesAComplaintInChinese() throws Exception {
		Api api = new Api(this.port);
		Fixtures given = new Fixtures(api);
		String kam = given.kam();
		long account = given.accountOwnedBy(kam, Fixtures.unique("苏州精密")).id();
		try (Browser browser = Browser.open(this.port, "zh-CN")) {
			browser.login(kam, Api.USER_PASSWORD);
			browser.go("/accounts/" + account);
			browser.waitForText(By.id("service"), "服务等级");
			browser.click(By.cssSelector("#record-complaint summary"));
			browser.choose(By.id("complaint-channel"), "PHONE");
			browser.choose(By.id("complaint-category"), "DELIVERY");
			browser.choose(By.id("complaint-severity"), "HIGH");
			browser.type(By.id("complaint-description"), "第二批货晚到两周，生产线停工一天。");
			browser.click(By.id("complaint-submit"));

			browser.waitForText(By.id("complaint-status"), "待处理");
			String complaint = browser.currentPath();
			assertThat(complaint).matches("/complaints/\\d+");
			assertThat(browser.text(By.id("complaint-owner"))).contains(kam);

			// Not answered yet, so it is on the KAM's to-do.
			browser.go("/todo");
			browser.waitForText(By.id("todo-complaints"), "待处理投诉");
			assertThat(browser.text(By.cssSelector("#todo-complaints [data-complaint=\""
					+ complaint.substring(complaint.lastIndexOf('/') + 1) + "\"]")))
				.contains("苏州精密");
			browser.go(complaint);

			browser.type(By.id("resolution"), "补发货物并承担停工损失。");
			browser.type(By.id("rootCause"), "物流商排期错误。");
			browser.click(By.id("resolve-submit"));
			browser.waitForText(By.id("complaint-status"), "已解决，待回访");
			assertThat(browser.text(By.id("complaint-resolution"))).isEqualTo("补发货物并承担停工损失。");

			browser.choose(By.id("satisfaction"), "4");
			browser.type(By.id("notes"), "客户对处理速度满意。");
			browser.click(By.id("return-visit-submit"));
			browser.waitForText(By.id("complaint-status"), "已关闭");
			assertThat(browser.text(By.id("complaint-satisfaction"))).isEqualTo("4 / 5");

			browser.go("/accounts/" + account);
			browser.waitForText(By.id("account-complaints"), "已关闭");
			// The return visit's 4 is the account's latest satisfaction on its data card.
			browser.waitForText(By.id("satisfaction-latest"), "4 / 5");
			assertThat(browser.text(By.id("satisfaction-latest-source"))).contains("投诉回访");
		}
	}

}
