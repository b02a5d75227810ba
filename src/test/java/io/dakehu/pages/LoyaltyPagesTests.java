package io.dakehu.pages;

import java.time.LocalDate;
import java.util.List;
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
 * The loyalty and approval pages: a key account manager plans a gift from the account,
 * the form names a missing field in the reader's language and saves nothing, the manager
 * approves it in the inbox, the account's section shows it approved, and it is carried
 * out and evaluated; the list, calendar and budget pages render in both languages.
 */
@H2IntegrationTest
class LoyaltyPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAdministration administration;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aGiftIsPlannedApprovedInTheInboxCarriedOutAndEvaluated() throws Exception {
		String director = person("pdir", Role.DIRECTOR, null);
		String manager = person("pman", Role.MANAGER, director);
		String kam = person("pkam", Role.KAM, manager);
		long account = PageFixtures.createOwnedBy(this.mvc, "Loyal pages " + kam, kam);
		RequestPostProcessor asKam = user(kam).roles("KAM");
		RequestPostProcessor asManager = user(manager).roles("MANAGER");

		assertThat(page(get("/loyalty-actions/new").param("accountId", Long.toString(account)), asKam, true))
			.contains("计划忠诚度措施")
			.contains("高层主管拜访");
		String missing = this.mvc
			.perform(post("/loyalty-actions").with(asKam)
				.with(csrf())
				.locale(Locale.ENGLISH)
				.param("accountId", Long.toString(account))
				.param("plannedOn", LocalDate.now().plusDays(3).toString())
				.param("budget", "300"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(missing).contains("Type: is required");
		assertThat(actions(account)).isZero();

		String location = this.mvc
			.perform(post("/loyalty-actions").with(asKam)
				.with(csrf())
				.param("accountId", Long.toString(account))
				.locale(Locale.SIMPLIFIED_CHINESE)
				.header("Accept-Language", "zh-CN")
				.param("type", "GIFT")
				.param("plannedOn", LocalDate.now().plusDays(3).toString())
				.param("budget", "300")
				.param("reason", "Anniversary"))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		long action = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		assertThat(page(get(location), asKam, false)).contains("Awaiting approval").contains(manager);

		long request = this.jdbc.sql("select id from approval_request where subject_id = :a and subject_kind = :k")
			.param("a", action)
			.param("k", "loyalty-action")
			.query(Long.class)
			.single();
		assertThat(page(get("/approvals"), asManager, true)).contains("approval-" + request).contains("礼品");
		assertThat(page(get("/approvals/" + request), asManager, false)).contains("id=\"approval-approve\"");
		// The requester sees their request but no decision form.
		assertThat(page(get("/approvals/" + request), asKam, false)).doesNotContain("id=\"approval-approve\"");
		this.mvc
			.perform(post("/approvals/" + request + "/approve").with(asManager)
				.with(csrf())
				.param("version",
						this.jdbc.sql("select version from approval_request where id = :id")
							.param("id", request)
							.query(Integer.class)
							.single()
							.toString())
				.param("comment", "Fine"))
			.andExpect(status().is3xxRedirection());
		assertThat(page(get("/accounts/" + account + "/loyalty/section"), asKam, true)).contains("已批准");
		assertThat(page(get("/approvals").param("box", "mine").param("status", "DECIDED"), asKam, false))
			.contains("approval-" + request);

		this.mvc
			.perform(post("/loyalty-actions/" + action + "/done").with(asKam)
				.with(csrf())
				.param("version", version(action))
				.param("spend", "280"))
			.andExpect(status().is3xxRedirection());
		this.mvc
			.perform(post("/loyalty-actions/" + action + "/evaluate").with(asKam)
				.with(csrf())
				.param("version", version(action))
				.param("outcome", "Thanked us")
				.param("effect", "IMPROVED"))
			.andExpect(status().is3xxRedirection());
		assertThat(page(get("/loyalty-actions/" + action), asKam, true)).contains("已评估").contains("关系改善");

		for (boolean chinese : List.of(false, true)) {
			assertThat(page(get("/loyalty-actions"), asKam, chinese)).contains("loyalty-" + action);
			assertThat(page(get("/loyalty-actions/calendar").param("month",
					LocalDate.now().plusDays(3).toString().substring(0, 7)), asManager, chinese))
				.contains("data-action=\"" + action + "\"");
			assertThat(page(get("/loyalty-actions/budget"), asManager, chinese)).contains("280.00");
		}
	}

	private String page(MockHttpServletRequestBuilder request, RequestPostProcessor who, boolean chinese)
			throws Exception {
		if (chinese) {
			request.locale(Locale.SIMPLIFIED_CHINESE).header("Accept-Language", "zh-CN");
		}
		else {
			request.locale(Locale.ENGLISH);
		}
		return this.mvc.perform(request.with(who))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private String person(String prefix, Role role, String manager) {
		String username = prefix + System.nanoTime();
		this.administration
			.create(new NewUser(username, "Name " + username, null, "Secret-Pass-1", role, null, manager));
		return username;
	}

	private int actions(long account) {
		return this.jdbc.sql("select count(*) from loyalty_action where account_id = :a")
			.param("a", account)
			.query(Integer.class)
			.single();
	}

	private String version(long action) {
		return this.jdbc.sql("select version from loyalty_action where id = :id")
			.param("id", action)
			.query(Integer.class)
			.single()
			.toString();
	}

}
