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

import static io.dakehu.support.PageCsrf.csrf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The customer selection pages (DOMAIN.md §6) as a browser receives them: the form with
 * the eight criteria, the evaluation with its principles and reasons, a manager accepting
 * it (a KAM has no form and is refused), the part on the account page, errors naming the
 * criterion in the reader's language with nothing saved, another KAM's account not found.
 */
abstract class SelectionPagesTests extends ApiTestSupport {

	/** Ratings 5 4 5 3 4 5 4 3: 20 + 11.25 + 15 + 2.5 + 11.25 + 10 + 7.5 + 5 = 82.5. */
	private static final String[] GOOD = { "5", "4", "5", "3", "4", "5", "4", "3" };

	@Autowired
	MockMvc mvc;

	private String manager;

	private String kam;

	private String otherKam;

	@BeforeEach
	void people() {
		this.manager = this.given.manager();
		this.kam = this.given.kam(this.given.team(this.manager), this.manager);
		this.otherKam = this.given.kam();
	}

	@Test
	void anEvaluationFromTheFormShowsItsPrinciplesAndAManagerAcceptsIt() throws Exception {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Selected")).id();
		String form = page(this.kam, get("/accounts/" + account + "/selection-evaluations/new"), 200);
		for (int n = 1; n <= 8; n++) {
			assertThat(form).as("#%d", n).contains("name=\"inputs." + n + "\"");
		}
		assertThat(form).contains("Integrity").contains("(weight 20)").contains("Mushroom picking");
		String location = evaluate(this.kam, account, GOOD, "100000");
		assertThat(location).startsWith("/selection-evaluations/");
		String shown = page(this.kam, get(location), 200);
		assertThat(shown).contains("id=\"selection-score\">82.50<")
			.contains(">Recommend<")
			.contains("Every principle holds")
			.contains("Owner " + this.kam + ": no other key accounts; maximum 30")
			.doesNotContain("selection-accept-form")
			.contains("A manager accepts a recommendation.");
		String version = String.valueOf(this.api.get(this.kam, "/api/v1" + location).expect(200).version());
		this.mvc
			.perform(post(location + "/accept").with(as(this.kam))
				.with(csrf())
				.param("version", version)
				.param("keyAccountType", "ECONOMIC"))
			.andExpect((r) -> assertThat(r.getResponse().getStatus()).isEqualTo(403));
		assertThat(page(this.manager, get(location), 200)).contains("selection-accept-form");
		this.mvc
			.perform(post(location + "/accept").with(as(this.manager))
				.with(csrf())
				.param("version", version)
				.param("keyAccountType", "GROUP"))
			.andExpect((r) -> assertThat(r.getResponse().getStatus()).isEqualTo(302));
		assertThat(page(this.kam, get(location), 200)).contains("id=\"selection-accepted\"")
			.contains("Group (in our value chain)");
		assertThat(this.api.get(this.kam, "/api/v1/accounts/" + account).expect(200).text("keyAccountType"))
			.isEqualTo("GROUP");
		assertThat(page(this.kam, get("/accounts/" + account + "/selection/section"), 200)).contains("1 selection")
			.contains(">Recommend<");
		assertThat(page(this.kam, get("/accounts/" + account), 200)).contains("/selection/section");
	}

	@Test
	void badInputNamesTheCriterionInTheReadersLanguageAndSavesNothing() throws Exception {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Unsure")).id();
		String[] ratings = GOOD.clone();
		ratings[2] = "7";
		MockHttpServletRequestBuilder request = form(post("/accounts/" + account + "/selection-evaluations"), ratings,
				"很多")
			.locale(Locale.CHINA)
			.header("Accept-Language", "zh-CN");
		String refused = page(this.kam, request.with(csrf()), 200);
		assertThat(refused).contains("#3 经济实力").contains("is-invalid").contains("请更正标出的");
		ratings[2] = "5";
		String figures = page(this.kam,
				form(post("/accounts/" + account + "/selection-evaluations"), ratings, "很多").locale(Locale.CHINA)
					.header("Accept-Language", "zh-CN")
					.with(csrf()),
				200);
		assertThat(figures).contains("必须是不小于 0 的金额");
		assertThat(this.jdbc.sql("select count(*) from selection_evaluation where account_id = :a")
			.param("a", account)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anotherKamsAccountIsNotFound() throws Exception {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Private selection")).id();
		String location = evaluate(this.kam, account, GOOD, "100000");
		for (String path : new String[] { location, "/accounts/" + account + "/selection-evaluations/new",
				"/accounts/" + account + "/selection/section" }) {
			page(this.otherKam, get(path), 404);
		}
		page(this.otherKam, form(post("/accounts/" + account + "/selection-evaluations"), GOOD, "1").with(csrf()), 404);
		assertThat(this.api.get(Api.ADMIN, "/api/v1/accounts/" + account + "/selection-evaluations").expect(200).body())
			.hasSize(1);
	}

	private String evaluate(String user, long account, String[] ratings, String purchases) throws Exception {
		return this.mvc
			.perform(form(post("/accounts/" + account + "/selection-evaluations"), ratings, purchases).with(as(user))
				.with(csrf()))
			.andExpect((r) -> assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString())
				.isEqualTo(302))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
	}

	private static MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder request, String[] ratings,
			String purchases) {
		for (int i = 0; i < ratings.length; i++) {
			request.param("inputs." + (i + 1), ratings[i]);
		}
		return request.param("expectedYearlyPurchases", purchases)
			.param("expectedMarginPercent", "20")
			.param("expectedContactCost", "5000")
			.param("years", "5")
			.param("strategy", "FISHING");
	}

	private String page(String user, MockHttpServletRequestBuilder request, int status) throws Exception {
		request.with(as(user));
		var response = this.mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
		return response.getContentAsString();
	}

	/** Signed in as a user the fixtures made, with the role their name begins with. */
	private static RequestPostProcessor as(String user) {
		return user(user).roles(user.substring(0, user.indexOf('-')).toUpperCase(Locale.ROOT));
	}

}
