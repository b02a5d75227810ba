package io.dakehu.customfield;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import io.dakehu.support.Api.Response;
import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
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
 * Custom fields (DOMAIN.md §13, decision 0048): administrators define them; accounts
 * carry their values through the API, the form and the page, checked per type with the
 * field's label and the rule in the reader's language, filtered by in the list, and
 * audited like built-in fields. Every field a test defines is retired after it, so no
 * other test's accounts meet a required field.
 */
abstract class CustomFieldTests extends ApiTestSupport {

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
	void anAdministratorDefinesAndChangesAFieldWhichOthersMayOnlyRead() {
		String key = key("industryCode");
		Response created = this.api
			.post(Api.ADMIN, "/api/v1/custom-fields", json("recordType", "ACCOUNT", "key", key, "type", "SINGLE_CHOICE",
					"labels", Map.of("zh", "行业代码", "en", "Industry code"), "options",
					List.of(option("C3511", "汽车", "Cars"), option("C2710", "医药", "Medicine")), "required", false))
			.expect(201);
		this.defined.add(created.id());
		assertThat(created.location()).contains("/api/v1/custom-fields/" + created.id());
		assertThat(created.text("type")).isEqualTo("SINGLE_CHOICE");
		assertThat(created.body().get("options").get(1).get("labels").get("zh").asString()).isEqualTo("医药");

		String kam = this.given.kam();
		Response listed = this.api.get(kam, "/api/v1/custom-fields?recordType=ACCOUNT").expect(200);
		assertThat(listed.items().stream().map((f) -> f.get("key").asString())).contains(key);
		this.api
			.post(kam, "/api/v1/custom-fields",
					json("recordType", "ACCOUNT", "key", key("mine"), "type", "TEXT", "labels",
							Map.of("zh", "我的", "en", "Mine")))
			.expect(403);

		Response changed = this.api
			.put(Api.ADMIN, "/api/v1/custom-fields/" + created.id(),
					json("labels", Map.of("zh", "国标行业", "en", "Industry (GB)"), "options",
							List.of(option("C3511", "汽车", "Cars")), "required", true, "version", created.version()))
			.expect(200);
		assertThat(changed.body().get("labels").get("en").asString()).isEqualTo("Industry (GB)");
		assertThat(changed.body().get("required").asBoolean()).isTrue();
		assertThat(changed.body().get("options").size()).isEqualTo(1);
		this.api
			.put(Api.ADMIN, "/api/v1/custom-fields/" + created.id(),
					json("labels", Map.of("zh", "旧", "en", "Old"), "version", created.version()))
			.expect(409);
		assertThat(this.jdbc.sql("""
				select count(*) from audit_log where entity_type = 'CustomField' and entity_id = :id""")
			.param("id", created.id())
			.query(Long.class)
			.single()).as("one entry per field created and changed").isGreaterThanOrEqualTo(3);
	}

	@Test
	void aDefinitionIsCheckedFieldByField() {
		assertThat(define("ACCOUNT", "9lives", "TEXT", Map.of()).expect(400).errorFields()).containsExactly("key");
		assertThat(define("ACCOUNT", key("noOptions"), "MULTI_CHOICE", Map.of()).expect(400).errorFields())
			.containsExactly("options");
		assertThat(
				this.api
					.post(Api.ADMIN, "/api/v1/custom-fields",
							json("recordType", "ACCOUNT", "key", key("noLabel"), "type", "TEXT", "labels",
									Map.of("en", "x")))
					.expect(400)
					.errorFields())
			.containsExactly("labels.zh");
		assertThat(define("ACCOUNT", key("range"), "NUMBER", Map.of("min", 10, "max", 1)).expect(400).errorFields())
			.containsExactly("max");
		String key = key("twice");
		this.defined.add(define("CONTACT", key, "TEXT", Map.of()).expect(201).id());
		assertThat(define("CONTACT", key, "DATE", Map.of()).expect(400).errorFields()).containsExactly("key");
		this.defined.add(define("OPPORTUNITY", key, "DATE", Map.of()).expect(201).id());
	}

	@Test
	void eachTypeRefusesWhatItCannotHoldNamingTheFieldAndTheRule() {
		Fields f = fields(true);
		String name = Fixtures.unique("Refused");
		Map<String, Object> good = f.values("VIN-1", 42, "2026-03-01", "A", List.of("X"));
		expectRefused(name, with(good, f.text, null), f.text, "Code: is required");
		expectRefused(name, with(good, f.number, 101), f.number, "Score: must lie between 0 and 100");
		expectRefused(name, with(good, f.number, "many"), f.number, "Score: must be a number");
		expectRefused(name, with(good, f.date, "2026-02-30"), f.date, "Signed on: must be a date (yyyy-mm-dd)");
		expectRefused(name, with(good, f.single, "Z"), f.single, "Grade: “Z” is not one of its options");
		expectRefused(name, with(good, f.multi, List.of("X", "Q")), f.multi, "Tags: “Q” is not one of its options");
		expectRefused(name, with(good, "noSuchField", "1"), "noSuchField",
				"noSuchField: there is no such custom field");
		expectRefused(name, with(good, f.number, -1), f.number, "Score: must lie between 0 and 100");
		assertThat(this.jdbc.sql("select count(*) from account where name = :n")
			.param("n", name)
			.query(Long.class)
			.single()).as("no refused account stored").isZero();

		Response created = this.given.account(Api.ADMIN, json("name", name, "customFields", good));
		JsonNode stored = created.body().get("customFields");
		assertThat(stored.get(f.text).asString()).isEqualTo("VIN-1");
		assertThat(stored.get(f.number).asDecimal()).isEqualByComparingTo("42");
		assertThat(stored.get(f.date).asString()).isEqualTo("2026-03-01");
		assertThat(stored.get(f.single).asString()).isEqualTo("A");
		assertThat(stored.get(f.multi).get(0).asString()).isEqualTo("X");
		Response emptied = this.api.put(Api.ADMIN, "/api/v1/accounts/" + created.id(),
				json("name", name, "version", created.version(), "customFields", Map.of(f.text, "")));
		assertThat(emptied.expect(400).errorFields()).containsExactly("customFields." + f.text);
		assertThat(this.api.get(Api.ADMIN, "/api/v1/accounts/" + created.id()).body().get("version").asInt())
			.isEqualTo(created.version());
	}

	@Test
	void valuesRoundTripThroughTheApiFilterTheListAndAreAudited() {
		Fields f = fields(false);
		String token = Fixtures.unique("Filtered");
		Response first = this.given.account(Api.ADMIN, json("name", token + " one", "customFields",
				f.values("AB-1", 7.50, "2026-01-31", "A", List.of("X", "Y"))));
		Response second = this.given.account(Api.ADMIN,
				json("name", token + " two", "customFields", f.values("AB-2", 8, null, "B", List.of("Y"))));
		this.given.account(Api.ADMIN, json("name", token + " three"));

		assertThat(list(token, f.single, "A")).containsExactly(first.id());
		assertThat(list(token, f.multi, "Y")).containsExactlyInAnyOrder(first.id(), second.id());
		assertThat(list(token, f.multi, "X")).containsExactly(first.id());
		assertThat(list(token, f.number, "7.5")).containsExactly(first.id());
		assertThat(list(token, f.text, "AB-2")).containsExactly(second.id());
		assertThat(list(token, f.date, "2026-01-31")).containsExactly(first.id());
		assertThat(list(token, f.number, "not a number")).isEmpty();
		Response row = this.api.get(Api.ADMIN, "/api/v1/accounts?q=" + token + "&customFields." + f.single + "=A")
			.expect(200);
		assertThat(row.items().get(0).get("customFields").get(f.text).asString()).isEqualTo("AB-1");

		Response changed = this.api
			.put(Api.ADMIN, "/api/v1/accounts/" + first.id(), json("name", token + " one", "version", first.version(),
					"customFields", Map.of(f.single, "B", f.text, "")))
			.expect(200);
		assertThat(changed.body().get("customFields").get(f.single).asString()).isEqualTo("B");
		assertThat(changed.body().get("customFields").has(f.text)).as("emptied").isFalse();
		assertThat(changed.body().get("customFields").get(f.number).asDecimal()).as("kept").isEqualByComparingTo("7.5");
		assertThat(list(token, f.single, "A")).isEmpty();
		List<Map<String, Object>> audit = this.jdbc.sql("""
				select field, old_value, new_value from audit_log
				where entity_type = 'Account' and entity_id = :id and action = 'UPDATE' order by field""")
			.param("id", first.id())
			.query()
			.listOfRows();
		assertThat(audit).extracting((entry) -> entry.get("field")).contains("custom." + f.single, "custom." + f.text);
		assertThat(audit).filteredOn((entry) -> entry.get("field").equals("custom." + f.single))
			.extracting((entry) -> entry.get("old_value") + ">" + entry.get("new_value"))
			.containsExactly("A>B");
	}

	/**
	 * A list filtered by one field alone, in name order, is what PostgreSQL answers from
	 * the index of values kept beside the accounts (decision 0062): it must follow every
	 * change of what it holds — the owner, the name, archiving, merges, the values, a
	 * return to the pool — in the transaction making it, and keep the scope.
	 */
	@Test
	void aListFilteredByOneFieldAloneFollowsEveryChangeOfItsAccounts() {
		Fields f = fields(false);
		String kam = this.given.kam();
		String other = this.given.kam();
		String name = Fixtures.unique("Indexed");
		long a = this.given
			.account(kam,
					json("name", name + " c", "owner", kam, "customFields",
							f.values("K-1", 100, null, "A", List.of("X", "Y"))))
			.id();
		long b = this.given
			.account(kam,
					json("name", name + " a", "owner", kam, "customFields",
							f.values(null, 7.50, null, "A", List.of("Y"))))
			.id();
		long c = this.given
			.account(other,
					json("name", name + " b", "owner", other, "team", List.of(kam), "customFields",
							f.values(null, null, null, "A", null)))
			.id();
		long d = this.given
			.account(other,
					json("name", name + " d", "owner", other, "customFields", f.values(null, null, null, "A", null)))
			.id();
		long e = this.given
			.account(kam,
					json("name", name + " e", "owner", kam, "customFields", f.values(null, null, null, "B", null)))
			.id();

		assertThat(filtered(Api.ADMIN, f.single, "A", "")).containsExactly(b, c, a, d);
		assertThat(filtered(Api.ADMIN, f.single, "A", "&sort=-name")).containsExactly(d, a, c, b);
		Response second = this.api.get(Api.ADMIN, "/api/v1/accounts?size=2&page=1&customFields." + f.single + "=A")
			.expect(200);
		assertThat(second.ids()).containsExactly(a, d);
		assertThat(second.totalElements()).isEqualTo(4);
		assertThat(filtered(kam, f.single, "A", "")).as("own and shared").containsExactly(b, c, a);
		assertThat(filtered(other, f.single, "A", "")).containsExactly(c, d);
		assertThat(filtered(kam, f.multi, "Y", "")).containsExactly(b, a);
		assertThat(filtered(Api.ADMIN, f.text, "K-1", "")).containsExactly(a);
		assertThat(filtered(Api.ADMIN, f.number, "100.0", "")).containsExactly(a);
		assertThat(filtered(Api.ADMIN, f.number, "7.5", "")).containsExactly(b);

		edit(b, json("name", name + " f", "owner", kam));
		assertThat(filtered(Api.ADMIN, f.single, "A", "")).as("renamed").containsExactly(c, a, d, b);
		edit(a, json("name", name + " c", "owner", other));
		assertThat(filtered(kam, f.single, "A", "")).as("moved to another").containsExactly(c, b);
		assertThat(filtered(other, f.single, "A", "")).containsExactly(c, a, d);
		this.api.delete(Api.ADMIN, "/api/v1/accounts/" + d).expect(204);
		assertThat(filtered(Api.ADMIN, f.single, "A", "")).as("archived").containsExactly(c, a, b);
		assertThat(filtered(Api.ADMIN, f.single, "A", "&archived=true")).containsExactly(d);
		this.api
			.post(Api.ADMIN, "/api/v1/accounts/" + c + "/merge",
					json("into", e, "version", this.api.version(Api.ADMIN, "/api/v1/accounts/" + c)))
			.expect(200);
		assertThat(filtered(Api.ADMIN, f.single, "A", "")).as("merged away").containsExactly(a, b);
		assertThat(filtered(kam, f.single, "B", "")).as("the survivor keeps its own").containsExactly(e);
		edit(a, json("name", name + " c", "owner", other, "customFields", Map.of(f.single, "B", f.multi, "")));
		assertThat(filtered(Api.ADMIN, f.single, "A", "")).as("value changed").containsExactly(b);
		assertThat(filtered(Api.ADMIN, f.single, "B", "")).containsExactly(a, e);
		assertThat(filtered(Api.ADMIN, f.multi, "X", "")).as("options emptied").isEmpty();
		this.api.post(kam, "/api/v1/accounts/" + b + "/return-to-pool", json("reason", "Moved abroad")).expect(200);
		assertThat(filtered(Api.ADMIN, f.single, "A", "")).as("in the pool").isEmpty();
		assertThat(filtered(Api.ADMIN, f.number, "7.5", "")).isEmpty();
	}

	/**
	 * The lists' filters remember the fields for a few seconds; an option or a field
	 * added by another instance (written here straight into the tables, as that
	 * instance's commit would be) must filter at once, not after they are forgotten.
	 */
	@Test
	void anOptionOrAFieldAddedOnAnotherInstanceFiltersAtOnce() {
		Fields f = fields(false);
		String name = Fixtures.unique("Elsewhere");
		long account = this.given
			.account(Api.ADMIN, json("name", name, "customFields", f.values(null, null, null, "A", null)))
			.id();
		assertThat(filtered(Api.ADMIN, f.single, "A", "")).containsExactly(account);
		long single = this.jdbc.sql("select id from custom_field where field_key = :key")
			.param("key", f.single)
			.query(Long.class)
			.single();
		this.jdbc.sql("""
				insert into custom_field_option (custom_field_id, position, option_key, label_zh, label_en)
				values (:id, 99, 'C', '丙', 'Cee')""").param("id", single).update();
		String late = key("late");
		this.jdbc.sql("""
				insert into custom_field (record_type, field_key, label_zh, label_en, field_type, required, active,
				                          position, created_at, updated_at, version)
				select record_type, :key, '迟到', 'Late', 'TEXT', false, true, 99, created_at, updated_at, 0
				from custom_field where id = :id""").param("key", late).param("id", single).update();
		this.defined.add(this.jdbc.sql("select id from custom_field where field_key = :key")
			.param("key", late)
			.query(Long.class)
			.single());
		edit(account, json("name", name, "owner", Api.ADMIN, "customFields", Map.of(f.single, "C", late, "L-1")));

		assertThat(filtered(Api.ADMIN, f.single, "C", "")).as("a new option").containsExactly(account);
		assertThat(filtered(Api.ADMIN, late, "L-1", "")).as("a new field").containsExactly(account);
		assertThat(filtered(Api.ADMIN, late, "L-2", "")).isEmpty();
	}

	/**
	 * The accounts a list filtered by one field shows, after checking that a page of one
	 * tells their number exactly (counted, not read off a page that is not full).
	 */
	private List<Long> filtered(String user, String key, String value, String more) {
		String path = "/api/v1/accounts?customFields." + key + "=" + value + more;
		List<Long> ids = this.api.get(user, path).expect(200).ids();
		Response first = this.api.get(user, path + "&size=1").expect(200);
		if (ids.size() > 1) {
			assertThat(first.totalElements()).as("the total of " + first.request()).isEqualTo(ids.size());
			assertThat(first.body().get("totalExact").asBoolean()).isTrue();
		}
		return ids;
	}

	private void edit(long id, Map<String, Object> changes) {
		Map<String, Object> body = new java.util.HashMap<>(changes);
		body.put("version", this.api.version(Api.ADMIN, "/api/v1/accounts/" + id));
		this.api.put(Api.ADMIN, "/api/v1/accounts/" + id, body).expect(200);
	}

	@Test
	void theFormTakesEachTypeShowsARefusalUnderItsFieldAndThePageShowsTheValues() throws Exception {
		Fields f = fields(true);
		String name = Fixtures.unique("Form");
		MockHttpServletResponse refused = this.mvc
			.perform(as(post("/accounts").with(csrf())
				.locale(Locale.SIMPLIFIED_CHINESE)
				.param("name", name)
				.param("customFields." + f.text, "VIN-9")
				.param("customFields." + f.number, "250")
				.param("customFields." + f.single, "B")))
			.andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(200);
		assertThat(refused.getContentAsString()).contains("id=\"cf-" + f.number + "-error\"")
			.contains("分数: 必须在 0 到 100 之间")
			.containsPattern("id=\"cf-" + f.text + "\"[^>]*value=\"VIN-9\"");
		assertThat(this.jdbc.sql("select count(*) from account where name = :n")
			.param("n", name)
			.query(Long.class)
			.single()).isZero();

		MockHttpServletResponse saved = this.mvc
			.perform(as(post("/accounts").with(csrf())
				.param("name", name)
				.param("customFields." + f.text, "VIN-9")
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
			.containsPattern("id=\"cf-value-" + f.number + "\">99<");
		String edit = page(get(location + "/edit"));
		assertThat(edit).containsPattern("id=\"cf-" + f.date + "\"[^>]*value=\"2026-05-04\"")
			.containsPattern("value=\"Y\"[^>]*checked");

		MockHttpServletResponse changed = this.mvc
			.perform(as(post(location).with(csrf())
				.param("name", name)
				.param("version", version(location))
				.param("customFields." + f.text, "VIN-10")
				.param("customFields." + f.number, "99")
				.param("customFields." + f.single, "A")))
			.andReturn()
			.getResponse();
		assertThat(changed.getStatus()).as(changed.getContentAsString()).isEqualTo(302);
		String after = page(get(location).locale(Locale.ENGLISH));
		assertThat(after).containsPattern("id=\"cf-value-" + f.multi + "\">—<")
			.as("the history names the field by its label")
			.contains("Grade");
		String list = page(get("/accounts?q=" + name + "&customFields." + f.single + "=A&columns=" + f.text));
		assertThat(list).contains(">VIN-10<").contains("id=\"column-head-" + f.text + "\"");
	}

	@Test
	void valuesRoundTripThroughImportAndExport() throws Exception {
		Fields f = fields(false);
		String token = Fixtures.unique("Imported");
		String refused = "name,Code,Score\n" + token + " bad,AB-9,101\n";
		ImportJobView bad = this.imports.runNow(admin(), ImportRequest.of(ImportType.ACCOUNTS, "bad.csv"),
				stream(refused), "TEST", false);
		assertThat(bad.errors()).extracting(ImportJobView.Error::column, ImportJobView.Error::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Score", "customField.import.refused"));
		assertThat(bad.errors().get(0).reason()).contains("Score").contains("100");
		String csv = "name,Code," + f.number + ",Signed on,等级,Tags\n" + token
				+ " one,AB-1,12.5,2026-01-02,Bee,\"Ex, Why\"\n";
		ImportJobView good = this.imports.runNow(admin(), ImportRequest.of(ImportType.ACCOUNTS, "good.csv"),
				stream(csv), "TEST", false);
		assertThat(good.errors()).isEmpty();
		Response one = this.api.get(Api.ADMIN, "/api/v1/accounts?q=" + token).expect(200);
		assertThat(one.ids()).hasSize(1);
		JsonNode values = this.api.get(Api.ADMIN, "/api/v1/accounts/" + one.ids().get(0)).body().get("customFields");
		assertThat(values.get(f.text).asString()).isEqualTo("AB-1");
		assertThat(values.get(f.number).asDecimal()).isEqualByComparingTo("12.5");
		assertThat(values.get(f.date).asString()).isEqualTo("2026-01-02");
		assertThat(values.get(f.single).asString()).isEqualTo("B");
		assertThat(values.get(f.multi).toString()).isEqualTo("[\"X\",\"Y\"]");

		String export = download(get("/exports/accounts").param("format", "csv")
			.param("q", token)
			.param("customFields." + f.single, "B")
			.locale(Locale.ENGLISH));
		List<String> lines = export.lines().toList();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).endsWith("Code,Score,Signed on,Grade,Tags");
		assertThat(lines.get(1)).endsWith("AB-1,12.5,2026-01-02,Bee,\"Ex, Why\"");
		ImportJobView back = this.imports.runNow(admin(), ImportRequest.of(ImportType.ACCOUNTS, "back.csv"),
				stream(export.replace(token + " one", token + " copy")), "TEST", false);
		assertThat(back.errors()).isEmpty();
		long copy = this.api.get(Api.ADMIN, "/api/v1/accounts?q=" + token + " copy").expect(200).ids().get(0);
		assertThat(this.api.get(Api.ADMIN, "/api/v1/accounts/" + copy).body().get("customFields")).isEqualTo(values);
	}

	@Test
	void contactsCarryTheirOwnFieldsThroughTheApiAndTheirHistory() {
		String key = key("budget");
		this.defined.add(define("CONTACT", key, "NUMBER",
				Map.of("labels", Map.of("zh", "预算权限", "en", "Budget authority"), "min", 0))
			.expect(201)
			.id());
		long account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Contact fields")).id();
		Response refused = this.api
			.post(Api.ADMIN, "/api/v1/accounts/" + account + "/contacts",
					json("name", "Wang", "customFields", Map.of(key, -5)))
			.expect(400);
		assertThat(refused.errorFields()).containsExactly("customFields." + key);
		assertThat(refused.body().get("errors").get(0).get("message").asString())
			.isEqualTo("Budget authority: must lie between 0 and —");
		Response contact = this.api
			.post(Api.ADMIN, "/api/v1/accounts/" + account + "/contacts",
					json("name", "Wang", "customFields", Map.of(key, 50000)))
			.expect(201);
		assertThat(contact.body().get("customFields").get(key).asDecimal()).isEqualByComparingTo("50000");
		Response changed = this.api
			.put(Api.ADMIN, "/api/v1/contacts/" + contact.id(),
					json("name", "Wang", "version", contact.version(), "customFields", Map.of(key, 80000)))
			.expect(200);
		assertThat(changed.body().get("customFields").get(key).asDecimal()).isEqualByComparingTo("80000");
		assertThat(this.jdbc.sql("""
				select old_value || '>' || new_value from audit_log
				where entity_type = 'Contact' and entity_id = :id and field = :field and action = 'UPDATE'""")
			.param("id", contact.id())
			.param("field", "custom." + key)
			.query(String.class)
			.list()).containsExactly("50000>80000");
	}

	/**
	 * The five types on accounts: a required text, a number from 0 to 100, a date and two
	 * choices.
	 */
	private Fields fields(boolean required) {
		String text = key("code");
		this.defined.add(define("ACCOUNT", text, "TEXT",
				Map.of("labels", Map.of("zh", "编码", "en", "Code"), "required", required))
			.expect(201)
			.id());
		String number = key("score");
		this.defined.add(define("ACCOUNT", number, "NUMBER",
				Map.of("labels", Map.of("zh", "分数", "en", "Score"), "min", 0, "max", 100))
			.expect(201)
			.id());
		String date = key("signedOn");
		this.defined
			.add(define("ACCOUNT", date, "DATE", Map.of("labels", Map.of("zh", "签约日", "en", "Signed on"))).expect(201)
				.id());
		String single = key("grade");
		this.defined.add(define("ACCOUNT", single, "SINGLE_CHOICE", Map.of("labels", Map.of("zh", "等级", "en", "Grade"),
				"options", List.of(option("A", "甲", "Ay"), option("B", "乙", "Bee"))))
			.expect(201)
			.id());
		String multi = key("tags");
		this.defined.add(define("ACCOUNT", multi, "MULTI_CHOICE", Map.of("labels", Map.of("zh", "标签", "en", "Tags"),
				"options", List.of(option("X", "艾克斯", "Ex"), option("Y", "歪", "Why"))))
			.expect(201)
			.id());
		return new Fields(text, number, date, single, multi);
	}

	private Response define(String recordType, String key, String type, Map<String, Object> more) {
		Map<String, Object> body = new java.util.HashMap<>(
				json("recordType", recordType, "key", key, "type", type, "labels", Map.of("zh", "字段", "en", "Field")));
		body.putAll(more);
		return this.api.post(Api.ADMIN, "/api/v1/custom-fields", body);
	}

	private void expectRefused(String name, Map<String, Object> values, String key, String message) {
		Response refused = this.api.post(Api.ADMIN, "/api/v1/accounts", json("name", name, "customFields", values))
			.expect(400);
		assertThat(refused.errorFields()).containsExactly("customFields." + key);
		assertThat(refused.body().get("errors").get(0).get("message").asString()).isEqualTo(message);
	}

	private List<Long> list(String token, String key, String value) {
		return this.api.get(Api.ADMIN, "/api/v1/accounts?size=50&q=" + token + "&customFields." + key + "=" + value)
			.expect(200)
			.ids();
	}

	private String version(String location) {
		return String.valueOf(this.api.get(Api.ADMIN, "/api/v1" + location).expect(200).version());
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

	private static InputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request) {
		return request.with(user(Api.ADMIN).roles("ADMIN"));
	}

	private static Map<String, Object> option(String key, String zh, String en) {
		return Map.of("key", key, "labels", Map.of("zh", zh, "en", en));
	}

	private static Map<String, Object> with(Map<String, Object> values, String key, Object value) {
		Map<String, Object> changed = new java.util.HashMap<>(values);
		changed.put(key, value);
		return changed;
	}

	private static String key(String word) {
		return Fixtures.unique(word).replace("-", "_");
	}

	private record Fields(String text, String number, String date, String single, String multi) {

		Map<String, Object> values(String code, Object score, String signedOn, String grade, List<String> tags) {
			Map<String, Object> values = new java.util.HashMap<>();
			values.put(this.text, code);
			values.put(this.number, score);
			values.put(this.date, signedOn);
			values.put(this.single, grade);
			values.put(this.multi, tags);
			return values;
		}

	}

}
