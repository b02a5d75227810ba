package io.dakehu.dataimport;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.dakehu.account.AccountCriteria;
import io.dakehu.account.AccountInput;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRow;
import io.dakehu.account.AccountService;
import io.dakehu.catalog.Catalog;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.support.Api;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Imports through the API on a real (in-memory) database: encodings, Excel files, errors
 * that wait for the user's decision, atomic commits, scope and exports. Each test makes
 * its own names, so the tests share one database without seeing each other's rows.
 */
abstract class ImportApiTest {

	private static final long STREAMED_WITHIN_MS = 60_000;

	static final Charset GBK = Charset.forName("GBK");

	static final RequestPostProcessor ADMIN = httpBasic(Api.ADMIN, Api.ADMIN_PASSWORD);

	@Autowired
	MockMvc mvc;

	@Autowired
	ImportJobs imports;

	/** Rows the imports check and write together: the files "longer than a chunk". */
	@Value("${dakehu.imports.chunk-rows}")
	int chunkRows;

	@Autowired
	Users users;

	@Autowired
	AccountQueries accounts;

	@Autowired
	Catalog catalog;

	@Autowired
	AccountService service;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void importsAGbkFileWithChineseHeadersAndNames() throws Exception {
		String name = "华为技术" + tag();
		String csv = "客户名称,行业,地区,员工数\r\n" + name + ",通信,深圳,\"1,200\"\r\n" + name + "分公司,通信,上海,80\r\n";
		ImportJobView job = upload("accounts", "客户.csv", csv.getBytes(GBK), false);
		assertThat(job.status()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(job.charset()).isEqualTo("GB18030");
		assertThat(job.committedRows()).isEqualTo(2);
		AccountRow row = onlyAccount(name);
		assertThat(row.industry()).isEqualTo("通信");
		assertThat(row.region()).isEqualTo("深圳");
		assertThat(this.accounts.details(everything(), row.id()).employees()).isEqualTo(1200);
		// Imported like entered: audited field by field, by the importing user.
		assertThat(this.jdbc.sql("""
				select field, new_value, actor from audit_log
				where entity_type = 'Account' and entity_id = :id and action = 'CREATE' order by field""")
			.param("id", row.id())
			.query((rs, n) -> rs.getString(1) + "=" + rs.getString(2) + " by " + rs.getString(3))
			.list()).contains("name=" + name + " by admin", "industry=通信 by admin", "employees=1200 by admin");
	}

	@Test
	void importsAUtf8FileWithAByteOrderMarkAndSemicolons() throws Exception {
		String product = "Widget " + tag();
		String csv = "\uFEFFproduct;series;sales_price\n" + product + ";Widgets;12.50\n";
		ImportJobView job = upload("products", "products.csv", csv.getBytes(StandardCharsets.UTF_8), false);
		assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(job.charset()).isEqualTo("UTF-8");
		assertThat(this.catalog.all()).anySatisfy((p) -> {
			assertThat(p.name()).isEqualTo(product);
			assertThat(p.productLine()).isEqualTo("Widgets");
			assertThat(p.listPrice()).isEqualByComparingTo("12.50");
		});
	}

	@Test
	void aFileWithErrorsShowsEveryBadRowAndImportsNothingUntilTheUserDecides() throws Exception {
		String tag = tag();
		String account = "Acme " + tag;
		String product = "GTX Pro " + tag;
		importNow(ImportType.ACCOUNTS, "account\n" + account + "\n");
		importNow(ImportType.PRODUCTS, "product,sales_price\n" + product + ",4821\n");
		String misspelt = "GTXPro" + tag; // no space: the importer's name rule still
											// finds it
		String source = "erp-" + tag;
		String csv = """
				account,date,product,quantity,amount,reference
				%1$s,2024-01-15,%2$s,2,9642,A1
				Nobody Ltd,2024-01-16,%2$s,1,4821,A2
				%1$s,2024-13-40,%2$s,1,4821,A3
				%1$s,2024-01-17,%2$s,-1,4821,A4
				%1$s,2024-01-18,%2$s,1,4821,A1
				%1$s,2024-01-19,GTX Prp %3$s,1,4821,A6
				%1$s,2024/1/20,%4$s,1,4821,A7
				""".formatted(account, product, tag, misspelt);
		String body = this.mvc
			.perform(multipart("/api/v1/imports").file(file("orders.csv", csv.getBytes(StandardCharsets.UTF_8)))
				.param("type", "orders")
				.param("source", source)
				.with(ADMIN))
			.andExpect(status().isAccepted())
			.andExpect(header().exists("Location"))
			.andExpect(jsonPath("$.status").exists())
			.andReturn()
			.getResponse()
			.getContentAsString();
		long id = ((Number) JsonPath.read(body, "$.id")).longValue();
		ImportJobView job = awaitDecision(id);
		assertThat(job.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(job.totalRows()).isEqualTo(7);
		assertThat(job.errorRows()).isEqualTo(5);
		assertThat(job.validRows()).isEqualTo(2);
		assertThat(job.errors())
			.extracting(ImportJobView.Error::row, ImportJobView.Error::column, ImportJobView.Error::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "account", "import.unknownAccount"),
					org.assertj.core.groups.Tuple.tuple(4L, "date", "import.badDate"),
					org.assertj.core.groups.Tuple.tuple(5L, "quantity", "order.validation.negative"),
					org.assertj.core.groups.Tuple.tuple(6L, "reference", "import.duplicateInFile"),
					org.assertj.core.groups.Tuple.tuple(7L, "product", "import.unknownProductDidYouMean"));
		assertThat(job.errors().get(4).reason()).contains(product);
		assertThat(ordersFrom(source)).isZero();

		this.mvc.perform(post("/api/v1/imports/" + id + "/commit").with(ADMIN)).andExpect(status().isBadRequest());
		assertThat(ordersFrom(source)).isZero();

		job = commitValidRowsOnly(id);
		assertThat(job.status()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(job.committedRows()).isEqualTo(2);
		assertThat(ordersFrom(source)).isEqualTo(2);
		assertThat(this.jdbc.sql("select sum(amount) from order_line where source = :s")
			.param("s", source)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("14463");

		// The same export again adds nothing: every reference is already stored.
		ImportJobView again = upload("orders", "orders.csv", csv.getBytes(StandardCharsets.UTF_8), false, source);
		assertThat(again.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(again.errors()).filteredOn((e) -> e.row() == 2L)
			.extracting(ImportJobView.Error::code)
			.containsExactly("import.duplicateStored");
	}

	@Test
	void aReferenceRepeatedInALaterChunkIsRejectedAtItsRowAndTheValidRowsKeepItsFirstOccurrence() throws Exception {
		String tag = tag();
		String account = "Chunked " + tag;
		importNow(ImportType.ACCOUNTS, "account\n" + account + "\n");
		String source = "chunks-" + tag;
		int lastLine = this.chunkRows + 1001;
		int repeatLine = this.chunkRows + 601;
		// Line n has amount n and reference R<n>, except the repeat, which takes line
		// 2's.
		StringBuilder csv = new StringBuilder("account,date,amount,reference\n");
		long expectedSum = 0;
		for (int line = 2; line <= lastLine; line++) {
			csv.append(account).append(",2024-03-01,").append(line).append(",R");
			csv.append((line == repeatLine) ? 2 : line).append('\n');
			expectedSum += (line == repeatLine) ? 0 : line;
		}
		byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);

		ImportJobView preview = upload("orders", "orders.csv", file, true, source);
		assertThat(preview.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(preview.errors())
			.extracting(ImportJobView.Error::row, ImportJobView.Error::column, ImportJobView.Error::code)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple((long) repeatLine, "reference", "import.duplicateInFile"));
		assertThat(ordersFrom(source)).isZero();

		ImportJobView job = upload("orders", "orders.csv", file, false, source);
		assertThat(job.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(job.totalRows()).isEqualTo(lastLine - 1);
		assertThat(job.errorRows()).isEqualTo(1);
		assertThat(job.validRows()).isEqualTo(lastLine - 2);
		assertThat(job.errors())
			.extracting(ImportJobView.Error::row, ImportJobView.Error::column, ImportJobView.Error::code)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple((long) repeatLine, "reference", "import.duplicateInFile"));
		assertThat(ordersFrom(source)).as("nothing is written while the job waits at VALIDATED").isZero();

		job = commitValidRowsOnly(job.id());
		assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(job.committedRows()).isEqualTo(lastLine - 2);
		assertThat(ordersFrom(source)).isEqualTo(lastLine - 2);
		assertThat(this.jdbc.sql("select amount from order_line where source = :s and external_ref = 'R2'")
			.param("s", source)
			.query(BigDecimal.class)
			.single()).as("the first occurrence is the one kept").isEqualByComparingTo("2");
		assertThat(this.jdbc.sql("select sum(amount) from order_line where source = :s")
			.param("s", source)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo(BigDecimal.valueOf(expectedSum));
	}

	@Test
	void referencesStoredBeforeAreTakenAndThoseOfEarlierChunksAppearTwiceInTheFile() throws Exception {
		String tag = tag();
		String account = "Stored refs " + tag;
		importNow(ImportType.ACCOUNTS, "account\n" + account + "\n");
		String source = "stored-" + tag;
		ImportJobView earlier = this.imports.runNow(admin(),
				new ImportRequest(ImportType.ORDERS, "o.csv", false, null, source, null),
				stream("account,date,amount,reference\n" + account + ",2024-01-01,5,S1\n" + account
						+ ",2024-01-02,6,S2\n"),
				"TEST", false);
		assertThat(earlier.status()).as(earlier.toString()).isEqualTo(ImportStatus.COMMITTED);
		int lastLine = this.chunkRows + 1001;
		int storedInFirstChunk = 10;
		int storedInLaterChunk = this.chunkRows + 101;
		int repeatOfLine3 = this.chunkRows + 501;
		StringBuilder csv = new StringBuilder("account,date,amount,reference\n");
		for (int line = 2; line <= lastLine; line++) {
			String reference = (line == storedInFirstChunk) ? "S2"
					: (line == storedInLaterChunk) ? "S1" : (line == repeatOfLine3) ? "R3" : "R" + line;
			csv.append(account).append(",2024-03-01,1,").append(reference).append('\n');
		}
		ImportJobView job = upload("orders", "orders.csv", csv.toString().getBytes(StandardCharsets.UTF_8), false,
				source);
		assertThat(job.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(job.errors())
			.extracting(ImportJobView.Error::row, ImportJobView.Error::column, ImportJobView.Error::code)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple((long) storedInFirstChunk, "reference",
							"import.duplicateStored"),
					org.assertj.core.groups.Tuple.tuple((long) storedInLaterChunk, "reference",
							"import.duplicateStored"),
					org.assertj.core.groups.Tuple.tuple((long) repeatOfLine3, "reference", "import.duplicateInFile"));
		assertThat(ordersFrom(source)).as("only the earlier import's lines").isEqualTo(2);
	}

	@Test
	void anOpportunityReferenceRepeatedInALaterChunkOrStoredBeforeIsRejected() throws Exception {
		String tag = tag();
		String source = "crm-" + tag;
		ImportJobView earlier = this.imports.runNow(admin(),
				new ImportRequest(ImportType.OPPORTUNITIES, "p.csv", false, null, source, null),
				stream("reference,stage\nQ1,Prospecting\n"), "TEST", false);
		assertThat(earlier.status()).as(earlier.toString()).isEqualTo(ImportStatus.COMMITTED);
		int lastLine = this.chunkRows + 401;
		int repeatOfLine2 = this.chunkRows + 301;
		int stored = this.chunkRows + 351;
		StringBuilder csv = new StringBuilder("reference,stage\n");
		for (int line = 2; line <= lastLine; line++) {
			String reference = (line == repeatOfLine2) ? "P2" : (line == stored) ? "Q1" : "P" + line;
			csv.append(reference).append(",Prospecting\n");
		}
		ImportJobView job = upload("opportunities", "p.csv", csv.toString().getBytes(StandardCharsets.UTF_8), false,
				source);
		assertThat(job.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(job.errors()).extracting(ImportJobView.Error::row, ImportJobView.Error::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple((long) repeatOfLine2, "import.duplicateInFile"),
					org.assertj.core.groups.Tuple.tuple((long) stored, "import.duplicateStored"));
		assertThat(this.jdbc.sql("select count(*) from opportunity where source = :s")
			.param("s", source)
			.query(Long.class)
			.single()).as("only the earlier import's opportunity").isEqualTo(1);
	}

	@Test
	void aDiscardedImportLeavesNothing() throws Exception {
		String tag = tag();
		String csv = "account,industry\nGood " + tag + ",x\nGood " + tag + ",y\n";
		ImportJobView job = upload("accounts", "a.csv", csv.getBytes(StandardCharsets.UTF_8), false);
		assertThat(job.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(job.errorRows()).isEqualTo(1);
		this.mvc.perform(delete("/api/v1/imports/" + job.id()).with(ADMIN)).andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/imports/" + job.id()).with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DISCARDED"));
		assertThat(this.accounts.findByNames(everything(), List.of("Good " + tag))).isEmpty();
	}

	@Test
	void aPreviewStopsBeforeCommittingEvenWhenTheFileIsClean() throws Exception {
		String name = "Preview " + tag();
		ImportJobView job = upload("accounts", "a.csv", ("account\n" + name + "\n").getBytes(StandardCharsets.UTF_8),
				true);
		assertThat(job.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(job.errorRows()).isZero();
		assertThat(this.accounts.findByNames(everything(), List.of(name))).isEmpty();

		this.mvc.perform(post("/api/v1/imports/" + job.id() + "/commit").with(ADMIN)).andExpect(status().isAccepted());
		assertThat(awaitDecision(job.id()).status()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(this.accounts.findByNames(everything(), List.of(name))).hasSize(1);
	}

	@Test
	void aFileWithoutARequiredColumnIsRefusedAndSaysWhichColumn() throws Exception {
		long before = this.jdbc.sql("select count(*) from import_job").query(Long.class).single();
		this.mvc
			.perform(multipart("/api/v1/imports")
				.file(file("o.csv", "customer,date\nX,2024-01-01\n".getBytes(StandardCharsets.UTF_8)))
				.param("type", "orders")
				.with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.hasItem("amount")));
		// Refused before any job was made.
		assertThat(this.jdbc.sql("select count(*) from import_job").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void importsContactsAtVisibleAccountsOnly() throws Exception {
		String tag = tag();
		importNow(ImportType.ACCOUNTS, "account\nContacted " + tag + "\n");
		String csv = "客户,联系人,职务,生日,邮箱\nContacted " + tag + ",王伟,采购经理,1980-05-04,wang@example.com\n" + "Nobody " + tag
				+ ",李娜,,,\n" + "Contacted " + tag + ",张敏,,,not-an-email\n";
		ImportJobView job = upload("contacts", "contacts.csv", csv.getBytes(StandardCharsets.UTF_8), false);
		assertThat(job.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(job.errors()).extracting(ImportJobView.Error::row, ImportJobView.Error::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "import.unknownAccount"),
					org.assertj.core.groups.Tuple.tuple(4L, "import.invalidValue"));
		assertThat(commitValidRowsOnly(job.id()).committedRows()).isEqualTo(1);
		long accountId = onlyAccount("Contacted " + tag).id();
		this.mvc.perform(get("/api/v1/accounts/" + accountId + "/contacts").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value("王伟"))
			.andExpect(jsonPath("$[0].birthday").value("1980-05-04"));
	}

	@Test
	void usersWhosePasswordsBreakThePolicyAreRefusedByRowWithoutThePassword() throws Exception {
		String tag = tag();
		ImportJobView job = upload("users", "u.csv",
				("username,name,password\n" + "fine." + tag + ",Fine " + tag + ",Kx9!vTq2-okay\n" + "common." + tag
						+ ",Common " + tag + ",password\n" + "named." + tag + ",Named " + tag + ",my-named." + tag
						+ "-pw\n" + "long." + tag + ",Long " + tag + "," + "长".repeat(25) + "\n")
					.getBytes(StandardCharsets.UTF_8),
				true);
		assertThat(job.errors())
			.extracting(ImportJobView.Error::row, ImportJobView.Error::column, ImportJobView.Error::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "password", "validation.passwordCommon"),
					org.assertj.core.groups.Tuple.tuple(4L, "password", "validation.passwordName"),
					org.assertj.core.groups.Tuple.tuple(5L, "password", "import.passwordTooLong"));
		assertThat(job.errors()).extracting(ImportJobView.Error::value).containsOnlyNulls();
		assertThat(job.validRows()).isEqualTo(1);
	}

	@Test
	void onlyAdministratorsImportUsers() throws Exception {
		String tag = tag();
		String kam = "kam4." + tag;
		importNow(ImportType.USERS, "username,name,password\n" + kam + ",Four " + tag + ",password-4\n");
		this.mvc
			.perform(multipart("/api/v1/imports")
				.file(file("u.csv",
						("name,password\nSneaky " + tag + ",password-x\n").getBytes(StandardCharsets.UTF_8)))
				.param("type", "users")
				.with(httpBasic(kam, "password-4")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("type"));
		assertThat(this.users.findByUsername("sneaky." + tag)).isEmpty();

		// Somebody else's import is not theirs to see, in the list or by id.
		ImportJobView adminJob = upload("accounts", "a.csv",
				("account\nAdmin's " + tag + "\n").getBytes(StandardCharsets.UTF_8), true);
		this.mvc.perform(get("/api/v1/imports/" + adminJob.id()).with(httpBasic(kam, "password-4")))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/imports").with(httpBasic(kam, "password-4")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].id").value(org.hamcrest.Matchers
				.not(org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.equalTo((int) adminJob.id())))));
		this.mvc.perform(get("/api/v1/imports").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value((int) adminJob.id()))
			.andExpect(jsonPath("$[0].status").value("VALIDATED"));
	}

	@Test
	void importsFromTheCommandLineAsANamedUserAndSaysHowItWentInTheExitCode(@TempDir Path dir) throws Exception {
		String tag = tag();
		Path good = dir.resolve("accounts.csv");
		Files.writeString(good, "account\nNightly " + tag + "\n");
		assertThat(commandLine(good, "accounts").importFile()).isZero();
		assertThat(this.accounts.findByNames(everything(), List.of("Nightly " + tag))).hasSize(1);
		Path bad = dir.resolve("orders.csv");
		Files.writeString(bad, "account,date,amount\nNightly " + tag + ",not a date,5\n");
		assertThat(commandLine(bad, "orders").importFile()).isEqualTo(2);
		assertThat(commandLine(dir.resolve("missing.csv"), "orders").importFile()).isEqualTo(1);
		// The user's own session is untouched: the command signed in only for its job.
		assertThat(org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication())
			.isNull();
	}

	private CommandLineImport commandLine(Path file, String type) {
		MockEnvironment environment = new MockEnvironment().withProperty("dakehu.import.file", file.toString())
			.withProperty("dakehu.import.type", type)
			.withProperty("dakehu.import.user", "admin")
			.withProperty("dakehu.import.source", "nightly");
		return new CommandLineImport(this.imports, this.users, environment, this.context);
	}

	@Test
	void aUsersOwnColumnMappingWinsAndCanBeSavedForNextTime() throws Exception {
		String tag = tag();
		String account = "Mapped " + tag;
		importNow(ImportType.ACCOUNTS, "account\n" + account + "\n");
		String source = "mapped-" + tag;
		// "客户全称" and "下单日" are no recognised names; "金额" would be, but the user says
		// the amount is in "含税金额".
		String csv = "客户全称,下单日,金额,含税金额\n" + account + ",2024-05-06,1,113\n";
		String body = this.mvc
			.perform(multipart("/api/v1/imports").file(file("o.csv", csv.getBytes(StandardCharsets.UTF_8)))
				.param("type", "orders")
				.param("source", source)
				.param("mapping", "{\"客户全称\":\"account\",\"下单日\":\"date\",\"含税金额\":\"amount\"}")
				.param("mappingName", "erp-" + tag)
				.with(ADMIN))
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getContentAsString();
		ImportJobView job = awaitDecision(((Number) JsonPath.read(body, "$.id")).longValue());
		assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(this.jdbc.sql("select amount from order_line where source = :s")
			.param("s", source)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("113");

		this.mvc.perform(get("/api/v1/imports/mappings").param("type", "orders").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$['erp-" + tag + "']['含税金额']").value("amount"));
		String next = "客户全称,下单日,含税金额\n" + account + ",2024-06-07,226\n";
		String second = this.mvc
			.perform(multipart("/api/v1/imports").file(file("o2.csv", next.getBytes(StandardCharsets.UTF_8)))
				.param("type", "orders")
				.param("source", source + "-2")
				.param("mappingName", "erp-" + tag)
				.with(ADMIN))
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(awaitDecision(((Number) JsonPath.read(second, "$.id")).longValue()).status())
			.isEqualTo(ImportStatus.COMMITTED);

		this.mvc
			.perform(multipart("/api/v1/imports").file(file("o3.csv", next.getBytes(StandardCharsets.UTF_8)))
				.param("type", "orders")
				.param("mapping", "{\"客户全称\":\"customer_no\"}")
				.with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("mapping"));
	}

	@Test
	void existingAccountsAreRejectedUpdatedOrCreatedAgainAsTheUserChooses() throws Exception {
		String tag = tag();
		String name = "Existing " + tag;
		importNow(ImportType.ACCOUNTS, "account,industry,region\n" + name + ",old,R1\n");
		byte[] csv = ("account,industry\n" + name + ",new\n").getBytes(StandardCharsets.UTF_8);

		ImportJobView rejected = upload("accounts", "a.csv", csv, false);
		assertThat(rejected.errors()).extracting(ImportJobView.Error::code).containsExactly("import.duplicateStored");

		ImportJobView updated = uploadWith("accounts", csv, "duplicates", "update");
		assertThat(updated.status()).as(updated.toString()).isEqualTo(ImportStatus.COMMITTED);
		AccountRow row = onlyAccount(name);
		assertThat(row.industry()).isEqualTo("new");
		assertThat(row.region()).as("a column the file does not have is kept").isEqualTo("R1");

		ImportJobView created = uploadWith("accounts", csv, "duplicates", "create");
		assertThat(created.status()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(this.accounts.findByNames(everything(), List.of(name))).hasSize(2);

		this.mvc
			.perform(multipart("/api/v1/imports").file(file("a.csv", csv))
				.param("type", "accounts")
				.param("duplicates", "merge")
				.with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("duplicates"));
	}

	private ImportJobView uploadWith(String type, byte[] content, String param, String value) throws Exception {
		String body = this.mvc
			.perform(multipart("/api/v1/imports").file(file("upload.csv", content))
				.param("type", type)
				.param(param, value)
				.with(ADMIN))
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return awaitDecision(((Number) JsonPath.read(body, "$.id")).longValue());
	}

	@Test
	void importsAnExcelFileWithRealDateCells() throws Exception {
		String tag = tag();
		String account = "Excel Co " + tag;
		importNow(ImportType.ACCOUNTS, "account\n" + account + "\n");
		String source = "xlsx-" + tag;
		byte[] xlsx;
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			var sheet = workbook.createSheet("订单");
			var header = sheet.createRow(0);
			String[] names = { "客户", "订单日期", "数量", "金额", "订单号" };
			for (int i = 0; i < names.length; i++) {
				header.createCell(i).setCellValue(names[i]);
			}
			var dateStyle = workbook.createCellStyle();
			dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("m/d/yy"));
			for (int r = 1; r <= 3; r++) {
				var row = sheet.createRow(r);
				row.createCell(0).setCellValue(account);
				var date = row.createCell(1);
				date.setCellValue(LocalDate.of(2023, 12, 29 + r - 1));
				date.setCellStyle(dateStyle);
				row.createCell(2).setCellValue(3);
				row.createCell(3).setCellValue(1234.5 * r);
				row.createCell(4).setCellValue("X" + r);
			}
			workbook.write(out);
			xlsx = out.toByteArray();
		}
		ImportJobView job = upload("orders", "orders.xlsx", xlsx, false, source);
		assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(job.format()).isEqualTo("xlsx");
		assertThat(this.jdbc.sql("select order_date from order_line where source = :s order by order_date")
			.param("s", source)
			.query(LocalDate.class)
			.list())
			.containsExactly(LocalDate.of(2023, 12, 29), LocalDate.of(2023, 12, 30), LocalDate.of(2023, 12, 31));
		assertThat(this.jdbc.sql("select sum(amount) from order_line where source = :s")
			.param("s", source)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("7407");
	}

	@Test
	void aCommitThatMeetsARowGoneBadSinceValidationLeavesNoRowsOfTheFile() throws Exception {
		String tag = tag();
		String registration = "REG-" + tag;
		// The account of the 300th line after the first chunk registers the organisation.
		int registered = this.chunkRows + 300;
		StringBuilder csv = new StringBuilder("account,registration_id\n");
		for (int i = 1; i <= registered + 100; i++) {
			csv.append("Bulk ").append(tag).append(' ').append(i).append(',');
			csv.append((i == registered) ? registration : "").append('\n');
		}
		ImportJobView job = upload("accounts", "bulk.csv", csv.toString().getBytes(StandardCharsets.UTF_8), true);
		assertThat(job.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(job.errorRows()).isZero();
		// Someone registers the same organisation before the user commits: the commit
		// writes the first chunk of accounts, then meets the registered one's row (the
		// header is row 1) and stops.
		importNow(ImportType.ACCOUNTS, "account,registration_id\nLate " + tag + "," + registration + "\n");
		this.mvc.perform(post("/api/v1/imports/" + job.id() + "/commit").with(ADMIN)).andExpect(status().isAccepted());
		job = awaitDecision(job.id());
		assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
		assertThat(job.committedRows()).isZero();
		assertThat(job.errors()).extracting(ImportJobView.Error::row, ImportJobView.Error::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(registered + 1L, "import.duplicateStored"));
		assertThat(this.accounts.search(everything(), criteria("Bulk " + tag), new PageRequest(0, 1)).totalElements())
			.isZero();
	}

	@Test
	void aStoredRegistrationIdIsADuplicate() throws Exception {
		String tag = tag();
		importNow(ImportType.ACCOUNTS, "account,registration_id\nFirst " + tag + ",USCC-" + tag + "\n");
		ImportJobView job = upload("accounts", "a.csv", ("统一社会信用代码,客户名称\nUSCC-" + tag + ",Second " + tag + "\nX-" + tag
				+ ",Third " + tag + "\nX-" + tag + ",Fourth " + tag + "\n")
			.getBytes(StandardCharsets.UTF_8), false);
		assertThat(job.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(job.errors())
			.extracting(ImportJobView.Error::row, ImportJobView.Error::column, ImportJobView.Error::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "统一社会信用代码", "import.duplicateStored"),
					org.assertj.core.groups.Tuple.tuple(4L, "统一社会信用代码", "import.duplicateInFile"));
	}

	@Test
	void anAccountsFileLongerThanAChunkFindsItsDuplicatesInLaterChunksAndLinksParentsNamedFurtherDown()
			throws Exception {
		String tag = tag();
		int lastLine = this.chunkRows + 101;
		int subsidiary = 3;
		int parent = this.chunkRows + 50;
		int repeatedName = this.chunkRows + 20;
		int repeatedRegistration = this.chunkRows + 30;
		// Line n is account "Chunk <tag> n" with registration id "REG-<tag>-n", except
		// the repeats, which take lines 2's name and 4's registration id.
		StringBuilder csv = new StringBuilder("account,registration_id,parent\n");
		for (int line = 2; line <= lastLine; line++) {
			csv.append("Chunk ").append(tag).append(' ').append((line == repeatedName) ? 2 : line).append(',');
			csv.append("REG-").append(tag).append('-').append((line == repeatedRegistration) ? 4 : line).append(',');
			csv.append((line == subsidiary) ? "Chunk " + tag + " " + parent : "").append('\n');
		}
		byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
		List<org.assertj.core.groups.Tuple> expectedErrors = List.of(
				org.assertj.core.groups.Tuple.tuple((long) repeatedName, "account", "import.duplicateInFile"),
				org.assertj.core.groups.Tuple.tuple((long) repeatedRegistration, "registration_id",
						"import.duplicateInFile"));

		ImportJobView preview = upload("accounts", "a.csv", file, true);
		assertThat(preview.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(preview.errors())
			.extracting(ImportJobView.Error::row, ImportJobView.Error::column, ImportJobView.Error::code)
			.containsExactlyElementsOf(expectedErrors);
		assertThat(accountsNamed("Chunk " + tag + " %")).as("a preview writes nothing").isZero();

		ImportJobView job = upload("accounts", "a.csv", file, false);
		assertThat(job.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(job.errorRows()).isEqualTo(2);
		assertThat(job.errors())
			.extracting(ImportJobView.Error::row, ImportJobView.Error::column, ImportJobView.Error::code)
			.containsExactlyElementsOf(expectedErrors);
		assertThat(accountsNamed("Chunk " + tag + " %")).as("nothing is written while the job waits at VALIDATED")
			.isZero();

		job = commitValidRowsOnly(job.id());
		assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(job.committedRows()).isEqualTo(lastLine - 3);
		assertThat(accountsNamed("Chunk " + tag + " %")).isEqualTo(lastLine - 3);
		long subsidiaryId = this.accounts.findByNames(everything(), List.of("Chunk " + tag + " " + subsidiary))
			.get(0)
			.id();
		assertThat(this.accounts.details(everything(), subsidiaryId).parentName())
			.isEqualTo("Chunk " + tag + " " + parent);
		assertThat(this.jdbc.sql("select count(*) from account where name like :p and parent_id is not null")
			.param("p", "Chunk " + tag + " %")
			.query(Long.class)
			.single()).as("only the one subsidiary has a parent").isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from import_pending_parent where job_id = :job")
			.param("job", job.id())
			.query(Long.class)
			.single()).as("nothing stays staged").isZero();
	}

	@Test
	void aSubsidiaryWhoseParentIsNowhereIsRejectedAndNothingIsWritten() throws Exception {
		String tag = tag();
		String csv = "account,parent,industry\nTop " + tag + ",,x\nSub " + tag + ",Ghost " + tag + ",x\nChild " + tag
				+ ",Top " + tag + ",x\n";
		ImportJobView job = upload("accounts", "a.csv", csv.getBytes(StandardCharsets.UTF_8), false);
		assertThat(job.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(job.errors())
			.extracting(ImportJobView.Error::row, ImportJobView.Error::column, ImportJobView.Error::value,
					ImportJobView.Error::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "parent", "Ghost " + tag, "import.unknownParent"));
		assertThat(accountsNamed("% " + tag)).isZero();
	}

	@Test
	void anImportedAccountHasTheAuditEntriesOfOneCreatedThroughTheApi() throws Exception {
		String tag = tag();
		String body = this.mvc
			.perform(post("/api/v1/accounts").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("""
					{"name": "Entered %1$s", "registrationId": "E-%1$s", "industry": "Energy", "region": "East",
					 "address": "1 Bund Road", "employees": 1200, "annualRevenue": "1250000.50",
					 "description": "Key supplier"}""".formatted(tag)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		long entered = ((Number) JsonPath.read(body, "$.id")).longValue();
		// Uploaded, like the API call, by the admin: the audit rows name them.
		ImportJobView job = upload("accounts", "a.csv", """
				account,registration_id,industry,region,address,employees,annual_revenue,description
				Imported %1$s,I-%1$s,Energy,East,1 Bund Road,1200,1250000.50,Key supplier
				""".formatted(tag).getBytes(StandardCharsets.UTF_8), false);
		assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.COMMITTED);
		long imported = onlyAccount("Imported " + tag).id();

		assertThat(auditOfCreation(imported).stream()
			.map((entry) -> entry.replace("Imported " + tag, "Entered " + tag).replace("I-" + tag, "E-" + tag))
			.toList()).hasSize(13).containsExactlyElementsOf(auditOfCreation(entered));
		String stored = "select version, status, archived, owner_id, created_at = updated_at from account where id = :id";
		assertThat(this.jdbc.sql(stored).param("id", imported).query().listOfRows())
			.isEqualTo(this.jdbc.sql(stored).param("id", entered).query().listOfRows());
	}

	/**
	 * Every audit row of an account's creation but its time, which differs between two
	 * creations.
	 */
	private List<String> auditOfCreation(long id) {
		return this.jdbc.sql("""
				select actor, entity_type, entity_id = :id, account_id = :id, action, field, old_value, new_value
				from audit_log where entity_type = 'Account' and entity_id = :id order by field""")
			.param("id", id)
			.query((rs, n) -> String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), String.valueOf(rs.getString(7)), rs.getString(8)))
			.list();
	}

	@Test
	void afterAnImportForTwoOwnersEachOwnersTallyIsTheirNumberOfAccounts() throws Exception {
		String tag = tag();
		String[] kams = twoKams("tally", tag);
		String kam1 = kams[0];
		String kam2 = kams[1];
		importNow(ImportType.ACCOUNTS, "account,owner\nFirst of one " + tag + "," + kam1 + "\n");
		// Interleaved, so each owner has several accounts in the one chunk.
		StringBuilder csv = new StringBuilder("account,owner\n");
		for (int i = 1; i <= 30; i++) {
			csv.append("Tally ").append(tag).append(' ').append(i).append(',');
			csv.append((i % 3 == 0) ? kam2 : kam1).append('\n');
		}
		importNow(ImportType.ACCOUNTS, csv.toString());

		for (String kam : List.of(kam1, kam2)) {
			long ownerId = this.users.findByUsername(kam).orElseThrow().id();
			long owned = this.jdbc.sql("select count(*) from account where owner_id = :o and archived = false")
				.param("o", ownerId)
				.query(Long.class)
				.single();
			assertThat(owned).isEqualTo(kam.equals(kam1) ? 21 : 10);
			assertThat(this.jdbc.sql("select accounts from account_tally where owner_id = :o and archived = false")
				.param("o", ownerId)
				.query(Long.class)
				.single()).as(kam).isEqualTo(owned);
			String password = kam.equals(kam1) ? "password-1" : "password-2";
			this.mvc.perform(get("/api/v1/accounts").with(httpBasic(kam, password)))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.totalElements").value(owned))
				.andExpect(jsonPath("$.totalExact").value(true));
		}
	}

	@Test
	void openingAccountsTogetherRefusesARegistrationIdStoredOrRepeatedAndWritesNone() throws Exception {
		String tag = tag();
		importNow(ImportType.ACCOUNTS, "account,registration_id\nStored " + tag + ",S-" + tag + "\n");

		assertThatThrownBy(() -> this.service.openAll(admin(),
				List.of(newAccount("New " + tag, "N-" + tag), newAccount("Clash " + tag, "S-" + tag))))
			.isInstanceOfSatisfying(RuleViolationException.class, (ex) -> {
				assertThat(ex.field()).isEqualTo("registrationId");
				assertThat(ex.messageKey()).isEqualTo("validation.duplicate");
				assertThat(ex.args()).containsExactly("S-" + tag);
			});
		assertThatThrownBy(() -> this.service.openAll(admin(),
				List.of(newAccount("Twin A " + tag, "T-" + tag), newAccount("Twin B " + tag, "T-" + tag))))
			.isInstanceOfSatisfying(RuleViolationException.class,
					(ex) -> assertThat(ex.args()).containsExactly("T-" + tag));
		assertThat(accountsNamed("% " + tag)).as("only the stored one").isEqualTo(1);

		// The same through an import: rejected at their rows, as before.
		ImportJobView job = upload("accounts", "a.csv",
				("account,registration_id\nNew " + tag + ",S-" + tag + "\nTwin A " + tag + ",T-" + tag + "\nTwin B "
						+ tag + ",T-" + tag + "\n")
					.getBytes(StandardCharsets.UTF_8),
				false);
		assertThat(job.errors())
			.extracting(ImportJobView.Error::row, ImportJobView.Error::column, ImportJobView.Error::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "registration_id", "import.duplicateStored"),
					org.assertj.core.groups.Tuple.tuple(4L, "registration_id", "import.duplicateInFile"));
	}

	private static AccountInput newAccount(String name, String registrationId) {
		return new AccountInput(name, registrationId, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null);
	}

	private long accountsNamed(String pattern) {
		return this.jdbc.sql("select count(*) from account where name like :p")
			.param("p", pattern)
			.query(Long.class)
			.single();
	}

	@Test
	void ordersAndOpportunitiesAreListedWithinTheCallersScope() throws Exception {
		String tag = tag();
		String[] kams = twoKams("kam", tag);
		String kam1 = kams[0];
		String kam2 = kams[1];
		importNow(ImportType.ACCOUNTS, "account,owner\nOwned " + tag + "," + kam1 + "\n");
		String source = "scope-" + tag;
		ImportJobView orders = this.imports.runNow(admin(),
				new ImportRequest(ImportType.ORDERS, "o.csv", false, null, source, null),
				stream("account,date,amount\nOwned " + tag + ",2024-02-01,100\n"), "TEST", false);
		assertThat(orders.status()).isEqualTo(ImportStatus.COMMITTED);
		this.imports
			.runNow(admin(), new ImportRequest(ImportType.OPPORTUNITIES, "p.csv", false, null, source, null), stream(
					"reference,owner,account,stage\nP1,One " + tag + ",,Prospecting\nP2,,Owned " + tag + ",Engaging\n"),
					"TEST", false);
		long accountId = onlyAccount("Owned " + tag).id();

		this.mvc
			.perform(get("/api/v1/orders").param("accountId", String.valueOf(accountId))
				.with(httpBasic(kam1, "password-1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totalElements").value(1))
			.andExpect(jsonPath("$.content[0].accountName").value("Owned " + tag));
		this.mvc
			.perform(get("/api/v1/orders").param("accountId", String.valueOf(accountId))
				.with(httpBasic(kam2, "password-2")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totalElements").value(0));
		this.mvc
			.perform(get("/api/v1/orders").param("accountId", String.valueOf(accountId))
				.param("from", "2024-03-01")
				.with(ADMIN))
			.andExpect(jsonPath("$.totalElements").value(0));
		this.mvc.perform(get("/api/v1/accounts/" + accountId + "/purchases").with(httpBasic(kam1, "password-1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totalAmount").value(100.0))
			.andExpect(jsonPath("$.byYear[0].key").value("2024"));
		this.mvc.perform(get("/api/v1/accounts/" + accountId + "/purchases").with(httpBasic(kam2, "password-2")))
			.andExpect(status().isNotFound());
		// P1 has no account but kam1 owns it; P2 is on kam1's account though the admin
		// owns it.
		this.mvc.perform(get("/api/v1/opportunities").with(httpBasic(kam1, "password-1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totalElements").value(2));
		this.mvc.perform(get("/api/v1/opportunities").with(httpBasic(kam2, "password-2")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totalElements").value(0));
	}

	@Test
	void exportsNeutraliseFormulasAndOnlyHoldWhatTheCallerSees() throws Exception {
		String tag = tag();
		String kam = "kam3." + tag;
		importNow(ImportType.USERS, "username,name,password\n" + kam + ",Three " + tag + ",password-3\n");
		String formula = "=HYPERLINK(\"http://evil\";\"x" + tag + "\")";
		String csv = "account,owner,industry\n\"" + formula.replace("\"", "\"\"") + "\"," + kam + ",@SUM(1)\nHidden "
				+ tag + ",,x\n";
		importNow(ImportType.ACCOUNTS, csv);
		String export = download(get("/api/v1/exports/accounts").with(httpBasic(kam, "password-3")))
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(export).contains("'=HYPERLINK").contains("'@SUM(1)").doesNotContain("Hidden " + tag);
		assertThat(export.lines()).hasSize(2);

		// Imported back, the apostrophe comes off: the account is recognised as itself.
		ImportJobView back = this.imports.runNow(admin(), ImportRequest.of(ImportType.ACCOUNTS, "back.csv"),
				stream(export), "TEST", false);
		assertThat(back.errors()).extracting(ImportJobView.Error::code).containsExactly("import.duplicateStored");
		var xlsx = download(get("/api/v1/exports/orders").param("format", "xlsx").with(ADMIN));
		assertThat(xlsx.getContentType()).startsWith("application/vnd.openxmlformats");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.getContentAsByteArray()))) {
			assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("Account");
		}
	}

	/**
	 * Exports stream asynchronously: the response is complete after the async dispatch.
	 */
	private org.springframework.mock.web.MockHttpServletResponse download(
			org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
		var started = this.mvc.perform(request)
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.request().asyncStarted())
			.andReturn();
		// A cold JVM on a busy machine may stream its first spreadsheet for longer than
		// the 10 seconds MockMvc waits for an async result by default.
		started.getAsyncResult(STREAMED_WITHIN_MS);
		return this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(started))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse();
	}

	private ImportJobView upload(String type, String fileName, byte[] content, boolean preview) throws Exception {
		return upload(type, fileName, content, preview, null);
	}

	private ImportJobView upload(String type, String fileName, byte[] content, boolean preview, String source)
			throws Exception {
		var request = multipart("/api/v1/imports").file(file(fileName, content))
			.param("type", type)
			.param("preview", String.valueOf(preview))
			.with(ADMIN);
		if (source != null) {
			request.param("source", source);
		}
		String body = this.mvc.perform(request)
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return awaitDecision(((Number) JsonPath.read(body, "$.id")).longValue());
	}

	private static MockMultipartFile file(String name, byte[] content) {
		return new MockMultipartFile("file", name, "application/octet-stream", content);
	}

	/**
	 * The owner's decision on a job with errors: commit its valid rows, then wait for the
	 * outcome.
	 */
	private ImportJobView commitValidRowsOnly(long id) throws Exception {
		this.mvc
			.perform(post("/api/v1/imports/" + id + "/commit").with(ADMIN)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"validRowsOnly\":true}"))
			.andExpect(status().isAccepted());
		return awaitDecision(id);
	}

	/**
	 * Two KAM users imported for a test: "One tag" with password-1 and "Two tag" with
	 * password-2.
	 */
	private String[] twoKams(String prefix, String tag) throws Exception {
		String one = prefix + "1." + tag;
		String two = prefix + "2." + tag;
		importNow(ImportType.USERS, "username,name,role,password\n" + one + ",One " + tag + ",KAM,password-1\n" + two
				+ ",Two " + tag + ",KAM,password-2\n");
		return new String[] { one, two };
	}

	private ImportJobView awaitDecision(long id) throws InterruptedException {
		for (int i = 0; i < 600; i++) {
			ImportJobView job = this.imports.get(admin(), id);
			if (job.status() != ImportStatus.VALIDATING && job.status() != ImportStatus.COMMITTING) {
				return job;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("import " + id + " did not finish");
	}

	private void importNow(ImportType type, String csv) {
		ImportJobView job = this.imports.runNow(admin(), new ImportRequest(type, "setup.csv", false, null, null, null),
				stream(csv), "TEST", false);
		assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.COMMITTED);
	}

	private static java.io.InputStream stream(String text) {
		return new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	private long ordersFrom(String source) {
		return this.jdbc.sql("select count(*) from order_line where source = :s")
			.param("s", source)
			.query(Long.class)
			.single();
	}

	private AccountRow onlyAccount(String name) {
		List<AccountRow> rows = this.accounts.search(everything(), criteria(name), new PageRequest(0, 10)).content();
		assertThat(rows).extracting(AccountRow::name).contains(name);
		return rows.stream().filter((r) -> r.name().equals(name)).findFirst().orElseThrow();
	}

	private static AccountCriteria criteria(String q) {
		return new AccountCriteria(q, null, null, null, null, null, false, null, "name", false);
	}

	private CurrentUser admin() {
		UserSummary admin = this.users.findByUsername("admin").orElseThrow();
		return new CurrentUser(admin.id(), "admin", admin.displayName(), Role.ADMIN,
				RecordScope.everything(admin.id()));
	}

	private RecordScope everything() {
		return RecordScope.everything(admin().id());
	}

	private static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
