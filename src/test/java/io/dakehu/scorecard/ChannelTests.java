package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static io.dakehu.support.Api.json;
import static io.dakehu.support.PageCsrf.csrf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Channel evaluation (DOMAIN.md §6.1): accounts marked as channel partners, the score (Σ
 * weight × rating ÷ 5, computed here from the weights) and its band on each side of each
 * boundary, the partner's interests beside the score, the partners by band with the
 * year's coverage, scope, bad input, and the pages.
 */
abstract class ChannelTests extends ApiTestSupport {

	/** DOMAIN.md §6.1 weights of factors 1–8. */
	private static final int[] WEIGHTS = { 20, 10, 10, 15, 10, 15, 10, 10 };

	@Autowired
	MockMvc mvc;

	private String kam;

	private String otherKam;

	@BeforeEach
	void people() {
		this.kam = this.given.kam();
		this.otherKam = this.given.kam();
	}

	@Test
	void eachBandStartsAtItsBoundary() {
		long partner = partner("Boundary dealer");
		Object[][] cases = { { new int[] { 2, 5, 5, 4, 5, 5, 5, 5 }, "CORE" },
				{ new int[] { 1, 5, 5, 5, 5, 5, 5, 5 }, "QUALIFIED" },
				{ new int[] { 1, 1, 2, 5, 5, 5, 5, 5 }, "QUALIFIED" },
				{ new int[] { 1, 1, 3, 4, 5, 5, 5, 5 }, "PROBATION" },
				{ new int[] { 1, 1, 1, 2, 3, 5, 5, 5 }, "PROBATION" },
				{ new int[] { 1, 1, 1, 1, 4, 5, 5, 5 }, "NOT_QUALIFIED" } };
		int[] boundaries = { 85, 84, 70, 69, 55, 54 };
		for (int i = 0; i < cases.length; i++) {
			int[] ratings = (int[]) cases[i][0];
			BigDecimal expected = score(ratings);
			assertThat(expected).isEqualByComparingTo(BigDecimal.valueOf(boundaries[i]));
			Response evaluated = evaluate(this.kam, partner, ratings, Map.of()).expect(201);
			assertThat(evaluated.body().get("score").decimalValue()).as("%s", expected).isEqualByComparingTo(expected);
			assertThat(evaluated.text("band")).as("%s", expected).isEqualTo(cases[i][1]);
		}
	}

	@Test
	void thePartnersInterestsStandBesideTheScoreAndTheListCountsByBandWithCoverage() {
		long core = partner("Core dealer");
		long never = partner("New dealer");
		long other = this.given
			.account(Api.ADMIN,
					json("name", Fixtures.unique("Elsewhere"), "owner", this.otherKam, "channelPartner", true))
			.id();
		Response evaluated = evaluate(this.kam, core, new int[] { 5, 5, 5, 5, 5, 5, 4, 4 },
				Map.of("margin", "Wants 12 % on the main line", "financing", "60 days"))
			.expect(201);
		assertThat(evaluated.text("band")).isEqualTo("CORE");
		assertThat(evaluated.body().get("interests").get("margin").asString()).isEqualTo("Wants 12 % on the main line");
		assertThat(evaluated.body().get("interests").get("financing").asString()).isEqualTo("60 days");
		assertThat(evaluated.body().get("factors")).hasSize(8);

		JsonNode list = this.api.get(this.kam, "/api/v1/channel-partners").expect(200).body();
		assertThat(list.get("total").asLong()).isEqualTo(2);
		assertThat(list.get("evaluatedThisYear").asLong()).isEqualTo(1);
		assertThat(list.get("counts").get("CORE").asLong()).isEqualTo(1);
		assertThat(list.get("counts").get("NONE").asLong()).isEqualTo(1);
		assertThat(list.toString()).doesNotContain("\"accountId\":" + other + ",");
		JsonNode onlyNew = this.api.get(this.kam, "/api/v1/channel-partners?band=NONE").expect(200).body();
		assertThat(onlyNew.get("partners")).hasSize(1);
		assertThat(onlyNew.get("partners").get(0).get("accountId").asLong()).isEqualTo(never);
		assertThat(this.api.get(this.kam, "/api/v1/accounts/" + core + "/channel-evaluations").expect(200).body())
			.hasSize(1);
	}

	@Test
	void onlyAChannelPartnerIsEvaluatedAnotherKamsIsNotFoundAndBadInputSavesNothing() {
		long plain = this.given.accountOwnedBy(this.kam, Fixtures.unique("Plain customer")).id();
		Response refused = evaluate(this.kam, plain, new int[] { 3, 3, 3, 3, 3, 3, 3, 3 }, Map.of()).expect(400);
		assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("channelPartner");
		long partner = partner("Guarded dealer");
		evaluate(this.otherKam, partner, new int[] { 3, 3, 3, 3, 3, 3, 3, 3 }, Map.of()).expect(404);
		Response badRating = evaluate(this.kam, partner, new int[] { 3, 3, 3, 3, 0, 3, 3, 3 }, Map.of()).expect(400);
		assertThat(badRating.body().get("errors").get(0).get("field").asString()).isEqualTo("inputs.5");
		assertThat(badRating.body().get("errors").get(0).get("message").asString()).contains("#5");
		Response tooLong = evaluate(this.kam, partner, new int[] { 3, 3, 3, 3, 3, 3, 3, 3 },
				Map.of("market", "x".repeat(501)))
			.expect(400);
		assertThat(tooLong.body().get("errors").get(0).get("field").asString()).isEqualTo("interests.market");
		assertThat(this.jdbc.sql("select count(*) from channel_evaluation where account_id in (:a)")
			.param("a", List.of(plain, partner))
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void thePagesEvaluateAPartnerAndListThePartnersByBand() throws Exception {
		long partner = partner("Paged dealer");
		String form = page(get("/accounts/" + partner + "/channel-evaluations/new"), 200);
		assertThat(form).contains("name=\"inputs.8\"").contains("Coverage").contains("name=\"interests.financing\"");
		MockHttpServletRequestBuilder post = post("/accounts/" + partner + "/channel-evaluations").with(csrf())
			.param("interests.support", "Training for its sales staff");
		int[] ratings = { 4, 4, 4, 4, 4, 4, 4, 4 };
		for (int i = 0; i < ratings.length; i++) {
			post.param("inputs." + (i + 1), String.valueOf(ratings[i]));
		}
		String location = this.mvc.perform(post.with(user(this.kam).roles("KAM")))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).startsWith("/channel-evaluations/");
		// 4 of 5 on every factor: 80, qualified.
		assertThat(page(get(location), 200)).contains("id=\"channel-score\">80.00<")
			.contains("Qualified")
			.contains("Training for its sales staff");
		String list = page(get("/channel-partners"), 200);
		assertThat(list).contains("Paged dealer").contains("Evaluated in ").contains("1 of 1 partner<");
		String chinese = page(get("/channel-partners").locale(Locale.CHINA).header("Accept-Language", "zh-CN"), 200);
		assertThat(chinese).contains("核心伙伴").contains("个渠道伙伴");
		assertThat(page(get("/accounts/" + partner + "/channel/section"), 200)).contains("1 evaluation");
		assertThat(page(get("/accounts/" + partner), 200)).contains("/channel/section").contains("Channel partner");
	}

	private String page(MockHttpServletRequestBuilder request, int status) throws Exception {
		var response = this.mvc.perform(request.with(user(this.kam).roles("KAM"))).andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
		return response.getContentAsString();
	}

	private long partner(String name) {
		return this.given
			.account(Api.ADMIN, json("name", Fixtures.unique(name), "owner", this.kam, "channelPartner", true))
			.id();
	}

	/** Σ weight × rating ÷ 5. */
	private static BigDecimal score(int[] ratings) {
		int total = 0;
		for (int i = 0; i < ratings.length; i++) {
			total += WEIGHTS[i] * ratings[i];
		}
		return BigDecimal.valueOf(total).divide(BigDecimal.valueOf(5));
	}

	private Response evaluate(String user, long account, int[] ratings, Map<String, String> interests) {
		Map<String, Object> inputs = new HashMap<>();
		for (int i = 0; i < ratings.length; i++) {
			inputs.put(String.valueOf(i + 1), ratings[i]);
		}
		return this.api.post(user, "/api/v1/accounts/" + account + "/channel-evaluations",
				json("inputs", inputs, "interests", interests));
	}

}
