package io.dakehu.scorecard;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

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
 * The credit rating pages (DOMAIN.md §5) as a browser receives them: the form with the
 * indicators by category, the rating with its points and suggested credit, a manager
 * granting credit (a KAM is refused), the grade on the account page, list and
 * opportunity, field errors in the reader's language with nothing saved, the ratings due,
 * another KAM's account not found, and a downgrade told to the owner and their manager.
 */
abstract class CreditRatingPagesTests extends ApiTestSupport {

	@Autowired
	MockMvc mvc;

	private String manager;

	private String kam;

	private String otherKam;

	private LocalDate quarterStart;

	private String quarter;

	private final Map<Long, String> names = new HashMap<>();

	@BeforeEach
	void people() {
		this.manager = this.given.manager();
		this.kam = this.given.kam(this.given.team(this.manager), null);
		this.otherKam = this.given.kam();
		LocalDate today = LocalDate.now();
		this.quarterStart = LocalDate.of(today.getYear(), ((today.getMonthValue() - 1) / 3) * 3 + 1, 1);
		this.quarter = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
	}

	@Test
	void theFormGroupsTheIndicatorsAndShowsTheComputedOnes() throws Exception {
		long account = account("Form buyer");
		String form = page(this.kam, get("/accounts/" + account + "/credit-ratings/new"), 200);
		for (int n = 2; n <= 20; n++) {
			if (n != 15) {
				assertThat(form).as("#%d", n).contains("name=\"inputs." + n + "\"");
			}
		}
		// #1 years with us and #15 the tier are Dakehu's, replaced only with a reason.
		assertThat(form).doesNotContain("name=\"inputs.1\"")
			.doesNotContain("name=\"inputs.15\"")
			.contains("name=\"overrides.1.value\"")
			.contains("name=\"overrides.15.reason\"")
			.contains("Computed")
			.contains("Not ranked")
			.contains("a rating from 1 to 5")
			.contains("a percentage")
			.contains("<option value=\"" + this.quarter + "\" selected=\"selected\"");
		String chinese = page(this.kam, get("/accounts/" + account + "/credit-ratings/new").locale(Locale.CHINA)
			.header("Accept-Language", "zh-CN"), 200);
		assertThat(chinese).contains("系统计算").contains("填写理由后覆盖");
	}

	@Test
	void anAccountWithContractsHasItsPaymentRecordComputedOnTheForm() throws Exception {
		long account = account("Paying form buyer");
		// 2 000 due 50 days before the quarter, paid 10 days early: 100 % on time, 0 days
		// late, no default; no contract ended, so #8 is still entered.
		var created = this.api
			.post(this.kam, "/api/v1/contracts",
					json("accountId", account, "signedDate", this.quarterStart.minusDays(90).toString(), "amount",
							"2000", "instalments",
							java.util.List
								.of(json("dueDate", this.quarterStart.minusDays(50).toString(), "amount", "2000"))))
			.expect(201);
		long contract = this.api
			.post(this.kam, "/api/v1/contracts/" + created.id() + "/activate", json("version", created.version()))
			.expect(200)
			.id();
		this.api
			.post(this.kam, "/api/v1/receipts",
					json("contractId", contract, "date", this.quarterStart.minusDays(60).toString(), "amount", "2000",
							"method", "BANK_TRANSFER"))
			.expect(201);
		String form = page(this.kam, get("/accounts/" + account + "/credit-ratings/new"), 200);
		assertThat(form).doesNotContain("name=\"inputs.6\"")
			.doesNotContain("name=\"inputs.7\"")
			.doesNotContain("name=\"inputs.9\"")
			.contains("name=\"overrides.6.value\"")
			.contains("name=\"overrides.9.reason\"")
			.contains("name=\"inputs.8\"")
			.containsPattern("id=\"f-6\"[^>]*value=\"100\"")
			.containsPattern("id=\"f-7\"[^>]*value=\"0\"")
			// Years and tier show their values too: no purchase is 0 years, unranked.
			.containsPattern("id=\"f-1\"[^>]*value=\"0\"")
			.containsPattern("id=\"f-15\"[^>]*value=\"Not ranked\"");
	}

	@Test
	void aRatingFromTheFormShowsItsPointsGradeAndSuggestedCredit() throws Exception {
		long account = account("Rated buyer");
		order(account, this.quarterStart.minusDays(10), 10000);
		String location = rate(this.kam, account, CreditRatingTests.goodInputs());
		assertThat(location).startsWith("/credit-ratings/");
		String rating = page(this.kam, get(location), 200);
		// Entered 50 non-financial + 22 financial; #1 is 10 days, under a year: 1 point;
		// #15 unranked: 0. 73 is A: 15 % of 10 000 and 45 days.
		assertThat(rating).contains("id=\"rating-score\">73.00<")
			.contains("id=\"rating-financial\">22.00<")
			.contains("id=\"rating-non-financial\">51.00<")
			.contains("dk-grade-A\">A<")
			.contains("id=\"suggested-limit\">1,500.00<")
			.contains("45 days")
			.doesNotContain("id=\"provisional\"")
			// A KAM reads the suggestion but has nothing to grant it with.
			.doesNotContain("accept-form")
			.contains("a manager grants the credit");
		String section = page(this.kam, get("/accounts/" + account + "/credit/section"), 200);
		assertThat(section).contains("dk-grade-A\">A<").contains("Not granted").contains("Grade history (1 rating)");
		String list = page(this.kam, get("/accounts").param("q", "Rated buyer"), 200);
		assertThat(list).contains("Credit grade").contains("dk-grade-A\">A<");
		assertThat(page(this.kam, get("/accounts").param("grade", "A"), 200)).contains(name(account));
		assertThat(page(this.kam, get("/accounts").param("grade", "AA"), 200)).doesNotContain(name(account));
		assertThat(page(this.kam, get("/accounts/" + account + "/credit/badge"), 200)).contains(">A<");
		// The KAM's only rated account: one A, unranked, linked to the list of A
		// accounts.
		String heatmap = page(this.kam, get("/credit-ratings/heatmap"), 200);
		assertThat(heatmap).containsPattern("id=\"heat-NONE-A\"[^>]*>1<").contains("/accounts?grade=A");
		assertThat(heatmap).doesNotContainPattern("id=\"heat-[A-Z]+-(AAA|AA|B|C)\"");
		assertThat(page(this.otherKam, get("/credit-ratings/heatmap"), 200)).doesNotContain("id=\"heat-");
	}

	@Test
	void badValuesAreShownByTheIndicatorInTheReadersLanguageAndNothingIsSaved() throws Exception {
		long account = account("Bad figures");
		Map<String, Object> inputs = CreditRatingTests.goodInputs();
		inputs.put("2", 6);
		inputs.put("10", 250);
		inputs.put("11", "abc");
		String english = page(this.kam, form(post("/accounts/" + account + "/credit-ratings"), inputs).with(csrf()),
				200);
		// Each message names its indicator by number and name.
		assertThat(english).contains("3 indicators need correcting")
			.containsPattern("#2 [^<:]+: must be a whole rating from 1 to 5")
			.containsPattern("#10 [^<:]+: must be a percentage from -100 to 100")
			.containsPattern("#11 [^<:]+: must be a number")
			.contains("is-invalid")
			// What was typed stays in the form.
			.contains("value=\"abc\"");
		String chinese = page(this.kam,
				form(post("/accounts/" + account + "/credit-ratings"), inputs).with(csrf())
					.locale(Locale.CHINA)
					.header("Accept-Language", "zh-CN"),
				200);
		assertThat(chinese).containsPattern("#2 [^<：]+：须为 1 到 5 的整数评分")
			.containsPattern("#10 [^<：]+：须为 -100 到 100 之间的百分比");
		String noReason = page(this.kam,
				form(post("/accounts/" + account + "/credit-ratings"), CreditRatingTests.goodInputs()).with(csrf())
					.param("overrides.15.value", "VIP"),
				200);
		assertThat(noReason).containsPattern("#15 [^<:]+: an override needs a reason");
		assertThat(this.jdbc.sql("select count(*) from credit_rating where account_id = :a")
			.param("a", account)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aManagerGrantsCreditAKamIsRefusedAndAnotherKamFindsNothing() throws Exception {
		long account = account("Credit line");
		order(account, this.quarterStart.minusDays(10), 10000);
		String location = rate(this.kam, account, CreditRatingTests.goodInputs());
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		String accept = location + "/accept";
		this.mvc.perform(post(accept).with(as(this.kam)).with(csrf()).param("version", "0"))
			.andExpect((r) -> assertThat(r.getResponse().getStatus()).isEqualTo(403));
		for (String path : new String[] { location, "/accounts/" + account + "/credit-ratings/new",
				"/accounts/" + account + "/credit/section" }) {
			page(this.otherKam, get(path), 404);
		}
		page(this.otherKam, post(accept).with(csrf()).param("version", "0"), 404);
		assertThat(this.jdbc.sql("select accepted_at from credit_rating where id = :id")
			.param("id", id)
			.query(java.sql.Timestamp.class)
			.optional()).isEmpty();
		assertThat(page(this.otherKam, get("/accounts/" + account + "/credit/badge"), 200)).doesNotContain("dk-grade");

		String managerView = page(this.manager, get(location), 200);
		assertThat(managerView).contains("id=\"accept-form\"").contains("value=\"1500.00\"");
		java.util.regex.Matcher read = java.util.regex.Pattern.compile("name=\"version\" value=\"(\\d+)\"")
			.matcher(managerView);
		assertThat(read.find()).isTrue();
		String version = read.group(1);
		String noNote = page(this.manager,
				post(accept).with(csrf()).param("version", version).param("limit", "2000").param("termsDays", "30"),
				200);
		assertThat(noNote).contains("Say why when the limit or terms differ from the suggestion");
		String granted = this.mvc
			.perform(post(accept).with(as(this.manager))
				.with(csrf())
				.param("version", version)
				.param("limit", "2000")
				.param("termsDays", "30")
				.param("note", "Long-standing payer"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(granted).isEqualTo(location);
		assertThat(page(this.kam, get(location), 200)).contains("id=\"accepted-limit\">2,000.00<")
			.contains("30 days")
			.contains("Long-standing payer");
		assertThat(page(this.kam, get("/accounts/" + account + "/credit/section"), 200))
			.contains("id=\"account-limit\">2,000.00<")
			.contains("id=\"account-terms\">30 days<");
		assertThat(this.jdbc
			.sql("select count(*) from audit_log where entity_type = 'CreditRating' and entity_id = :id"
					+ " and field = 'acceptedLimit'")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(1);
		// The version read before the grant is stale now.
		page(this.manager, post(accept).with(csrf()).param("version", version), 409);
	}

	@Test
	void theDueListShowsTheAccountsNotRatedThisQuarter() throws Exception {
		long rated = account("Due rated");
		long unrated = account("Due unrated");
		rate(this.kam, rated, CreditRatingTests.goodInputs());
		String due = page(this.kam, get("/credit-ratings/due"), 200);
		assertThat(due).contains(this.quarter).contains(name(unrated)).doesNotContain(name(rated));
		assertThat(page(this.manager, get("/credit-ratings/due").param("owner", this.kam), 200))
			.contains(name(unrated));
		assertThat(page(this.otherKam, get("/credit-ratings/due"), 200)).doesNotContain(name(unrated));
	}

	@Test
	void aDowngradeTellsTheOwnerAndTheirManager() throws Exception {
		long account = account("Falling grade");
		rate(this.kam, account, CreditRatingTests.goodInputs());
		// Nothing entered: only #1 and #15, 0 points here; C, provisional.
		String location = rate(this.kam, account, Map.of());
		assertThat(page(this.kam, get(location), 200)).contains("dk-grade-C\">C<").contains("id=\"provisional\"");
		String expected = "The credit grade of " + name(account) + " fell from A to C in " + this.quarter;
		for (String user : new String[] { this.kam, this.manager }) {
			assertThat(this.api.get(user, "/api/v1/me/notifications").expect(200).body().get("items").toString())
				.as(user)
				.contains(expected);
		}
		assertThat(this.api.get(this.otherKam, "/api/v1/me/notifications").expect(200).body().get("items").toString())
			.doesNotContain(name(account));
	}

	private long account(String prefix) {
		String name = Fixtures.unique(prefix);
		long id = this.given.accountOwnedBy(this.kam, name).id();
		this.names.put(id, name);
		return id;
	}

	private String name(long account) {
		return this.names.get(account);
	}

	/** Posts the rating form for the current quarter; where it leads. */
	private String rate(String user, long account, Map<String, Object> inputs) throws Exception {
		return this.mvc
			.perform(form(post("/accounts/" + account + "/credit-ratings"), inputs).with(as(user)).with(csrf()))
			.andExpect((r) -> assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString())
				.isEqualTo(302))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
	}

	private MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder request, Map<String, Object> inputs) {
		request.param("quarter", this.quarter);
		inputs.forEach((number, value) -> request.param("inputs." + number, String.valueOf(value)));
		return request;
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

	private void order(long account, LocalDate date, int amount) {
		this.api.post(Api.ADMIN, "/api/v1/orders", json("accountId", account, "date", date, "amount", amount))
			.expect(201);
	}

}
