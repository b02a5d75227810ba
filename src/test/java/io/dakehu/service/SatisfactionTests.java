package io.dakehu.service;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.dakehu.dataimport.ImportJobView;
import io.dakehu.dataimport.ImportJobs;
import io.dakehu.dataimport.ImportRequest;
import io.dakehu.dataimport.ImportStatus;
import io.dakehu.dataimport.ImportType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static io.dakehu.support.PageCsrf.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Satisfaction surveys (DOMAIN.md §10.3) over the API, the data card and the importer:
 * recording with the dimensions, the summary with complaints' return visits among the
 * scores, the trend's order, record scope, bad input per field with nothing saved, and an
 * import that stores all of its rows or none.
 */
abstract class SatisfactionTests extends ApiTestSupport {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ImportJobs imports;

	@Autowired
	private Users users;

	private String manager;

	private String kam;

	private String otherKam;

	private final LocalDate today = LocalDate.now();

	@BeforeEach
	void people() {
		this.manager = this.given.manager();
		this.kam = this.given.kam(this.given.team(this.manager), null);
		this.otherKam = this.given.kam();
	}

	@Test
	void aKamRecordsASurveyWithItsDimensionsAndTheSummaryShowsIt() {
		long account = account();
		long contact = this.given.contact(this.kam, account, "Li Na").id();
		Response created = this.api
			.post(this.kam, path(account),
					json("contactId", contact, "surveyedOn", this.today.minusDays(3).toString(), "overall", 4,
							"productQuality", 5, "delivery", 2, "price", 3, "comment", "  Deliveries slip  "))
			.expect(201);
		assertThat(created.body().get("overall").asInt()).isEqualTo(4);
		assertThat(created.text("contactName")).isEqualTo("Li Na");
		assertThat(created.text("source")).isEqualTo("ENTERED");
		assertThat(created.text("recordedBy")).isEqualTo(this.kam);
		assertThat(created.text("comment")).isEqualTo("Deliveries slip");
		List<String> rated = new ArrayList<>();
		created.body()
			.get("scores")
			.forEach((s) -> rated.add(s.get("dimension").asString() + "=" + s.get("score").asInt()));
		assertThat(rated).containsExactly("PRODUCT_QUALITY=5", "DELIVERY=2", "PRICE=3");

		// A later survey rates delivery again; the others keep their latest.
		this.api.post(this.kam, path(account), json("overall", 3, "delivery", 4)).expect(201);

		JsonNode satisfaction = this.api.get(this.kam, path(account)).expect(200).body();
		JsonNode summary = satisfaction.get("summary");
		assertThat(summary.get("latest").get("score").asInt()).isEqualTo(3);
		assertThat(summary.get("latest").get("on").asString()).isEqualTo(this.today.toString());
		assertThat(summary.get("latest").get("kind").asString()).isEqualTo("SURVEY");
		// (4 + 3) / 2 = 3.5
		assertThat(summary.get("average").decimalValue()).isEqualByComparingTo("3.5");
		List<String> latest = new ArrayList<>();
		summary.get("dimensions")
			.forEach((s) -> latest.add(s.get("dimension").asString() + "=" + s.get("score").asInt() + "@"
					+ s.get("surveyedOn").asString()));
		assertThat(latest).containsExactly("PRODUCT_QUALITY=5@" + this.today.minusDays(3), "DELIVERY=4@" + this.today,
				"PRICE=3@" + this.today.minusDays(3));
		assertThat(satisfaction.get("surveys").size()).isEqualTo(2);
		assertThat(satisfaction.get("surveys").get(0).get("overall").asInt()).isEqualTo(3);

		// Recorded on the account's history, by the KAM.
		assertThat(this.jdbc.sql("""
				select count(*) from audit_log
				where entity_type = 'SatisfactionSurvey' and entity_id = :id and account_id = :account
				  and action = 'CREATE' and actor = :actor""")
			.param("id", created.id())
			.param("account", account)
			.param("actor", this.kam)
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	void theTrendHoldsTheLastEightScoresOldestFirstWithTheReturnVisitAndOpenComplaints() {
		long account = account();
		// Nine surveys a week apart, given newest first, scored 1 2 3 4 5 1 2 3 4 in
		// date order (the oldest ten weeks ago).
		for (int week = 8; week >= 0; week--) {
			this.api
				.post(this.kam, path(account),
						json("overall", week % 5 + 1, "surveyedOn", this.today.minusWeeks(10 - week).toString()))
				.expect(201);
		}
		// A complaint closed today with satisfaction 5, another still open.
		Response complaint = complaint(account);
		this.api
			.post(this.kam, "/api/v1/complaints/" + complaint.id() + "/resolve",
					json("resolution", "Replaced", "rootCause", "Packing", "version", complaint.version()))
			.expect(200);
		this.api
			.post(this.kam, "/api/v1/complaints/" + complaint.id() + "/return-visit",
					json("satisfaction", 5, "version", complaint.version() + 1))
			.expect(200);
		complaint(account);

		JsonNode summary = this.api.get(this.kam, path(account)).expect(200).body().get("summary");
		List<Integer> trend = new ArrayList<>();
		summary.get("trend").forEach((point) -> trend.add(point.get("score").asInt()));
		// Ten scores; the last eight are the surveys of weeks 2..8 (3 4 5 1 2 3 4) and
		// today's return visit (5).
		assertThat(trend).containsExactly(3, 4, 5, 1, 2, 3, 4, 5);
		assertThat(summary.get("latest").get("kind").asString()).isEqualTo("RETURN_VISIT");
		assertThat(summary.get("latest").get("sourceId").asLong()).isEqualTo(complaint.id());
		// 27 / 8 = 3.375 → 3.4
		assertThat(summary.get("average").decimalValue()).isEqualByComparingTo("3.4");
		assertThat(summary.get("openComplaints").asLong()).isEqualTo(1);
	}

	@Test
	void anotherKamsAccountIsNotFoundAndNothingIsSaved() {
		long account = account();
		this.api.post(this.kam, path(account), json("overall", 5)).expect(201);
		this.api.get(this.otherKam, path(account)).expect(404);
		this.api.post(this.otherKam, path(account), json("overall", 1)).expect(404);
		assertThat(surveysOf(account)).isEqualTo(1);
		// The KAM's manager sees the team's accounts.
		assertThat(this.api.get(this.manager, path(account)).expect(200).body().get("surveys").size()).isEqualTo(1);
	}

	@Test
	void badInputNamesEachFieldAndItsRuleAndSavesNothing() {
		long account = account();
		Response bad = this.api
			.post(this.kam, path(account),
					json("delivery", 6, "price", 0, "surveyedOn", this.today.plusDays(1).toString()))
			.expect(400);
		assertThat(bad.errorFields()).containsExactlyInAnyOrder("overall", "delivery", "price", "surveyedOn");
		assertThat(bad.text("detail")).contains("Delivery: ").contains("Price: ").contains("Overall satisfaction: ");

		Response tooLow = this.api.post(this.kam, path(account), json("overall", 0, "technicalSupport", 3)).expect(400);
		assertThat(tooLow.errorFields()).containsExactly("overall");

		long elsewhere = account();
		long stranger = this.given.contact(this.kam, elsewhere, "Wang Fang").id();
		Response wrongContact = this.api.post(this.kam, path(account), json("overall", 4, "contactId", stranger))
			.expect(400);
		assertThat(wrongContact.errorFields()).containsExactly("contactId");

		this.api.post(this.kam, path(account), json("overall", 3, "delivery", 9)).expect(400);
		assertThat(surveysOf(account)).isZero();
	}

	@Test
	void theDataCardShowsTheSummaryAndItsFormNamesTheDimensionInError() throws Exception {
		long account = account();
		String empty = card(account);
		assertThat(empty).contains("id=\"satisfaction-empty\"").contains("id=\"survey-form\"");

		String refused = this.mvc
			.perform(post("/accounts/" + account + "/satisfaction").with(httpBasic(this.kam, Api.USER_PASSWORD))
				.with(csrf())
				.locale(Locale.SIMPLIFIED_CHINESE)
				.header("Accept-Language", "zh-CN")
				.param("overall", "4")
				.param("delivery", "7"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(refused).contains("data-field=\"delivery\"").contains("交货: ").doesNotContain("id=\"survey-saved\"");
		assertThat(surveysOf(account)).isZero();

		this.api.post(this.kam, path(account), json("overall", 2, "surveyedOn", this.today.minusDays(1).toString()))
			.expect(201);
		String saved = this.mvc
			.perform(post("/accounts/" + account + "/satisfaction").with(httpBasic(this.kam, Api.USER_PASSWORD))
				.with(csrf())
				.locale(Locale.ENGLISH)
				.param("overall", "4")
				.param("delivery", "3")
				.param("surveyedOn", ""))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(saved).contains("id=\"survey-saved\"")
			.contains("id=\"satisfaction-latest\">4 / 5<")
			.contains("id=\"satisfaction-trend\"")
			.contains("data-dimension=\"DELIVERY\">3 / 5<");
		complaint(account);
		assertThat(card(account)).contains("id=\"satisfaction-open-complaints\"");

		this.mvc
			.perform(get("/accounts/" + account + "/satisfaction/section")
				.with(httpBasic(this.otherKam, Api.USER_PASSWORD)))
			.andExpect(status().isNotFound());
	}

	@Test
	void anImportStoresEveryRowOrNone() {
		long account = account();
		String name = this.jdbc.sql("select name from account where id = :id")
			.param("id", account)
			.query(String.class)
			.single();
		this.given.contact(this.kam, account, "Chen Jie");
		CurrentUser kam = this.users.actingAs(userId(this.kam)).orElseThrow();

		String bad = """
				客户,联系人,调查日期,总体满意度,交货,价格,意见
				%1$s,Chen Jie,2026-01-05,4,5,3,好
				%1$s,Nobody,2026-01-06,4,,,
				%1$s,,2026-02-01,6,,,
				%1$s,,2026-02-02,3,0,,
				%1$s,,,3,,,
				Not An Account %2$s,,2026-02-03,3,,,
				""".formatted(name, Fixtures.unique("x"));
		ImportJobView refused = run(kam, bad);
		assertThat(refused.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(refused.errors()).extracting(ImportJobView.Error::row, ImportJobView.Error::column)
			.containsExactly(Tuple.tuple(3L, "联系人"), Tuple.tuple(4L, "总体满意度"), Tuple.tuple(5L, "交货"),
					Tuple.tuple(6L, "调查日期"), Tuple.tuple(7L, "客户"));
		assertThat(surveysOf(account)).isZero();

		String good = """
				account,contact,date,overall,delivery,technical support,comment
				%1$s,chen jie,2026/1/5,4,5,2,Good
				%1$s,,2026-02-01,2,,,
				""".formatted(name);
		ImportJobView stored = run(kam, good);
		assertThat(stored.status()).as(stored.toString()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(stored.committedRows()).isEqualTo(2);
		JsonNode satisfaction = this.api.get(this.kam, path(account)).expect(200).body();
		JsonNode first = satisfaction.get("surveys").get(1);
		assertThat(first.get("surveyedOn").asString()).isEqualTo("2026-01-05");
		assertThat(first.get("contactName").asString()).isEqualTo("Chen Jie");
		assertThat(first.get("source").asString()).isEqualTo("IMPORTED");
		assertThat(first.get("scores").size()).isEqualTo(2);
		assertThat(satisfaction.get("summary").get("latest").get("score").asInt()).isEqualTo(2);

		// Another KAM's file cannot reach the account.
		ImportJobView outside = run(this.users.actingAs(userId(this.otherKam)).orElseThrow(),
				"account,date,overall\n" + name + ",2026-03-01,5\n");
		assertThat(outside.errors()).extracting(ImportJobView.Error::code).containsExactly("import.unknownAccount");
		assertThat(surveysOf(account)).isEqualTo(2);
	}

	// ------------------------------------------------------------------ helpers

	private long account() {
		return this.given.accountOwnedBy(this.kam, Fixtures.unique("Surveyed")).id();
	}

	private static String path(long account) {
		return "/api/v1/accounts/" + account + "/satisfaction";
	}

	private Response complaint(long account) {
		return this.api
			.post(this.kam, "/api/v1/complaints",
					json("accountId", account, "channel", "PHONE", "category", "DELIVERY", "severity", "LOW",
							"description", "Late again"))
			.expect(201);
	}

	private long surveysOf(long account) {
		return this.jdbc.sql("select count(*) from satisfaction_survey where account_id = :account")
			.param("account", account)
			.query(Long.class)
			.single();
	}

	private long userId(String username) {
		return this.jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.single();
	}

	private String card(long account) throws Exception {
		return this.mvc
			.perform(get("/accounts/" + account + "/satisfaction/section").with(httpBasic(this.kam, Api.USER_PASSWORD))
				.locale(Locale.ENGLISH))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private ImportJobView run(CurrentUser editor, String csv) {
		return this.imports.runNow(editor,
				new ImportRequest(ImportType.SURVEYS, "surveys.csv", false, null, Fixtures.unique("surveys"), null),
				new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "TEST", false);
	}

}
