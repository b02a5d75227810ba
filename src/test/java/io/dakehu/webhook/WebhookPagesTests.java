package io.dakehu.webhook;

import java.util.Locale;

import io.dakehu.identity.NewUser;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserAdministration;
import io.dakehu.support.H2IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static io.dakehu.support.PageCsrf.csrf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The administrators' webhook pages in both languages: the list, a refused URL that saves
 * nothing, adding one, its page with the log, the test event, switching it off, deleting
 * it; other users are refused.
 */
@H2IntegrationTest
class WebhookPagesTests {

	private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAdministration administration;

	@Test
	void anAdministratorAddsTestsSwitchesOffAndDeletesAWebhook() throws Exception {
		assertThat(page(get("/admin/webhooks"), true)).contains("Webhook 推送").contains("新建 Webhook");
		assertThat(page(get("/admin/webhooks/new"), false)).contains("New webhook")
			.contains("Account returned to the pool");
		long before = webhooks();

		String refused = this.mvc
			.perform(post("/admin/webhooks").with(ADMIN)
				.with(csrf())
				.locale(Locale.ENGLISH)
				.param("url", "ftp://example.com/hook")
				.param("secret", "0123456789abcdef0123")
				.param("events", "account.created"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(refused).contains("URL: must be an http or https address");
		assertThat(webhooks()).isEqualTo(before);

		String location = this.mvc
			.perform(post("/admin/webhooks").with(ADMIN)
				.with(csrf())
				.param("url", "http://127.0.0.1:9/pages-hook")
				.param("secret", "0123456789abcdef0123")
				.param("events", "account.created", "opportunity.won"))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		assertThat(page(get(location), false)).contains("Deliveries log")
			.contains("No attempts yet.")
			.contains("Send test event");
		assertThat(page(get(location), true)).contains("推送记录").contains("发送测试事件");

		this.mvc.perform(post(location + "/test").with(ADMIN).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.sql("select count(*) from webhook_delivery where webhook_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isOne();

		this.mvc
			.perform(post(location).with(ADMIN)
				.with(csrf())
				.param("url", "http://127.0.0.1:9/pages-hook")
				.param("events", "opportunity.won")
				.param("version", "0"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.jdbc.sql("select active from webhook where id = :id")
			.param("id", id)
			.query(Boolean.class)
			.single()).isFalse();

		String kam = "hookkam" + System.nanoTime();
		this.administration.create(new NewUser(kam, "Name " + kam, null, "Secret-Pass-1", Role.KAM, null, null));
		this.mvc.perform(get("/admin/webhooks").with(user(kam).roles("KAM"))).andExpect(status().isForbidden());

		this.mvc.perform(post(location + "/delete").with(ADMIN).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(webhooks()).isEqualTo(before);
	}

	@Test
	void theApiDescriptionCarriesTheEventCatalogue() throws Exception {
		String description = this.mvc.perform(get("/v3/api-docs").with(ADMIN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(description).contains("X-Dakehu-Signature")
			.contains("`account.tier_changed`")
			.contains("`receipt.recorded`")
			.contains("/api/v1/webhooks/{id}/test");
	}

	private long webhooks() {
		return this.jdbc.sql("select count(*) from webhook").query(Long.class).single();
	}

	private String page(MockHttpServletRequestBuilder request, boolean chinese) throws Exception {
		request.with(ADMIN);
		if (chinese) {
			request.locale(Locale.SIMPLIFIED_CHINESE).header("Accept-Language", "zh-CN");
		}
		else {
			request.locale(Locale.ENGLISH).header("Accept-Language", "en");
		}
		return this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

}
