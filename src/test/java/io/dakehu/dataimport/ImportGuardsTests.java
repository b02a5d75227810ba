package io.dakehu.dataimport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports a user cannot get wrong, over HTTP with real files: a required field without a
 * column is refused before a job exists, every stage name the interface shows is accepted
 * in both languages, opportunity names and expected close dates come in, the downloadable
 * templates import back, and no message says "null". Expected values come from the
 * message bundles and the files the tests write, never from the importer.
 */
abstract class ImportGuardsTests extends ApiTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@org.springframework.boot.test.web.server.LocalServerPort
	private int port;

	@org.springframework.beans.factory.annotation.Autowired
	private io.dakehu.identity.UserAdministration administration;

	@Test
	void refusesAFileWhoseRequiredColumnIsMissingAndNamesIt() throws Exception {
		long jobsBefore = jobCount();
		Answer answer = upload("opportunities", "deals.csv",
				"reference,owner,amount\nR1,,100\n".getBytes(StandardCharsets.UTF_8), Map.of(), "en");
		assertThat(answer.status()).as(answer.text()).isEqualTo(400);
		JsonNode error = answer.json().get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo("stage");
		assertThat(error.get("message").asString())
			.contains(bundle("dataimport", "en").getProperty("imports.field.stage"))
			.doesNotContain("null");
		// In Chinese as well, with the field's Chinese label.
		Answer chinese = upload("opportunities", "商机.csv", "编号,金额\nR1,100\n".getBytes(StandardCharsets.UTF_8), Map.of(),
				"zh-CN");
		assertThat(chinese.status()).isEqualTo(400);
		assertThat(chinese.json().get("errors").get(0).get("message").asString())
			.contains(bundle("dataimport", "zh_CN").getProperty("imports.field.stage"));
		// A recognised column mapped away counts as missing too.
		Answer mappedAway = upload("accounts", "accounts.csv",
				"name,industry\nAcme,Steel\n".getBytes(StandardCharsets.UTF_8), Map.of("mapping", "{\"name\":\"\"}"),
				"en");
		assertThat(mappedAway.status()).isEqualTo(400);
		assertThat(mappedAway.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
		assertThat(jobCount()).as("no job was made of a refused file").isEqualTo(jobsBefore);
	}

	@Test
	void theMappingPageRefusesToStartWhileARequiredFieldHasNoColumn() throws Exception {
		HttpClient browser = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(new java.net.CookieManager())
			.build();
		String start = page(browser, HttpRequest.newBuilder(URI.create(base() + "/imports")).GET(), "zh-CN");
		assertThat(start).contains("/imports/templates/opportunities.xlsx?lang=zh");
		String boundary = "----" + UUID.randomUUID();
		String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf(start)
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nOPPORTUNITIES\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"deals.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n编号,阶段,金额\nP1,赢单,100\r\n--" + boundary + "--\r\n";
		String mapping = page(browser,
				HttpRequest.newBuilder(URI.create(base() + "/imports/mapping"))
					.header("Content-Type", "multipart/form-data; boundary=" + boundary)
					.POST(HttpRequest.BodyPublishers.ofString(multipart, StandardCharsets.UTF_8)),
				"zh-CN");
		java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"token\" value=\"([0-9a-f-]+)\"")
			.matcher(mapping);
		assertThat(token.find()).as(mapping).isTrue();
		// The user sets the stage column to "not imported" and starts.
		String form = "_csrf=" + enc(csrf(mapping)) + "&token=" + token.group(1)
				+ "&type=OPPORTUNITIES&charset=&duplicates=REJECT&fileName=deals.csv&mappingName=" + enc("我的映射")
				+ "&header0=" + enc("编号") + "&field0=reference&header1=" + enc("阶段") + "&field1=&header2=" + enc("金额")
				+ "&field2=amount";
		long jobsBefore = jobCount();
		HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(URI.create(base() + "/imports/start"))
			.header("Authorization", basic())
			.header("Accept-Language", "zh-CN")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		// The mapping page again, naming the missing field in the user's language, with
		// the same staged file; no job was made.
		assertThat(refused.statusCode()).isEqualTo(200);
		String stageLabel = bundle("dataimport", "zh_CN").getProperty("imports.field.stage");
		assertThat(refused.body()).contains("id=\"import-problem\"", "id=\"mapping-form\"", token.group(1), "我的映射")
			.containsPattern("id=\"import-problem\"[^>]*>[^<]*" + stageLabel)
			.doesNotContain("null");
		assertThat(jobCount()).isEqualTo(jobsBefore);
		// Mapped, it starts.
		HttpResponse<String> started = browser.send(HttpRequest.newBuilder(URI.create(base() + "/imports/start"))
			.header("Authorization", basic())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form.replace("&field1=&", "&field1=stage&")))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(started.statusCode()).isEqualTo(302);
		assertThat(started.headers().firstValue("Location").orElseThrow()).containsPattern("/imports/\\d+$");
	}

	private String page(HttpClient browser, HttpRequest.Builder request, String language) throws Exception {
		HttpResponse<String> response = browser.send(
				request.header("Authorization", basic()).header("Accept-Language", language).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static String csrf(String html) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
			.matcher(html);
		assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
		return matcher.group(1);
	}

	private static String enc(String text) {
		return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	@Test
	void acceptsEveryStageNameTheInterfaceShowsInBothLanguages() throws Exception {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Stage buyer")).id();
		String accountName = this.api.get(kam, "/api/v1/accounts/" + account).expect(200).text("name");
		Properties english = bundle("opportunity", "en");
		Properties chinese = bundle("opportunity", "zh_CN");
		String[] codes = { "PROBLEM_RECOGNITION", "NEED_DESCRIPTION", "PRODUCT_SPECIFICATION", "SUPPLIER_SEARCH",
				"PROPOSAL_SOLICITATION", "SUPPLIER_SELECTION", "ORDER", "PERFORMANCE_REVIEW", "WON", "LOST" };
		String tag = Fixtures.unique("st");
		StringBuilder csv = new StringBuilder("商机编号,商机名称,客户,阶段,预计成交日期,成交日期,金额\n");
		Map<String, String> expectedStage = new LinkedHashMap<>();
		Map<String, String> expectedName = new LinkedHashMap<>();
		LocalDate expectedClose = LocalDate.of(2026, 9, 30);
		int n = 0;
		for (String code : codes) {
			boolean closed = code.equals("WON") || code.equals("LOST");
			for (String name : List.of(code, english.getProperty("stage." + code),
					chinese.getProperty("stage." + code))) {
				String reference = tag + "-" + (++n);
				String dealName = "Deal " + n + " " + name;
				csv.append(reference)
					.append(',')
					.append(dealName)
					.append(',')
					.append(accountName)
					.append(',')
					.append(name)
					.append(',')
					.append(expectedClose)
					.append(',')
					.append(closed ? "2026-09-01" : "")
					.append(',')
					.append("1000")
					.append('\n');
				expectedStage.put(reference, code);
				expectedName.put(reference, dealName);
			}
		}
		// The first import format's seller-side names still work.
		csv.append(tag).append("-old,,").append(accountName).append(",Engaging,,,\n");
		expectedStage.put(tag + "-old", "SUPPLIER_SEARCH");
		JsonNode job = finished(upload("opportunities", "商机.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
				Map.of("source", tag), "zh-CN"));
		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMMITTED");
		Map<String, String> stored = new LinkedHashMap<>();
		Map<String, String> names = new LinkedHashMap<>();
		List<LocalDate> expectedCloses = new ArrayList<>();
		this.jdbc.sql("select external_ref, stage, name, expected_close_date from opportunity where source = :source")
			.param("source", tag)
			.query((rs, i) -> {
				stored.put(rs.getString(1), rs.getString(2));
				if (rs.getString(3) != null) {
					names.put(rs.getString(1), rs.getString(3));
				}
				if (rs.getDate(4) != null) {
					expectedCloses.add(rs.getDate(4).toLocalDate());
				}
				return null;
			})
			.list();
		assertThat(stored).isEqualTo(expectedStage);
		assertThat(names).isEqualTo(expectedName);
		assertThat(expectedCloses).hasSize(expectedName.size()).containsOnly(expectedClose);
	}

	@Test
	void anUnknownStageAndAnEmptyOneSayWhatIsWrongWithoutNull() throws Exception {
		String tag = Fixtures.unique("bad");
		String csv = "reference,stage,account\n" + tag + "-1,Maybe,\n" + tag + "-2,,\n" + tag + "-3,Won,Nobody " + tag
				+ "\n";
		JsonNode job = finished(
				upload("opportunities", "bad.csv", csv.getBytes(StandardCharsets.UTF_8), Map.of("source", tag), "en"));
		assertThat(job.get("status").asString()).isEqualTo("VALIDATED");
		List<String> codes = new ArrayList<>();
		for (JsonNode error : job.get("errors")) {
			codes.add(error.get("code").asString());
			assertThat(error.get("reason").asString()).doesNotContain("null").doesNotContain("{0}");
			assertThat(error.get("column").asString()).isNotBlank();
		}
		assertThat(codes).contains("import.unknownStage", "import.required", "import.unknownAccount");
		// A header mapped to JSON null is simply not imported.
		Answer nullMapping = upload("accounts", "a.csv",
				("name,industry\n" + tag + ",Steel\n").getBytes(StandardCharsets.UTF_8),
				Map.of("mapping", "{\"industry\":null}"), "en");
		assertThat(nullMapping.status()).as(nullMapping.text()).isEqualTo(202);
		assertThat(finished(nullMapping).get("status").asString()).isEqualTo("COMMITTED");
	}

	@ParameterizedTest
	@CsvSource({ "accounts,en,csv", "accounts,zh,csv", "accounts,en,xlsx", "accounts,zh,xlsx", "contacts,en,csv",
			"contacts,zh,xlsx", "products,zh,csv", "products,en,xlsx", "orders,en,csv", "orders,zh,xlsx",
			"opportunities,zh,csv", "opportunities,en,xlsx", "users,zh,csv", "users,en,xlsx" })
	void everyTemplateHasTheLocalisedHeadersAndImportsBack(String type, String lang, String format) throws Exception {
		byte[] template = download("/imports/templates/" + type + "." + format + "?lang=" + lang);
		List<String> header = "csv".equals(format) ? csvRows(template).get(0) : xlsxRows(template).get(0);
		// Every header is the field's label in that language (or the type's own
		// wording), a required one marked with *.
		Properties labels = bundle("dataimport", "zh".equals(lang) ? "zh_CN" : "en");
		assertThat(header).isNotEmpty().allSatisfy((cell) -> {
			String label = cell.endsWith("*") ? cell.substring(0, cell.length() - 1) : cell;
			assertThat(labels.values()).as(cell).contains(label);
		});
		assertThat(header).anySatisfy((cell) -> assertThat(cell).endsWith("*"));
		// The bare template is accepted: every required column is recognised.
		Answer answer = upload(type, "template." + format, template, Map.of(), lang);
		assertThat(answer.status()).as(answer.text()).isEqualTo(202);
		JsonNode job = finished(answer);
		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMMITTED");
		assertThat(job.get("totalRows").asLong()).isZero();
	}

	@ParameterizedTest
	@CsvSource({ "zh,csv", "en,xlsx" })
	void aFilledInAccountTemplateImportsItsRow(String lang, String format) throws Exception {
		byte[] template = download("/imports/templates/accounts." + format + "?lang=" + lang);
		List<String> header = "csv".equals(format) ? csvRows(template).get(0) : xlsxRows(template).get(0);
		Properties labels = bundle("dataimport", "zh".equals(lang) ? "zh_CN" : "en");
		String name = Fixtures.unique("Template Co");
		String industry = Fixtures.unique("Steel");
		Map<String, String> values = Map.of(labels.getProperty("imports.template.ACCOUNTS.name") + "*", name,
				labels.getProperty("imports.field.industry"), industry, labels.getProperty("imports.field.employees"),
				"42");
		List<String> row = header.stream().map((cell) -> values.getOrDefault(cell, "")).toList();
		assertThat(row).contains(name, industry, "42");
		byte[] filled = "csv".equals(format) ? csvWith(header, row) : xlsxWith(template, row);
		JsonNode job = finished(upload("accounts", "filled." + format, filled, Map.of(), lang));
		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMMITTED");
		JsonNode found = this.api.get(Api.ADMIN, "/api/v1/accounts?q=" + name).expect(200).body().get("content");
		assertThat(found).hasSize(1);
		assertThat(found.get(0).get("industry").asString()).isEqualTo(industry);
	}

	@Test
	void productsAreImportedOnlyByThoseWhoMayAddProducts() throws Exception {
		String name = Fixtures.unique("Imported product");
		byte[] file = ("code,name\n" + Fixtures.unique("P") + "," + name + "\n").getBytes(StandardCharsets.UTF_8);
		String kam = this.given.kam();
		this.api.post(kam, "/api/v1/products", Api.json("name", name)).expect(403);
		long jobsBefore = jobCount();
		Answer refused = uploadAs(kam, "products", "products.csv", file, Map.of());
		assertThat(refused.status()).as(refused.text()).isEqualTo(403);
		assertThat(refused.json().get("status").asInt()).isEqualTo(403);
		assertThat(jobCount()).isEqualTo(jobsBefore);

		// A director's preview, committed after the director became a KAM, adds nothing.
		String director = this.given.director();
		JsonNode preview = finished(uploadAs(director, "products", "products.csv", file, Map.of("preview", "true")));
		assertThat(preview.get("status").asString()).isEqualTo("VALIDATED");
		long userId = this.jdbc.sql("select id from app_user where username = ?")
			.param(director)
			.query(Long.class)
			.single();
		int version = this.jdbc.sql("select version from app_user where id = ?")
			.param(userId)
			.query(Integer.class)
			.single();
		this.administration.update(userId, version, "Former director", null, io.dakehu.identity.Role.KAM, null, null);
		this.api.post(director, "/api/v1/imports/" + preview.get("id").asLong() + "/commit", Api.json()).expect(403);
		assertThat(this.api.get(Api.ADMIN, "/api/v1/imports/" + preview.get("id").asLong())
			.expect(200)
			.body()
			.get("status")
			.asString()).isEqualTo("VALIDATED");
		assertThat(this.jdbc.sql("select count(*) from product where name = ?").param(name).query(Long.class).single())
			.isZero();
	}

	@Test
	void savedMappingsBelongToTheirOwnerAndOnlyAnAdministratorSharesOne() throws Exception {
		String name = Fixtures.unique("erp");
		byte[] firma = ("Firma\n" + Fixtures.unique("Shared mapping") + "\n").getBytes(StandardCharsets.UTF_8);
		assertThat(finished(upload("accounts", "a.csv", firma,
				Map.of("mapping", "{\"Firma\":\"name\"}", "mappingName", name, "shareMapping", "true"), "en"))
			.get("status")
			.asString()).isEqualTo("COMMITTED");
		String kam = this.given.kam();
		assertThat(mappings(kam).get(name).get("Firma").asString()).isEqualTo("name");

		// The KAM saves a mapping of the same name: theirs, not the administrator's.
		byte[] kunde = ("Kunde\n" + Fixtures.unique("Own mapping") + "\n").getBytes(StandardCharsets.UTF_8);
		assertThat(finished(uploadAs(kam, "accounts", "k.csv", kunde,
				Map.of("mapping", "{\"Kunde\":\"name\"}", "mappingName", name)))
			.get("status")
			.asString()).isEqualTo("COMMITTED");
		assertThat(mappings(kam).get(name).has("Kunde")).isTrue();
		assertThat(mappings(Api.ADMIN).get(name).has("Kunde")).isFalse();
		assertThat(mappings(this.given.kam()).get(name).get("Firma").asString()).isEqualTo("name");
		// A file sent with the name alone maps by the KAM's own mapping.
		assertThat(finished(uploadAs(kam, "accounts", "k.csv",
				("Kunde\n" + Fixtures.unique("By name") + "\n").getBytes(StandardCharsets.UTF_8),
				Map.of("mappingName", name)))
			.get("status")
			.asString()).isEqualTo("COMMITTED");

		// Only an administrator shares, so only an administrator changes the shared one.
		long saved = mappingRows(name);
		Answer sharing = uploadAs(kam, "accounts", "k.csv", kunde,
				Map.of("mapping", "{\"Kunde\":\"name\"}", "mappingName", name, "shareMapping", "true"));
		assertThat(sharing.status()).as(sharing.text()).isEqualTo(403);
		assertThat(mappingRows(name)).isEqualTo(saved);
		assertThat(mappings(this.given.kam()).get(name).get("Firma").asString()).isEqualTo("name");
	}

	private JsonNode mappings(String user) {
		return this.api.get(user, "/api/v1/imports/mappings?type=accounts").expect(200).body();
	}

	private long mappingRows(String name) {
		return this.jdbc.sql("select count(*) from import_mapping where name = ?")
			.param(name)
			.query(Long.class)
			.single();
	}

	private long jobCount() {
		return this.jdbc.sql("select count(*) from import_job").query(Long.class).single();
	}

	private static Properties bundle(String module, String lang) throws IOException {
		Properties properties = new Properties();
		String suffix = "en".equals(lang) ? "" : "_" + lang;
		try (Reader reader = new InputStreamReader(
				ImportGuardsTests.class.getResourceAsStream("/i18n/" + module + suffix + ".properties"),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

	private static List<List<String>> csvRows(byte[] bytes) throws IOException {
		String text = new String(bytes, StandardCharsets.UTF_8).replace("\uFEFF", "");
		List<List<String>> rows = new ArrayList<>();
		for (CSVRecord record : CSVFormat.DEFAULT.parse(new StringReader(text))) {
			rows.add(record.toList());
		}
		return rows;
	}

	private static byte[] csvWith(List<String> header, List<String> row) throws IOException {
		StringBuilder text = new StringBuilder();
		CSVFormat.DEFAULT.printRecord(text, header.toArray());
		CSVFormat.DEFAULT.printRecord(text, row.toArray());
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static List<List<String>> xlsxRows(byte[] bytes) throws IOException {
		List<List<String>> rows = new ArrayList<>();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
			for (Row row : workbook.getSheetAt(0)) {
				List<String> cells = new ArrayList<>();
				row.forEach((cell) -> cells.add(cell.getStringCellValue()));
				rows.add(cells);
			}
		}
		return rows;
	}

	private static byte[] xlsxWith(byte[] template, List<String> values) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template));
				ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.getSheetAt(0);
			Row row = sheet.createRow(1);
			for (int i = 0; i < values.size(); i++) {
				if (!values.get(i).isEmpty()) {
					row.createCell(i).setCellValue(values.get(i));
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
	}

	private byte[] download(String path) throws Exception {
		HttpResponse<byte[]> response = this.http.send(
				HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", basic()).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
		return response.body();
	}

	/** A multipart upload to the import API as the administrator. */
	private Answer upload(String type, String fileName, byte[] content, Map<String, String> fields, String language)
			throws Exception {
		return upload(basic(), type, fileName, content, fields, language);
	}

	/** A multipart upload to the import API as the given user. */
	private Answer uploadAs(String user, String type, String fileName, byte[] content, Map<String, String> fields)
			throws Exception {
		return upload(
				"Basic " + Base64.getEncoder()
					.encodeToString((user + ":" + Api.USER_PASSWORD).getBytes(StandardCharsets.UTF_8)),
				type, fileName, content, fields, "en");
	}

	private Answer upload(String authorization, String type, String fileName, byte[] content,
			Map<String, String> fields, String language) throws Exception {
		String boundary = "----" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		Map<String, String> all = new LinkedHashMap<>(fields);
		all.put("type", type);
		for (Map.Entry<String, String> field : all.entrySet()) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
					+ field.getValue() + "\r\n")
				.getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.write(content);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/imports"))
			.header("Authorization", authorization)
			.header("Accept-Language", language)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		return new Answer(response.statusCode(), response.body());
	}

	/** The job once it has stopped moving. */
	private JsonNode finished(Answer accepted) throws Exception {
		assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
		long id = accepted.json().get("id").asLong();
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			JsonNode job = this.api.get(Api.ADMIN, "/api/v1/imports/" + id).expect(200).body();
			String status = job.get("status").asString();
			if (!status.equals("VALIDATING") && !status.equals("COMMITTING")) {
				return job;
			}
			assertThat(System.nanoTime()).as("import %d still %s", id, status).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

	private static String basic() {
		return "Basic " + Base64.getEncoder()
			.encodeToString((Api.ADMIN + ":" + Api.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	record Answer(int status, String text) {

		JsonNode json() {
			return JSON.readTree(this.text);
		}

	}

}
