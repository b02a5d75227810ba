package io.dakehu.contact;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.dataimport.ColumnMappings;
import io.dakehu.dataimport.DuplicatePolicy;
import io.dakehu.dataimport.ImportJobView;
import io.dakehu.dataimport.ImportJobs;
import io.dakehu.dataimport.ImportRequest;
import io.dakehu.dataimport.ImportType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.shared.audit.AuditHistory;
import io.dakehu.shared.audit.AuditLine;
import io.dakehu.shared.audit.AuditTrail;
import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.assertj.core.groups.Tuple;
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
 * Custom fields on contacts (DOMAIN.md §13, decision 0048): the contact form takes each
 * type and refuses a value under its field, the account page and the API show the values,
 * the account's contact list filters by them, the contact import and export carry them, a
 * merge carries an account's values over, and the history names a choice by its option's
 * label. Every field a test defines is retired after it, so no other test's records meet
 * a required field.
 */
abstract class ContactCustomFieldTests extends ApiTestSupport {

	@Autowired
	MockMvc mvc;

	@Autowired
	ImportJobs imports;

	@Autowired
	ColumnMappings mappings;

	@Autowired
	Users users;

	@Autowired
	AuditTrail audit;

	@Autowired
	AuditHistory history;

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
	void theFormTakesEachTypeRefusesUnderTheFieldAndThePageShowsTheValues() throws Exception {
		Fields f = fields("CONTACT", true);
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Form contacts")).id();

		String blank = page(kam, get("/accounts/" + account + "/contacts/new"));
		assertThat(blank).containsPattern("type=\"text\"[^>]*id=\"cf-" + f.text + "\"")
			.containsPattern("type=\"number\"[^>]*id=\"cf-" + f.number + "\"")
			.containsPattern("type=\"date\"[^>]*id=\"cf-" + f.date + "\"")
			.containsPattern("<select[^>]*id=\"cf-" + f.single + "\"")
			.containsPattern("type=\"checkbox\"[^>]*id=\"cf-" + f.multi + "-Y\"");

		MockHttpServletResponse refused = this.mvc
			.perform(as(kam,
					post("/accounts/" + account + "/contacts").with(csrf())
						.locale(Locale.SIMPLIFIED_CHINESE)
						.param("name", "Li Refused")
						.param("customFields." + f.text, "VIN-9")
						.param("customFields." + f.number, "250")
						.param("customFields." + f.single, "B")))
			.andReturn()
			.getResponse();
		assertThat(refused.getStatus()).isEqualTo(200);
		assertThat(refused.getContentAsString()).contains("id=\"cf-" + f.number + "-error\"")
			.contains("分数: 必须在 0 到 100 之间")
			.containsPattern("id=\"cf-" + f.text + "\"[^>]*value=\"VIN-9\"")
			.containsPattern("value=\"B\"[^>]*selected");
		MockHttpServletResponse missing = this.mvc
			.perform(as(kam,
					post("/accounts/" + account + "/contacts").with(csrf())
						.locale(Locale.ENGLISH)
						.param("name", "Li Refused")
						.param("customFields." + f.number, "5")))
			.andReturn()
			.getResponse();
		assertThat(missing.getContentAsString()).contains("id=\"cf-" + f.text + "-error\"")
			.contains("Code: is required");
		assertThat(contactsAt(account)).as("nothing written on a refusal").isZero();

		MockHttpServletResponse saved = this.mvc
			.perform(as(kam,
					post("/accounts/" + account + "/contacts").with(csrf())
						.param("name", "Li Saved")
						.param("customFields." + f.text, "VIN-9")
						.param("customFields." + f.number, "99")
						.param("customFields." + f.date, "2026-05-04")
						.param("customFields." + f.single, "B")
						.param("customFields." + f.multi, "X", "Y")))
			.andReturn()
			.getResponse();
		assertThat(saved.getStatus()).as(saved.getContentAsString()).isEqualTo(302);
		List<JsonNode> listed = this.api.get(kam, "/api/v1/accounts/" + account + "/contacts").expect(200).items();
		assertThat(listed).hasSize(1);
		long id = listed.get(0).get("id").asLong();
		JsonNode values = listed.get(0).get("customFields");
		assertThat(values.get(f.text).asString()).isEqualTo("VIN-9");
		assertThat(values.get(f.number).asDecimal()).isEqualByComparingTo("99");
		assertThat(values.get(f.date).asString()).isEqualTo("2026-05-04");
		assertThat(values.get(f.single).asString()).isEqualTo("B");
		assertThat(values.get(f.multi).toString()).isEqualTo("[\"X\",\"Y\"]");
		assertThat(this.api.get(kam, "/api/v1/contacts/" + id).expect(200).body().get("customFields"))
			.isEqualTo(values);

		String section = "/accounts/" + account + "/contacts/section";
		assertThat(page(kam, get(section).locale(Locale.ENGLISH)))
			.containsPattern("id=\"contact-" + id + "-cf-" + f.single + "\">\\s*<span>Grade</span>: <span[^>]*>Bee<")
			.containsPattern("id=\"contact-" + id + "-cf-" + f.multi + "\">\\s*<span>Tags</span>: <span[^>]*>Ex, Why<");
		assertThat(page(kam, get(section).locale(Locale.SIMPLIFIED_CHINESE)))
			.containsPattern("id=\"contact-" + id + "-cf-" + f.single + "\">\\s*<span>等级</span>: <span[^>]*>乙<")
			.containsPattern("id=\"contact-" + id + "-cf-" + f.multi + "\">\\s*<span>标签</span>: <span[^>]*>艾克斯、歪<");

		String edit = page(kam, get("/contacts/" + id + "/edit"));
		assertThat(edit).containsPattern("id=\"cf-" + f.date + "\"[^>]*value=\"2026-05-04\"")
			.containsPattern("value=\"Y\"[^>]*checked");

		int version = listed.get(0).get("version").asInt();
		MockHttpServletResponse stale = this.mvc
			.perform(as(kam,
					post("/contacts/" + id).with(csrf())
						.param("name", "Li Saved")
						.param("version", String.valueOf(version + 1))
						.param("customFields." + f.text, "VIN-STALE")))
			.andReturn()
			.getResponse();
		assertThat(stale.getStatus()).isEqualTo(200);
		this.api
			.put(kam, "/api/v1/contacts/" + id,
					json("name", "Li Saved", "version", version + 1, "customFields", Map.of(f.text, "VIN-STALE")))
			.expect(409);
		assertThat(this.api.get(kam, "/api/v1/contacts/" + id).body().get("customFields").get(f.text).asString())
			.as("a stale edit writes nothing")
			.isEqualTo("VIN-9");

		MockHttpServletResponse changed = this.mvc
			.perform(as(kam,
					post("/contacts/" + id).with(csrf())
						.param("name", "Li Saved")
						.param("version", String.valueOf(version))
						.param("customFields." + f.text, "VIN-10")
						.param("customFields." + f.number, "99")
						.param("customFields." + f.single, "A")))
			.andReturn()
			.getResponse();
		assertThat(changed.getStatus()).as(changed.getContentAsString()).isEqualTo(302);
		JsonNode after = this.api.get(kam, "/api/v1/contacts/" + id).body().get("customFields");
		assertThat(after.get(f.text).asString()).isEqualTo("VIN-10");
		assertThat(after.get(f.single).asString()).isEqualTo("A");
		assertThat(after.has(f.multi)).as("unticked boxes empty the field").isFalse();
		assertThat(after.has(f.date)).isFalse();
	}

	@Test
	void theAccountsContactListFiltersByACustomField() {
		Fields f = fields("CONTACT", false);
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Filtered contacts")).id();
		long first = contact(kam, account, "Zhao", f.values("AB-1", 7.50, "2026-01-31", "A", List.of("X", "Y")));
		long second = contact(kam, account, "Qian", f.values("AB-2", 8, null, "B", List.of("Y")));
		long third = contact(kam, account, "Sun", Map.of());

		assertThat(filtered(kam, account, f.single, "A")).containsExactly(first);
		assertThat(filtered(kam, account, f.multi, "Y")).containsExactlyInAnyOrder(first, second);
		assertThat(filtered(kam, account, f.multi, "X")).containsExactly(first);
		assertThat(filtered(kam, account, f.number, "7.5")).containsExactly(first);
		assertThat(filtered(kam, account, f.text, "AB-2")).containsExactly(second);
		assertThat(filtered(kam, account, f.date, "2026-01-31")).containsExactly(first);
		assertThat(filtered(kam, account, f.single, "Z")).as("not one of its options").isEmpty();
		assertThat(filtered(kam, account, "noSuchField", "1")).as("an unknown key is ignored")
			.containsExactlyInAnyOrder(first, second, third);
		assertThat(this.api
			.get(this.given.kam(), "/api/v1/accounts/" + account + "/contacts?customFields." + f.single + "=A")
			.status()).as("another KAM's account").isEqualTo(404);
	}

	@Test
	void contactsRoundTripThroughImportAndExport() throws Exception {
		Fields f = fields("CONTACT", false);
		String kam = this.given.kam();
		String accountName = Fixtures.unique("Imported contacts");
		long account = this.given.accountOwnedBy(kam, accountName).id();
		CurrentUser importer = this.users.actingAs(this.users.findByUsername(kam).orElseThrow().id()).orElseThrow();

		assertThat(this.mappings.templateHeader(ImportType.CONTACTS, Locale.ENGLISH)).as("offered as mapping targets")
			.contains("Code", "Score", "Signed on", "Grade", "Tags");
		assertThat(this.mappings.customFieldLabels(ImportType.CONTACTS)).containsKey("customFields." + f.single);

		String refused = "account,name,Code,Score\n" + accountName + ",Bad,AB-9,101\n";
		ImportJobView bad = this.imports.runNow(importer, ImportRequest.of(ImportType.CONTACTS, "bad.csv"),
				stream(refused), "TEST", false);
		assertThat(bad.errors()).extracting(ImportJobView.Error::column, ImportJobView.Error::code)
			.containsExactly(Tuple.tuple("Score", "customField.import.refused"));
		assertThat(bad.errors().get(0).reason()).contains("Score").contains("100");
		assertThat(contactsAt(account)).isZero();

		String csv = "account,name,Code," + f.number + ",Signed on,等级,Tags\n" + accountName
				+ ",Zhou,AB-1,12.5,2026-01-02,Bee,\"Ex, Why\"\n";
		ImportJobView good = this.imports.runNow(importer, ImportRequest.of(ImportType.CONTACTS, "good.csv"),
				stream(csv), "TEST", false);
		assertThat(good.errors()).isEmpty();
		List<JsonNode> imported = this.api.get(kam, "/api/v1/accounts/" + account + "/contacts").expect(200).items();
		assertThat(imported).hasSize(1);
		JsonNode values = imported.get(0).get("customFields");
		assertThat(values.get(f.text).asString()).isEqualTo("AB-1");
		assertThat(values.get(f.number).asDecimal()).isEqualByComparingTo("12.5");
		assertThat(values.get(f.date).asString()).isEqualTo("2026-01-02");
		assertThat(values.get(f.single).asString()).isEqualTo("B");
		assertThat(values.get(f.multi).toString()).isEqualTo("[\"X\",\"Y\"]");

		// The new KAM sees only this account, so the export holds only its contact.
		String export = download(kam, get("/exports/contacts").param("format", "csv").locale(Locale.ENGLISH));
		List<String> lines = export.lines().toList();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).endsWith("Code,Score,Signed on,Grade,Tags");
		assertThat(lines.get(1)).startsWith(accountName + ",Zhou,").endsWith("AB-1,12.5,2026-01-02,Bee,\"Ex, Why\"");
		ImportJobView back = this.imports.runNow(importer, ImportRequest.of(ImportType.CONTACTS, "back.csv"),
				stream(export.replace(",Zhou,", ",Zhou Copy,")), "TEST", false);
		assertThat(back.errors()).isEmpty();
		List<JsonNode> both = this.api.get(kam, "/api/v1/accounts/" + account + "/contacts").expect(200).items();
		assertThat(both).hasSize(2);
		assertThat(both).allSatisfy((contact) -> assertThat(contact.get("customFields")).isEqualTo(values));
		// Asked to update, a row naming a contact changes only the columns the file has.
		long zhou = both.stream()
			.filter((contact) -> contact.get("name").asString().equals("Zhou"))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asLong();
		this.api
			.put(kam, "/api/v1/contacts/" + zhou,
					json("name", "Zhou", "title", "Buyer", "version",
							this.api.version(kam, "/api/v1/contacts/" + zhou)))
			.expect(200);
		ImportJobView update = this.imports.runNow(importer,
				new ImportRequest(ImportType.CONTACTS, "update.csv", false, null, null, null, Map.of(),
						DuplicatePolicy.UPDATE),
				stream("account,name,等级\n" + accountName + ",Zhou,Ay\n"), "TEST", false);
		assertThat(update.errors()).isEmpty();
		assertThat(contactsAt(account)).isEqualTo(2);
		JsonNode updated = this.api.get(kam, "/api/v1/contacts/" + zhou).expect(200).body();
		assertThat(updated.get("title").asString()).isEqualTo("Buyer");
		assertThat(updated.get("customFields").get(f.single).asString()).isEqualTo("A");
		assertThat(updated.get("customFields").get(f.text).asString()).isEqualTo("AB-1");
		assertThat(updated.get("customFields").get(f.multi).toString()).isEqualTo("[\"X\",\"Y\"]");

		String page = page(kam, get("/contacts").locale(Locale.ENGLISH));
		assertThat(page).as("the export is offered on the contact list")
			.contains("href=\"/exports/contacts?format=csv\"");
	}

	@Test
	void aMergeKeepsTheSurvivorsValuesAndTakesTheAbsorbedAccountsForTheKeysItLacks() {
		Fields f = fields("ACCOUNT", false);
		String kam = this.given.kam();
		long survivor = this.given
			.account(Api.ADMIN,
					json("name", Fixtures.unique("Survivor"), "owner", kam, "customFields", Map.of(f.text, "S-1")))
			.id();
		long absorbed = this.given
			.account(Api.ADMIN,
					json("name", Fixtures.unique("Absorbed"), "owner", kam, "customFields",
							Map.of(f.text, "A-1", f.single, "B", f.multi, List.of("X"))))
			.id();
		int version = this.api.version(kam, "/api/v1/accounts/" + absorbed);
		this.api.post(kam, "/api/v1/accounts/" + absorbed + "/merge", json("into", survivor, "version", version))
			.expect(200);

		JsonNode values = this.api.get(kam, "/api/v1/accounts/" + survivor).expect(200).body().get("customFields");
		assertThat(values.get(f.text).asString()).as("its own value stays").isEqualTo("S-1");
		assertThat(values.get(f.single).asString()).as("taken from the absorbed account").isEqualTo("B");
		assertThat(values.get(f.multi).toString()).isEqualTo("[\"X\"]");
		assertThat(values.has(f.number)).isFalse();
		List<String> audited = this.jdbc.sql("""
				select field || ':' || coalesce(old_value, '') || '>' || coalesce(new_value, '') from audit_log
				where entity_type = 'Account' and entity_id = :id and action = 'UPDATE' and field like 'custom.%'""")
			.param("id", survivor)
			.query(String.class)
			.list();
		assertThat(audited).containsExactlyInAnyOrder("custom." + f.single + ":>B", "custom." + f.multi + ":>X");
	}

	@Test
	void theHistoryShowsAChoiceByItsOptionsLabelInTheReadersLanguage() {
		Fields f = fields("ACCOUNT", false);
		Fields c = fields("CONTACT", false);
		Response account = this.given.account(Api.ADMIN, json("name", Fixtures.unique("History"), "customFields",
				Map.of(f.single, "A", f.multi, List.of("X"), f.text, "T-1")));
		this.api.put(Api.ADMIN, "/api/v1/accounts/" + account.id(), json("name", account.text("name"), "version",
				account.version(), "customFields", Map.of(f.single, "B", f.multi, List.of("X", "Y"), f.text, "T-2")))
			.expect(200);
		long contact = contact(Api.ADMIN, account.id(), "Wu", Map.of(c.single, "A"));
		this.api
			.put(Api.ADMIN, "/api/v1/contacts/" + contact,
					json("name", "Wu", "version", this.api.version(Api.ADMIN, "/api/v1/contacts/" + contact),
							"customFields", Map.of(c.single, "B")))
			.expect(200);

		List<AuditLine> english = this.history.render(this.audit.forAccount(account.id(), null, 50).entries(),
				Locale.ENGLISH);
		assertThat(changes(english)).contains(Tuple.tuple("Grade", "Ay", "Bee"), Tuple.tuple("Tags", "Ex", "Ex, Why"),
				Tuple.tuple("Code", "T-1", "T-2"));
		List<AuditLine> chinese = this.history.render(this.audit.forAccount(account.id(), null, 50).entries(),
				Locale.SIMPLIFIED_CHINESE);
		assertThat(changes(chinese)).contains(Tuple.tuple("等级", "甲", "乙"), Tuple.tuple("标签", "艾克斯", "艾克斯、歪"),
				Tuple.tuple("编码", "T-1", "T-2"));
		List<AuditLine> contactHistory = this.history.render(this.audit.forEntity("Contact", contact, 50),
				Locale.SIMPLIFIED_CHINESE);
		assertThat(changes(contactHistory)).contains(Tuple.tuple("等级", "甲", "乙"));
	}

	private static List<Tuple> changes(List<AuditLine> lines) {
		return lines.stream()
			.flatMap((line) -> line.fields().stream())
			.filter((field) -> field.oldValue() != null && field.newValue() != null)
			.map((field) -> Tuple.tuple(field.label(), field.oldValue(), field.newValue()))
			.toList();
	}

	/**
	 * The five types on a record type: a text (required when asked), a number from 0 to
	 * 100, a date and two choices.
	 */
	private Fields fields(String recordType, boolean required) {
		String text = define(recordType, "code", "TEXT",
				Map.of("labels", Map.of("zh", "编码", "en", "Code"), "required", required));
		String number = define(recordType, "score", "NUMBER",
				Map.of("labels", Map.of("zh", "分数", "en", "Score"), "min", 0, "max", 100));
		String date = define(recordType, "signedOn", "DATE", Map.of("labels", Map.of("zh", "签约日", "en", "Signed on")));
		String single = define(recordType, "grade", "SINGLE_CHOICE", Map.of("labels", Map.of("zh", "等级", "en", "Grade"),
				"options", List.of(option("A", "甲", "Ay"), option("B", "乙", "Bee"))));
		String multi = define(recordType, "tags", "MULTI_CHOICE", Map.of("labels", Map.of("zh", "标签", "en", "Tags"),
				"options", List.of(option("X", "艾克斯", "Ex"), option("Y", "歪", "Why"))));
		return new Fields(text, number, date, single, multi);
	}

	private String define(String recordType, String word, String type, Map<String, Object> more) {
		String key = Fixtures.unique(word).replace("-", "_");
		Map<String, Object> body = new HashMap<>(json("recordType", recordType, "key", key, "type", type));
		body.putAll(more);
		this.defined.add(this.api.post(Api.ADMIN, "/api/v1/custom-fields", body).expect(201).id());
		return key;
	}

	private long contact(String user, long account, String name, Map<String, Object> values) {
		return this.api
			.post(user, "/api/v1/accounts/" + account + "/contacts", json("name", name, "customFields", values))
			.expect(201)
			.id();
	}

	private List<Long> filtered(String user, long account, String key, String value) {
		return this.api.get(user, "/api/v1/accounts/" + account + "/contacts?customFields." + key + "=" + value)
			.expect(200)
			.items()
			.stream()
			.map((contact) -> contact.get("id").asLong())
			.toList();
	}

	private long contactsAt(long account) {
		return this.jdbc.sql("select count(*) from contact where account_id = :a")
			.param("a", account)
			.query(Long.class)
			.single();
	}

	private String page(String user, MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(as(user, request)).andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
		return response.getContentAsString();
	}

	/** An export as the browser receives it, after its asynchronous streaming. */
	private String download(String user, MockHttpServletRequestBuilder request) throws Exception {
		MvcResult started = this.mvc.perform(as(user, request)).andReturn();
		started.getAsyncResult(60_000);
		return this.mvc.perform(asyncDispatch(started))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8)
			.replace("\uFEFF", "")
			.replace("\r", "");
	}

	private static InputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	private static MockHttpServletRequestBuilder as(String username, MockHttpServletRequestBuilder request) {
		return request.with(user(username).roles(Api.ADMIN.equals(username) ? "ADMIN" : "KAM"));
	}

	private static Map<String, Object> option(String key, String zh, String en) {
		return Map.of("key", key, "labels", Map.of("zh", zh, "en", en));
	}

	private record Fields(String text, String number, String date, String single, String multi) {

		Map<String, Object> values(String code, Object score, String signedOn, String grade, List<String> tags) {
			Map<String, Object> values = new HashMap<>();
			values.put(this.text, code);
			values.put(this.number, score);
			values.put(this.date, signedOn);
			values.put(this.single, grade);
			values.put(this.multi, tags);
			return values;
		}

	}

}
