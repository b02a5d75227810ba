package io.dakehu.pages;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dakehu.dataimport.ImportJobView;
import io.dakehu.dataimport.ColumnMappings;
import io.dakehu.dataimport.ImportJobs;
import io.dakehu.dataimport.ImportRequest;
import io.dakehu.dataimport.ImportStatus;
import io.dakehu.dataimport.ImportType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.UserAdministration;
import io.dakehu.identity.Users;
import io.dakehu.support.H2IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static io.dakehu.support.PageCsrf.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The data pages as a browser receives them: the import pages (upload, column mapping,
 * the job with its errors and the user's decision), the account list's export, and the
 * purchases part of the account page, on a real in-memory database.
 */
@H2IntegrationTest
class DataPagesTests {

	private static final long STREAMED_WITHIN_MS = 60_000;

	private static final Charset GBK = Charset.forName("GBK");

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([0-9a-f-]+)\"");

	@Autowired
	MockMvc mvc;

	@Autowired
	ImportJobs imports;

	@Autowired
	ColumnMappings mappings;

	@Autowired
	Users users;

	@Autowired
	UserAdministration administration;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aGbkFileWithABadRowWaitsOnTheJobPageAndImportsOnlyWhenTheValidRowsAreChosen() throws Exception {
		String good = "华为" + tag();
		String bad = "中兴" + tag();
		String csv = "客户名称,行业,员工数\r\n" + good + ",通信,120\r\n" + bad + ",通信,很多\r\n";
		String mapping = this.mvc
			.perform(multipart("/imports/mapping")
				.file(new MockMultipartFile("file", "客户.csv", "text/csv", csv.getBytes(GBK)))
				.param("type", "ACCOUNTS")
				.param("charset", "")
				.param("duplicates", "REJECT")
				.with(admin())
				.with(csrf())
				.locale(Locale.ENGLISH))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		// The header and the first rows read in GB18030, each column with its proposed
		// field.
		assertThat(mapping).contains("客户名称", "员工数", good, "很多", "GB18030");
		assertThat(mapping).containsPattern("name=\"field0\"[^>]*>\\s*<option value=\"\">[^<]*</option>\\s*"
				+ "<option value=\"name\" selected=\"selected\"");
		String token = token(mapping);

		long id = start(token, "ACCOUNTS", "客户.csv", Map.of("客户名称", "name", "行业", "industry", "员工数", "employees"),
				null);
		ImportJobView job = awaitDecision(id);
		assertThat(job.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(accountsNamed(good, bad)).isZero();

		String page = this.mvc.perform(get("/imports/" + id).with(admin()).locale(Locale.ENGLISH))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("id=\"import-error-table\"", "员工数", "很多", "is not a number",
				"Import the valid rows only", "Discard", "/imports/" + id + "/errors.csv");
		assertThat(rowOfErrorTable(page)).contains(">3<");
		// A job waiting for the user has stopped moving: its part of the page polls no
		// more.
		assertThat(page).doesNotContain("hx-trigger=\"every 1s\"");

		MockHttpServletResponse errors = download(get("/imports/" + id + "/errors.csv").with(admin()));
		assertThat(errors.getContentAsString(StandardCharsets.UTF_8)).contains("row,column,value,reason")
			.contains("3,员工数,很多");

		this.mvc.perform(post("/imports/" + id + "/commit").with(admin()).with(csrf()))
			.andExpect(status().is3xxRedirection());
		job = awaitDecision(id);
		assertThat(job.status()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(accountsNamed(good)).isEqualTo(1);
		assertThat(accountsNamed(bad)).isZero();
		String done = this.mvc.perform(get("/imports/" + id + "/progress").with(admin()).locale(Locale.ENGLISH))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(done).contains("1 row imported.").doesNotContain("hx-trigger");
		// The user finds the job again in the list of their recent imports.
		assertThat(this.mvc.perform(get("/imports").with(admin())).andReturn().getResponse().getContentAsString())
			.contains("/imports/" + id);
	}

	@Test
	void aUtf8FileWithItsOwnHeadersIsMappedByTheUserAndTheMappingIsSavedForNextTime() throws Exception {
		String name = "Acme " + tag();
		String mappingName = "crm-" + tag();
		// "Region" is a header Dakehu recognises; the user keeps it out all the same.
		String csv = "\uFEFFFirma;Branche;Region\n" + name + ";Machinery;Nowhere\n";
		String mapping = this.mvc
			.perform(multipart("/imports/mapping")
				.file(new MockMultipartFile("file", "firms.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
				.param("type", "ACCOUNTS")
				.param("charset", "UTF-8")
				.with(admin())
				.with(csrf()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(mapping).contains("Firma", "Branche", name);
		assertThat(select(mapping, "field2")).contains("<option value=\"region\" selected=\"selected\"");
		long id = start(token(mapping), "ACCOUNTS", "firms.csv",
				Map.of("Firma", "name", "Branche", "industry", "Region", ""), mappingName);
		ImportJobView job = awaitDecision(id);
		assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(accountsNamed(name)).isEqualTo(1);
		assertThat(this.jdbc.sql("select industry || '/' || coalesce(region, '-') from account where name = :name")
			.param("name", name)
			.query(String.class)
			.single()).isEqualTo("Machinery/-");
		assertThat(this.mappings.mappings(adminUser(), ImportType.ACCOUNTS).get(mappingName))
			.containsExactlyInAnyOrderEntriesOf(Map.of("Firma", "name", "Branche", "industry", "Region", ""));
		// The saved mapping is offered on the first page and proposes the same fields.
		String start = this.mvc.perform(get("/imports").with(admin())).andReturn().getResponse().getContentAsString();
		assertThat(start).contains("value=\"" + mappingName + "\"");
		String again = this.mvc
			.perform(multipart("/imports/mapping")
				.file(new MockMultipartFile("file", "firms.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
				.param("type", "ACCOUNTS")
				.param("savedMapping", mappingName)
				.with(admin())
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(again).containsPattern("name=\"field0\"[^>]*>\\s*<option value=\"\">[^<]*</option>\\s*"
				+ "<option value=\"name\" selected=\"selected\"");
		assertThat(select(again, "field2")).doesNotContain("selected");
	}

	@Test
	void aDiscardedImportLeavesNothingAndAnotherUserCannotOpenIt() throws Exception {
		String good = "Keep " + tag();
		String csv = "account,employees\n" + good + ",12\nBroken " + tag() + ",lots\n";
		String mapping = this.mvc
			.perform(multipart("/imports/mapping")
				.file(new MockMultipartFile("file", "a.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
				.param("type", "ACCOUNTS")
				.with(admin())
				.with(csrf()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		long id = start(token(mapping), "ACCOUNTS", "a.csv", Map.of("account", "name", "employees", "employees"), null);
		assertThat(awaitDecision(id).status()).isEqualTo(ImportStatus.VALIDATED);
		this.mvc.perform(get("/imports/" + id).with(user(kam()).roles("KAM"))).andExpect(status().isNotFound());
		// The staged upload went with the first start: the same token starts nothing
		// twice.
		assertThat(this.mvc
			.perform(post("/imports/start").param("token", token(mapping))
				.param("type", "ACCOUNTS")
				.with(admin())
				.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/imports");

		this.mvc.perform(post("/imports/" + id + "/discard").with(admin()).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(awaitDecision(id).status()).isEqualTo(ImportStatus.DISCARDED);
		assertThat(accountsNamed(good)).isZero();
		assertThat(this.mvc.perform(get("/imports/" + id).with(admin()).locale(Locale.ENGLISH))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("Discarded").doesNotContain("id=\"import-valid-only\"");
	}

	@Test
	void aStagedUploadStartsOnlyForItsUploaderAndAKamStagesNoProducts() throws Exception {
		String name = "Staged " + tag();
		String csv = "account\n" + name + "\n";
		String mapping = this.mvc
			.perform(multipart("/imports/mapping")
				.file(new MockMultipartFile("file", "a.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
				.param("type", "ACCOUNTS")
				.with(admin())
				.with(csrf()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String kam = kam();
		this.mvc
			.perform(post("/imports/start").param("token", token(mapping))
				.param("type", "ACCOUNTS")
				.param("fileName", "a.csv")
				.param("header0", "account")
				.param("field0", "name")
				.with(user(kam).roles("KAM"))
				.with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(accountsNamed(name)).isZero();
		// The upload is still the administrator's to start.
		long id = start(token(mapping), "ACCOUNTS", "a.csv", Map.of("account", "name"), null);
		assertThat(awaitDecision(id).status()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(accountsNamed(name)).isEqualTo(1);

		// Products are added by administrators and directors, by hand or by file.
		this.mvc
			.perform(
					multipart("/imports/mapping")
						.file(new MockMultipartFile("file", "p.csv", "text/csv",
								("code,name\nP-" + tag() + ",Product " + tag() + "\n")
									.getBytes(StandardCharsets.UTF_8)))
						.param("type", "PRODUCTS")
						.with(user(kam).roles("KAM"))
						.with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(this.mvc.perform(get("/imports").with(user(kam).roles("KAM")))
			.andReturn()
			.getResponse()
			.getContentAsString()).doesNotContain("value=\"PRODUCTS\"").contains("value=\"ACCOUNTS\"");
	}

	@Test
	void theAccountListExportHoldsTheVisibleAccountsOfTheCurrentFiltersOnly() throws Exception {
		String kam = kam();
		String tag = tag();
		long mine = createOwnedBy("Export Mine " + tag, kam);
		createOwnedBy("Export Other " + tag, "admin");
		createOwnedBy("Unrelated Mine " + SEQUENCE.incrementAndGet(), kam);
		String list = this.mvc.perform(get("/accounts").param("q", tag).with(user(kam).roles("KAM")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(list).contains("id=\"account-export\"", "name=\"q\" value=\"" + tag + "\"", "/accounts/" + mine);

		MockHttpServletResponse csv = download(
				get("/exports/accounts").param("format", "csv").param("q", tag).with(user(kam).roles("KAM")));
		assertThat(csv.getContentType()).startsWith("text/csv");
		String text = csv.getContentAsString(StandardCharsets.UTF_8);
		assertThat(text.lines().filter((line) -> !line.isBlank())).hasSize(2);
		assertThat(text).contains("Export Mine " + tag)
			.doesNotContain("Export Other " + tag)
			.doesNotContain("Unrelated Mine");

		MockHttpServletResponse xlsx = download(
				get("/exports/accounts").param("format", "xlsx").param("q", tag).with(user(kam).roles("KAM")));
		assertThat(xlsx.getContentType()).contains("spreadsheetml");
		try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
				new ByteArrayInputStream(xlsx.getContentAsByteArray()))) {
			assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(1);
			assertThat(workbook.getSheetAt(0).getRow(1).getCell(0).getStringCellValue())
				.isEqualTo("Export Mine " + tag);
		}
	}

	@Test
	void theAccountPageShowsPurchasesByYearAndProductLine() throws Exception {
		String tag = tag();
		String account = "Buyer " + tag;
		long id = createOwnedBy(account, "admin");
		String product = "Drill " + tag;
		String line = "Tools " + tag;
		importNow(ImportType.PRODUCTS, "product,series,sales_price\n" + product + "," + line + ",100\n");
		String[][] orders = { { "2023-03-01", "1200.50" }, { "2023-11-20", "799.50" }, { "2024-02-02", "12345.67" },
				{ "2024-06-30", "0.33" } };
		StringBuilder csv = new StringBuilder("account,date,product,quantity,amount,reference\n");
		Map<String, BigDecimal> byYear = new TreeMap<>();
		BigDecimal total = BigDecimal.ZERO;
		for (int i = 0; i < orders.length; i++) {
			csv.append(account)
				.append(',')
				.append(orders[i][0])
				.append(',')
				.append(product)
				.append(",1,")
				.append(orders[i][1])
				.append(",R")
				.append(i)
				.append('\n');
			BigDecimal amount = new BigDecimal(orders[i][1]);
			byYear.merge(orders[i][0].substring(0, 4), amount, BigDecimal::add);
			total = total.add(amount);
		}
		importNow(ImportType.ORDERS, csv.toString());

		String show = this.mvc.perform(get("/accounts/" + id).with(admin()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(show).contains("hx-get=\"/accounts/" + id + "/purchases/section\"");
		String section = this.mvc
			.perform(get("/accounts/" + id + "/purchases/section").with(admin()).locale(Locale.ENGLISH))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		DecimalFormat money = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
		assertThat(byYear).containsOnlyKeys("2023", "2024");
		for (Map.Entry<String, BigDecimal> year : byYear.entrySet()) {
			assertThat(section).containsPattern(
					"data-year=\"" + year.getKey() + "\"[\\s\\S]*?" + Pattern.quote(money.format(year.getValue())));
		}
		assertThat(section).contains(money.format(total), line, product, "2024-06-30");

		long empty = createOwnedBy("Nothing Bought " + tag, "admin");
		assertThat(
				this.mvc.perform(get("/accounts/" + empty + "/purchases/section").with(admin()).locale(Locale.ENGLISH))
					.andReturn()
					.getResponse()
					.getContentAsString())
			.contains("id=\"purchases-empty\"")
			.doesNotContain("purchases-by-year");
		this.mvc.perform(get("/accounts/" + id + "/purchases/section").with(user(kam()).roles("KAM")))
			.andExpect(status().isNotFound());
	}

	private long start(String token, String type, String fileName, Map<String, String> fieldOfHeader,
			String mappingName) throws Exception {
		var request = post("/imports/start").param("token", token)
			.param("type", type)
			.param("fileName", fileName)
			.param("duplicates", "REJECT")
			.with(admin())
			.with(csrf());
		int i = 0;
		for (Map.Entry<String, String> entry : fieldOfHeader.entrySet()) {
			request.param("header" + i, entry.getKey()).param("field" + i, entry.getValue());
			i++;
		}
		if (mappingName != null) {
			request.param("mappingName", mappingName);
		}
		String location = this.mvc.perform(request)
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).matches("/imports/\\d+");
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	/** The options of one select of the mapping page. */
	private static String select(String page, String name) {
		String rest = page.substring(page.indexOf("name=\"" + name + "\""));
		return rest.substring(0, rest.indexOf("</select>"));
	}

	private static String token(String page) {
		Matcher matcher = TOKEN.matcher(page);
		assertThat(matcher.find()).as("the mapping page names the staged file").isTrue();
		return matcher.group(1);
	}

	private static String rowOfErrorTable(String page) {
		String table = page.substring(page.indexOf("id=\"import-error-table\""));
		return table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
	}

	private ImportJobView awaitDecision(long id) throws InterruptedException {
		for (int i = 0; i < 600; i++) {
			ImportJobView job = this.imports.get(adminUser(), id);
			if (job.status() != ImportStatus.VALIDATING && job.status() != ImportStatus.COMMITTING) {
				return job;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("import " + id + " did not finish");
	}

	private void importNow(ImportType type, String csv) {
		ImportJobView job = this.imports.runNow(adminUser(),
				new ImportRequest(type, "setup.csv", false, null, null, null),
				new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "TEST", false);
		assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.COMMITTED);
	}

	/**
	 * Downloads stream asynchronously: the response is complete after the async dispatch.
	 */
	private MockHttpServletResponse download(RequestBuilder request) throws Exception {
		var started = this.mvc.perform(request).andExpect(request().asyncStarted()).andReturn();
		// A cold JVM on a busy machine may stream its first spreadsheet for longer than
		// the 10 seconds MockMvc waits for an async result by default.
		started.getAsyncResult(STREAMED_WITHIN_MS);
		return this.mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse();
	}

	private long accountsNamed(String... names) {
		return this.jdbc.sql("select count(*) from account where name in (:names)")
			.param("names", java.util.List.of(names))
			.query(Long.class)
			.single();
	}

	private long createOwnedBy(String name, String owner) throws Exception {
		return PageFixtures.createOwnedBy(this.mvc, name, owner);
	}

	private String kam() {
		return PageFixtures.kam(this.administration, "datakam");
	}

	private CurrentUser adminUser() {
		return PageFixtures.adminUser(this.users);
	}

	private static String tag() {
		return Integer.toString(SEQUENCE.incrementAndGet()) + System.nanoTime() % 100000;
	}

	private static RequestPostProcessor admin() {
		return PageFixtures.admin();
	}

}
