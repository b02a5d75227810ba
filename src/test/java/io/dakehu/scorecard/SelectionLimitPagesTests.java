package io.dakehu.scorecard;

import java.util.Locale;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static io.dakehu.support.Api.json;
import static io.dakehu.support.PageCsrf.csrf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The administrators' page of key-account maximums (DOMAIN.md §6, principle 2): each user
 * with the key accounts they hold and their maximum, a change saved and audited as the
 * API's is, a refused value named on its row in the reader's language with nothing
 * changed, and nobody else let in.
 */
abstract class SelectionLimitPagesTests extends ApiTestSupport {

	@Autowired
	MockMvc mvc;

	private String kam;

	@BeforeEach
	void people() {
		this.kam = this.given.kam(this.given.team(this.given.manager()), null);
	}

	@Test
	void anAdministratorSeesWhatEachUserHoldsAndChangesTheirMaximum() throws Exception {
		for (int i = 0; i < 2; i++) {
			this.given.account(Api.ADMIN,
					json("name", Fixtures.unique("Held key"), "owner", this.kam, "keyAccountType", "ECONOMIC"));
		}
		this.given.accountOwnedBy(this.kam, Fixtures.unique("Not key"));
		String page = page(Api.ADMIN, get("/admin/key-account-limits").locale(Locale.ENGLISH), 200);
		assertThat(page).contains("id=\"held-" + this.kam + "\">2<")
			.contains("Key-account maximums")
			.containsPattern("id=\"maximum-" + this.kam + "\"[^>]*value=\"30\"");

		var saved = this.mvc
			.perform(post("/admin/key-account-limits").with(as(Api.ADMIN))
				.with(csrf())
				.param("username", this.kam)
				.param("maximum", "2"))
			.andReturn()
			.getResponse();
		assertThat(saved.getStatus()).isEqualTo(302);
		assertThat(page(Api.ADMIN, get("/admin/key-account-limits"), 200))
			.containsPattern("id=\"maximum-" + this.kam + "\"[^>]*value=\"2\"")
			.contains("at maximum");
		assertThat(this.jdbc.sql("""
				select count(*) from audit_log where entity_type = 'KeyAccountLimit'
				and entity_id = (select id from app_user where username = :u)""")
			.param("u", this.kam)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aRefusedMaximumIsNamedOnItsRowAndChangesNothing() throws Exception {
		var refused = this.mvc
			.perform(post("/admin/key-account-limits").with(as(Api.ADMIN))
				.with(csrf())
				.locale(Locale.SIMPLIFIED_CHINESE)
				.param("username", this.kam)
				.param("maximum", "-3"))
			.andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(refused.getContentAsString()).contains("id=\"problem-" + this.kam + "\"")
			.contains("大客户数量上限: 必须是 0 到 100,000 之间的整数")
			.containsPattern("id=\"maximum-" + this.kam + "\"[^>]*value=\"-3\"");
		String text = this.mvc
			.perform(post("/admin/key-account-limits").with(as(Api.ADMIN))
				.with(csrf())
				.locale(Locale.ENGLISH)
				.param("username", this.kam)
				.param("maximum", "ten"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(text).contains("Maximum of key accounts: must be a whole number from 0 to 100,000");
		assertThat(this.jdbc.sql("""
				select count(*) from account_key_limit
				where user_id = (select id from app_user where username = :u)""")
			.param("u", this.kam)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void onlyAdministratorsReachThePage() throws Exception {
		page(this.kam, get("/admin/key-account-limits"), 403);
		var post = this.mvc
			.perform(post("/admin/key-account-limits").with(as(this.kam))
				.with(csrf())
				.param("username", this.kam)
				.param("maximum", "99"))
			.andReturn()
			.getResponse();
		assertThat(post.getStatus()).isEqualTo(403);
	}

	private String page(String user, MockHttpServletRequestBuilder request, int status) throws Exception {
		request.with(as(user));
		var response = this.mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
		return response.getContentAsString();
	}

	/**
	 * Signed in as a user the fixtures made, with the role their name begins with, or as
	 * the administrator.
	 */
	private static RequestPostProcessor as(String user) {
		return user(user)
			.roles((user.indexOf('-') < 0) ? "ADMIN" : user.substring(0, user.indexOf('-')).toUpperCase(Locale.ROOT));
	}

}
