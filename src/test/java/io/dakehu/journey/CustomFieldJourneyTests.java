package io.dakehu.journey;

import java.util.List;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Custom fields in Chinese, in a real browser: an administrator adds a choice field to
 * accounts, and a KAM fills it on their account and sees it on the account's page; the
 * KAM also fills an opportunity's field when opening a deal on that account.
 */
@JourneyTest
class CustomFieldJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAdministratorAddsAFieldAndAKamFillsItInChinese() throws Exception {
		Api api = new Api(this.port);
		Fixtures given = new Fixtures(api);
		String kam = given.kam();
		String name = Fixtures.unique("常州汽配");
		long account = given.accountOwnedBy(kam, name).id();
		String key = Fixtures.unique("industryCode").replace("-", "_");
		String dealKey = Fixtures.unique("tender").replace("-", "_");
		api.post(Api.ADMIN, "/api/v1/custom-fields",
				Api.json("recordType", "OPPORTUNITY", "key", dealKey, "type", "SINGLE_CHOICE", "labels",
						Map.of("zh", "招标方式", "en", "Tender"), "options",
						List.of(Map.of("key", "OPEN", "labels", Map.of("zh", "公开招标", "en", "Open")))))
			.expect(201);
		try {
			try (Browser browser = Browser.open(this.port, "zh-CN")) {
				browser.login(Api.ADMIN, Api.ADMIN_PASSWORD);
				browser.navigate("nav-custom-fields");
				browser.waitForText(By.tagName("h1"), "自定义字段");
				browser.type(By.id("key"), key);
				browser.choose(By.id("type"), "SINGLE_CHOICE");
				browser.type(By.id("labelZh"), "国标行业");
				browser.type(By.id("labelEn"), "Industry (GB)");
				browser.type(By.id("options"), "C3670 | 汽车零部件制造 | Auto parts\nC3511 | 矿山机械制造 | Mining machinery");
				browser.click(By.id("save-custom-field"));
				browser.waitForText(By.tagName("body"), "自定义字段已保存。");
				browser.waitForText(By.id("field-ACCOUNT-" + key), "国标行业");
			}
			try (Browser browser = Browser.open(this.port, "zh-CN")) {
				browser.login(kam, Api.USER_PASSWORD);
				browser.go("/accounts/" + account + "/edit");
				browser.waitForText(By.id("custom-fields"), "国标行业");
				browser.choose(By.id("cf-" + key), "C3670");
				browser.click(By.id("save-account"));
				browser.waitForText(By.id("cf-value-" + key), "汽车零部件制造");
				browser.waitForText(By.id("custom-field-values"), "国标行业");
				browser.go("/opportunities/new?accountId=" + account);
				browser.type(By.id("name"), "年度框架协议");
				browser.choose(By.id("cf-" + dealKey), "OPEN");
				browser.click(By.id("save-opportunity"));
				browser.waitForText(By.id("cf-value-" + dealKey), "公开招标");
			}
			assertThat(api.get(kam, "/api/v1/accounts/" + account)
				.expect(200)
				.body()
				.get("customFields")
				.get(key)
				.asString()).isEqualTo("C3670");
		}
		finally {
			// No other test's account forms should meet this field.
			this.jdbc.sql("update custom_field set active = false where field_key in (:keys)")
				.param("keys", List.of(key, dealKey))
				.update();
		}
	}

}
