package io.dakehu.journey;

import java.time.Clock;
import java.time.LocalDate;

import io.dakehu.support.Api;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeping a key account in Chinese, in a real browser: a KAM plans an executive visit
 * (高层主管拜访) from the account page with a budget above the approval threshold, so it waits
 * for approval; their manager finds it in the approvals inbox and approves it with a
 * comment; the KAM sees it approved on the account page.
 */
@JourneyTest
class LoyaltyJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	@Test
	void aKamPlansAnExecutiveVisitTheManagerApprovesItAndTheKamSeesItApprovedInChinese() throws Exception {
		// The form proposes a week from today.
		LocalDate visit = LocalDate.now(this.clock).plusDays(7);
		Api api = new Api(this.port);
		Fixtures given = new Fixtures(api);
		String manager = given.manager();
		String kam = given.kam(given.team(manager), manager);
		String name = Fixtures.unique("无锡华光电子");
		long account = given.accountOwnedBy(kam, name).id();

		try (Browser browser = Browser.open(this.port, "zh-CN")) {
			browser.login(kam, Api.USER_PASSWORD);
			browser.go("/accounts/" + account);
			browser.click(By.id("loyalty-plan-link"));
			browser.waitForText(By.tagName("h1"), "计划忠诚度措施");
			browser.choose(By.id("loyalty-type"), "EXECUTIVE_VISIT");
			browser.type(By.id("loyalty-budget"), "8000");
			browser.type(By.id("loyalty-description"), "总经理拜访对方董事长，商谈明年合作");
			browser.type(By.id("loyalty-reason"), "客户近期采购下降，需高层出面");
			browser.click(By.id("loyalty-save"));
			browser.waitForText(By.tagName("body"), "忠诚度措施已计划，等待审批。");
			assertThat(browser.text(By.id("loyalty-status"))).isEqualTo("等待审批");
			assertThat(browser.text(By.id("loyalty-approvals"))).contains("待审批", "经理");
		}

		try (Browser browser = Browser.open(this.port, "zh-CN")) {
			browser.login(manager, Api.USER_PASSWORD);
			browser.navigate("nav-approvals");
			browser.waitForText(By.tagName("h1"), "审批");
			assertThat(browser.text(By.id("approval-list"))).contains("高层主管拜访 · " + name, "8,000.00");
			browser.click(By.linkText("高层主管拜访 · " + name));
			browser.waitForText(By.id("approval-status"), "待审批");
			browser.type(By.id("approval-comment-input"), "同意，请做好准备");
			browser.click(By.id("approval-approve"));
			browser.waitForText(By.tagName("body"), "申请已批准。");
			assertThat(browser.text(By.id("approval-status"))).isEqualTo("批准");
			assertThat(browser.text(By.id("approval-comment"))).isEqualTo("同意，请做好准备");
		}

		try (Browser browser = Browser.open(this.port, "zh-CN")) {
			browser.login(kam, Api.USER_PASSWORD);
			browser.go("/accounts/" + account);
			browser.waitForText(By.id("loyalty-actions"), "已批准");
			assertThat(browser.text(By.id("loyalty-actions"))).contains(visit.toString(), "高层主管拜访", "8,000");
			browser.click(By.cssSelector("#loyalty-actions a"));
			browser.waitForText(By.id("loyalty-status"), "已批准");
			assertThat(browser.text(By.id("loyalty-approvals"))).contains("批准", "同意，请做好准备");
		}
	}

}
