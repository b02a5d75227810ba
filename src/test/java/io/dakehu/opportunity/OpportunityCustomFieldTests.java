package io.dakehu.opportunity;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.dataimport.ImportJobView;
import io.dakehu.dataimport.ImportJobs;
import io.dakehu.dataimport.ImportRequest;
import io.dakehu.dataimport.ImportType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static io.dakehu.support.Api.json;
import static io.dakehu.support.PageCsrf.csrf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Custom fields on opportunities (DOMAIN.md §13, decision 0048): each type checked on the
 * API and the forms with the field's label and the rule in the reader's language, nothing
 * stored on a refusal; the values on the page, in the API and the pipeline list (filter
 * and column), through an export and its import, and in the history under the field's
 * label. Every field a test defines is retired after it, so no other test's opportunities
 * meet a required field.
 */
abstract class OpportunityCustomFieldTests extends ApiTestSupport {

	@Autowired
	MockMvc mvc;

	@Autowired
	ImportJobs imports;

	@Autowired
	Users users;

	private final List<Long> defined = new ArrayList<>();

	@AfterEach
	void retireFields() {
		for (long id : this.defined) {
			this.jdbc.sql("update custom_field set active = false, required = false where id = :id")
				.param("id", id)
				.update();
		}
		this.defined.clear();
	}

	@Test
	void theApiRefusesWhatEachTypeCannotHoldAndKeepsStaleEditsOut() {
		Fields f = fields(true);
		long account = account("Refused");
		String name = Fixtures.unique("Refused deal");
		Map<String, Object> good = f.values("D-1", 42, "2026-03-01", "A", List.of("X"));
		expectRefused(account, name, with(good, f.text, null), f.text, "Deal code: is required");
		expectRefused(account, name, with(good, f.number, 101), f.number, "Odds: must lie between 0 and 100");
		expectRefused(account, name, with(good, f.number, "many"), f.number, "Odds: must be a number");
		expectRefused(account, name, with(good, f.date, "2026-02-30"), f.date,
				"Signed on: must be a date (yyyy-mm-dd)");
		expectRefused(account, name, with(good, f.single, "Z"), f.single, "Deal grade: “Z” is not one of its options");
		expectRefused(account, name, with(good, f.multi, List.of("X", "Q")), f.multi,
				"Tags: “Q” is not one of its options");
		expectRefused(account, name, with(good, "noSuchField", "1"), "noSuchField",
				"noSuchField: there is no such custom field");
		Response withoutAny = this.api
			.post(Api.ADMIN, "/api/v1/opportunities", json("accountId", account, "name", name))
			.expect(400);
		assertThat(withoutAny.errorFields()).as("a new one needs its required fields")
			.containsExactly("customFields." + f.text);
		assertThat(stored(name)).as("no refused opportunity stored").isZero();

		Response created = this.api
			.post(Api.ADMIN, "/api/v1/opportunities", json("accountId", account, "name", name, "customFields", good))
			.expect(201);
		JsonNode values = created.body().get("customFields");
		assertThat(values.get(f.text).asString()).isEqualTo("D-1");
		assertThat(values.get(f.number).asDecimal()).isEqualByComparingTo("42");
		assertThat(values.get(f.date).asString()).isEqualTo("2026-03-01");
		assertThat(values.get(f.single).asString()).isEqualTo("A");
		assertThat(values.get(f.multi).toString()).isEqualTo("[\"X\"]");
		String path = "/api/v1/opportunities/" + created.id();
		assertThat(this.api.get(Api.ADMIN, path).expect(200).body().get("customFields")).isEqualTo(values);

		Response emptied = this.api
			.put(Api.ADMIN, path, json("name", name, "version", created.version(), "customFields", Map.of(f.text, "")))
			.expect(400);
		assertThat(emptied.errorFields()).containsExactly("customFields." + f.text);
		Response kept = this.api.get(Api.ADMIN, path).expect(200);
		assertThat(kept.version()).as("nothing written").isEqualTo(created.version());
		assertThat(kept.body().get("customFields")).isEqualTo(values);

		this.api
			.put(Api.ADMIN, path,
					json("name", name, "version", created.version(), "customFields", Map.of(f.number, 43)))
			.expect(200);
		this.api
			.put(Api.ADMIN, path,
					json("name", name, "version", created.version(), "customFields", Map.of(f.number, 44)))
			.expect(409);
		assertThat(this.api.get(Api.ADMIN, path).body().get("customFields").get(f.number).asDecimal())
			.isEqualByComparingTo("43");
	}

	@Test
	void theFormsShowARefusalUnderItsFieldWithWhatWasTypedAndThePageShowsTheValues() throws Exception {
		Fields f = fields(true);
		long account = account("Form");
		String name = Fixtures.unique("Form deal");
		MockHttpServletResponse refused = this.mvc
			.perform(as(post("/opportunities").with(csrf())
				.locale(Locale.SIMPLIFIED_CHINESE)
				.param("accountId", String.valueOf(account))
				.param("name", name)
				.param("amount", "1234.5")
				.param("nextStep", "Call the buyer")
				.param("customFields." + f.text, "D-9")
				.param("customFields." + f.number, "250")
				.param("customFields." + f.single, "B")))
			.andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(200);
		assertThat(refused.getContentAsString()).contains("id=\"cf-" + f.number + "-error\"")
			.contains("赢率: 必须在 0 到 100 之间")
			.containsPattern("id=\"cf-" + f.text + "\"[^>]*value=\"D-9\"")
			.containsPattern("name=\"name\"[^>]*value=\"" + name + "\"")
			.containsPattern("name=\"amount\"[^>]*value=\"1234.5\"")
			.containsPattern("value=\"Call the buyer\"");
		assertThat(stored(name)).as("nothing stored").isZero();

		MockHttpServletResponse saved = this.mvc
			.perform(as(post("/opportunities").with(csrf())
				.param("accountId", String.valueOf(account))
				.param("name", name)
				.param("customFields." + f.text, "D-9")
				.param("customFields." + f.number, "99")
				.param("customFields." + f.date, "2026-05-04")
				.param("customFields." + f.single, "B")
				.param("customFields." + f.multi, "X", "Y")))
			.andReturn()
			.getResponse();
		assertThat(saved.getStatus()).as(saved.getContentAsString()).isEqualTo(302);
		String location = saved.getRedirectedUrl();
		String page = page(get(location).locale(Locale.ENGLISH));
		assertThat(page).containsPattern("id=\"cf-value-" + f.single + "\">Bee<")
			.containsPattern("id=\"cf-value-" + f.multi + "\">Ex, Why<")
			.containsPattern("id=\"cf-value-" + f.number + "\">99<")
			.containsPattern("id=\"cf-" + f.date + "\"[^>]*value=\"2026-05-04\"")
			.containsPattern("value=\"Y\"[^>]*checked");
		assertThat(page(get(location).locale(Locale.SIMPLIFIED_CHINESE)))
			.containsPattern("id=\"cf-value-" + f.multi + "\">艾克斯、歪<");

		String version = String.valueOf(this.api.get(Api.ADMIN, "/api/v1" + location).expect(200).version());
		MockHttpServletResponse editRefused = this.mvc
			.perform(as(post(location + "/edit").with(csrf())
				.locale(Locale.ENGLISH)
				.param("name", name + " renamed")
				.param("version", version)
				.param("customFields." + f.text, "D-10")
				.param("customFields." + f.date, "2026-13-01")))
			.andReturn()
			.getResponse();
		assertThat(editRefused.getStatus()).isEqualTo(200);
		assertThat(editRefused.getContentAsString()).contains("id=\"cf-" + f.date + "-error\"")
			.contains("Signed on: must be a date (yyyy-mm-dd)")
			.containsPattern("value=\"" + name + " renamed\"")
			.containsPattern("id=\"cf-" + f.text + "\"[^>]*value=\"D-10\"");
		assertThat(stored(name + " renamed")).as("nothing written").isZero();

		MockHttpServletResponse changed = this.mvc
			.perform(as(post(location + "/edit").with(csrf())
				.param("name", name)
				.param("version", version)
				.param("customFields." + f.text, "D-10")
				.param("customFields." + f.single, "A")))
			.andReturn()
			.getResponse();
		assertThat(changed.getStatus()).isEqualTo(302);
		JsonNode after = this.api.get(Api.ADMIN, "/api/v1" + location).expect(200).body().get("customFields");
		assertThat(after.get(f.text).asString()).isEqualTo("D-10");
		assertThat(after.get(f.single).asString()).isEqualTo("A");
		assertThat(after.has(f.multi)).as("an unticked box empties the field").isFalse();
	}

	@Test
	void theListFiltersAndShowsColumnsAndTheHistoryNamesTheField() throws Exception {
		Fields f = fields(false);
		long account = account("Filtered");
		String token = Fixtures.unique("Filtered deal");
		Response first = this.api
			.post(Api.ADMIN, "/api/v1/opportunities",
					json("accountId", account, "name", token + " one", "customFields",
							f.values("AB-1", 7.50, "2026-01-31", "A", List.of("X", "Y"))))
			.expect(201);
		Response second = this.api
			.post(Api.ADMIN, "/api/v1/opportunities",
					json("accountId", account, "name", token + " two", "customFields",
							f.values("AB-2", 8, null, "B", List.of("Y"))))
			.expect(201);
		this.api.post(Api.ADMIN, "/api/v1/opportunities", json("accountId", account, "name", token + " three"))
			.expect(201);

		assertThat(list(token, f.single, "A")).containsExactly(first.id());
		assertThat(list(token, f.multi, "Y")).containsExactlyInAnyOrder(first.id(), second.id());
		assertThat(list(token, f.number, "7.5")).containsExactly(first.id());
		assertThat(list(token, f.text, "AB-2")).containsExactly(second.id());
		assertThat(list(token, f.date, "2026-01-31")).containsExactly(first.id());
		assertThat(list(token, f.number, "not a number")).isEmpty();
		Response row = this.api.get(Api.ADMIN, "/api/v1/opportunities?q=" + token + "&customFields." + f.single + "=B")
			.expect(200);
		assertThat(row.items().get(0).get("customFields").get(f.text).asString()).isEqualTo("AB-2");

		String listPage = page(get("/pipeline/list").locale(Locale.ENGLISH)
			.param("ownerId", "any")
			.param("q", token)
			.param("customFields." + f.multi, "X")
			.param("columns", f.single));
		assertThat(listPage).contains(token + " one")
			.doesNotContain(token + " two")
			.contains("id=\"column-head-" + f.single + "\"")
			.containsPattern("dk-custom-" + f.single + "\"[^>]*>Ay<")
			.containsPattern("id=\"filter-" + f.multi + "\"");

		this.api
			.put(Api.ADMIN, "/api/v1/opportunities/" + first.id(), json("name", token + " one", "version",
					first.version(), "customFields", Map.of(f.single, "B", f.text, "")))
			.expect(200);
		assertThat(list(token, f.single, "A")).isEmpty();
		assertThat(this.jdbc.sql("""
				select field, old_value, new_value from audit_log
				where entity_type = 'Opportunity' and entity_id = :id and action = 'UPDATE'""")
			.param("id", first.id())
			.query((rs, n) -> rs.getString(1) + ":" + rs.getString(2) + ">" + rs.getString(3))
			.list()).contains("custom." + f.single + ":A>B", "custom." + f.text + ":AB-1>null");
		String history = Jsoup.parse(page(get("/accounts/" + account + "/history/section").locale(Locale.ENGLISH)))
			.text();
		assertThat(history).as("the history names the field by its label").contains("Deal grade");
		String changes = Jsoup.parse(page(get("/opportunities/" + first.id()).locale(Locale.ENGLISH)))
			.select("#changes")
			.text();
		// A choice reads by its options' English labels, not their keys.
		assertThat(changes).as("so does the opportunity's own").contains("Deal grade: Ay → Bee");
	}

	@Test
	void valuesRoundTripFromTheFormThroughTheApiAnExportAndItsImport() throws Exception {
		Fields f = fields(false);
		String accountName = Fixtures.unique("Round trip");
		long account = this.given.account(Api.ADMIN, json("name", accountName)).id();
		String token = Fixtures.unique("Trip");
		MockHttpServletResponse saved = this.mvc
			.perform(as(post("/opportunities").with(csrf())
				.param("accountId", String.valueOf(account))
				.param("name", token + " one")
				.param("customFields." + f.text, "AB-1")
				.param("customFields." + f.number, "12.5")
				.param("customFields." + f.date, "2026-01-02")
				.param("customFields." + f.single, "B")
				.param("customFields." + f.multi, "X", "Y")))
			.andReturn()
			.getResponse();
		assertThat(saved.getStatus()).as(saved.getContentAsString()).isEqualTo(302);
		JsonNode values = this.api.get(Api.ADMIN, "/api/v1" + saved.getRedirectedUrl()).body().get("customFields");
		assertThat(values.get(f.number).asDecimal()).isEqualByComparingTo("12.5");
		assertThat(values.get(f.multi).toString()).isEqualTo("[\"X\",\"Y\"]");

		String export = download(get("/exports/opportunities").param("format", "csv")
			.param("ownerId", "any")
			.param("q", token)
			.param("customFields." + f.single, "B")
			.locale(Locale.ENGLISH));
		List<String> lines = export.lines().toList();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).endsWith("Deal code,Odds,Signed on,Deal grade,Tags");
		assertThat(lines.get(1)).endsWith("AB-1,12.5,2026-01-02,Bee,\"Ex, Why\"");

		String refused = "Opportunity,Account,Stage,Odds\n" + token + " bad," + accountName
				+ ",Problem recognition,101\n";
		ImportJobView bad = this.imports.runNow(admin(), ImportRequest.of(ImportType.OPPORTUNITIES, "bad.csv"),
				stream(refused), "TEST", false);
		assertThat(bad.errors()).extracting(ImportJobView.Error::column, ImportJobView.Error::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Odds", "customField.import.refused"));
		assertThat(bad.errors().get(0).reason()).contains("Odds").contains("100");

		ImportJobView back = this.imports.runNow(admin(), ImportRequest.of(ImportType.OPPORTUNITIES, "back.csv"),
				stream(export.replace(token + " one", token + " copy")), "TEST", false);
		assertThat(back.errors()).isEmpty();
		List<Long> copies = this.api.get(Api.ADMIN, "/api/v1/opportunities?q=" + token + " copy").expect(200).ids();
		assertThat(copies).hasSize(1);
		assertThat(this.api.get(Api.ADMIN, "/api/v1/opportunities/" + copies.get(0)).body().get("customFields"))
			.isEqualTo(values);
	}

	/**
	 * The five types on opportunities: a text (required or not), a number from 0 to 100,
	 * a date and two choices.
	 */
	private Fields fields(boolean required) {
		String text = key("code");
		define(text, "TEXT", Map.of("labels", Map.of("zh", "商机编码", "en", "Deal code"), "required", required));
		String number = key("odds");
		define(number, "NUMBER", Map.of("labels", Map.of("zh", "赢率", "en", "Odds"), "min", 0, "max", 100));
		String date = key("signedOn");
		define(date, "DATE", Map.of("labels", Map.of("zh", "签约日", "en", "Signed on")));
		String single = key("grade");
		define(single, "SINGLE_CHOICE", Map.of("labels", Map.of("zh", "商机等级", "en", "Deal grade"), "options",
				List.of(option("A", "甲", "Ay"), option("B", "乙", "Bee"))));
		String multi = key("tags");
		define(multi, "MULTI_CHOICE", Map.of("labels", Map.of("zh", "标签", "en", "Tags"), "options",
				List.of(option("X", "艾克斯", "Ex"), option("Y", "歪", "Why"))));
		return new Fields(text, number, date, single, multi);
	}

	private void define(String key, String type, Map<String, Object> more) {
		Map<String, Object> body = new HashMap<>(json("recordType", "OPPORTUNITY", "key", key, "type", type));
		body.putAll(more);
		this.defined.add(this.api.post(Api.ADMIN, "/api/v1/custom-fields", body).expect(201).id());
	}

	private long account(String name) {
		return this.given.account(Api.ADMIN, json("name", Fixtures.unique(name))).id();
	}

	private long stored(String name) {
		return this.jdbc.sql("select count(*) from opportunity where name = :n")
			.param("n", name)
			.query(Long.class)
			.single();
	}

	private void expectRefused(long account, String name, Map<String, Object> values, String key, String message) {
		Response refused = this.api
			.post(Api.ADMIN, "/api/v1/opportunities", json("accountId", account, "name", name, "customFields", values))
			.expect(400);
		assertThat(refused.errorFields()).containsExactly("customFields." + key);
		assertThat(refused.body().get("errors").get(0).get("message").asString()).isEqualTo(message);
	}

	private List<Long> list(String token, String key, String value) {
		return this.api
			.get(Api.ADMIN, "/api/v1/opportunities?size=50&q=" + token + "&customFields." + key + "=" + value)
			.expect(200)
			.ids();
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(as(request)).andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		return response.getContentAsString();
	}

	/** An export as the browser receives it, after its asynchronous streaming. */
	private String download(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult started = this.mvc.perform(as(request)).andReturn();
		started.getAsyncResult(60_000);
		return this.mvc.perform(asyncDispatch(started))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8)
			.replace("\uFEFF", "")
			.replace("\r", "");
	}

	private CurrentUser admin() {
		UserSummary admin = this.users.findByUsername(Api.ADMIN).orElseThrow();
		return new CurrentUser(admin.id(), Api.ADMIN, admin.displayName(), Role.ADMIN,
				RecordScope.everything(admin.id()));
	}

	private static ByteArrayInputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request) {
		return request.with(user(Api.ADMIN).roles("ADMIN"));
	}

	private static Map<String, Object> option(String key, String zh, String en) {
		return Map.of("key", key, "labels", Map.of("zh", zh, "en", en));
	}

	private static Map<String, Object> with(Map<String, Object> values, String key, Object value) {
		Map<String, Object> changed = new HashMap<>(values);
		changed.put(key, value);
		return changed;
	}

	private static String key(String word) {
		return Fixtures.unique(word).replace("-", "_");
	}

	private record Fields(String text, String number, String date, String single, String multi) {

		Map<String, Object> values(String code, Object odds, String signedOn, String grade, List<String> tags) {
			Map<String, Object> values = new HashMap<>();
			values.put(this.text, code);
			values.put(this.number, odds);
			values.put(this.date, signedOn);
			values.put(this.single, grade);
			values.put(this.multi, tags);
			return values;
		}

	}

}
