package io.dakehu.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dakehu.opportunity.NewOpportunity;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.Stage;
import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.MessageFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exports of the lists outside the account list: each file parses as CSV and as
 * .xlsx, both hold the same table, the header is in the reader's language, the rows are
 * the ones the list's own API (or page) shows the same reader for the same filters,
 * another manager's private account never appears, and a value starting with {@code =}
 * arrives with a leading apostrophe.
 */
abstract class ListExportTests extends ApiTestSupport {

	private static final Pattern ACCOUNT_LINK = Pattern
		.compile("<a class=\"fw-semibold text-decoration-none\" href=\"/accounts/(\\d+)\">([^<]*)</a>");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int serverPort;

	/** Labels as the message files give them: exports write labels, never codes. */
	private static final MessageFiles ENGLISH = MessageFiles.english();

	@Autowired
	Opportunities opportunities;

	// ---------------------------------------------------------------- segmentation

	@Test
	void theSegmentListExportHoldsTheRowsTheApiShowsForTheSameFilters() {
		String kam = this.given.kam();
		String other = this.given.kam();
		String formula = "=SUM(1+1) " + Fixtures.unique("Segment");
		String plain = Fixtures.unique("Segment plain");
		String foreign = Fixtures.unique("Segment foreign");
		List<Long> accounts = List.of(this.given.accountOwnedBy(kam, formula).id(),
				this.given.accountOwnedBy(kam, plain).id(), this.given.accountOwnedBy(other, foreign).id());
		// Customers that have bought before (segmentation ranks customers, not
		// prospects), with nothing in the period: Small.
		this.jdbc.sql("update account set status = 'ACTIVE' where id in (:ids)").param("ids", accounts).update();
		long run = run();

		List<JsonNode> shown = pages(kam, "/api/v1/segmentation/runs/" + run + "/accounts?tier=SMALL&size=200");
		assertThat(shown).hasSize(2);
		List<List<String>> expected = shown.stream()
			.map((row) -> List.of(row.get("rank").asString(), neutral(row.get("accountName").asString()), kam,
					ENGLISH.get("tier." + row.get("tier").asString()), ENGLISH.get("abc." + row.get("abc").asString()),
					ENGLISH.get("valueGrowth." + row.get("valueGrowth").asString()),
					number(row.get("amount").asString())))
			.toList();

		List<List<String>> table = both(kam, "/segmentation/accounts/export?run=" + run + "&tier=SMALL",
				"segment-accounts");
		assertThat(table.get(0)).containsExactly("Rank", "Account", "Owner", "Tier", "ABC", "Value × growth", "Revenue",
				"Prior period", "Growth", "Gross profit", "Contact cost", "Net profit", "CLV");
		assertThat(table.subList(1, table.size()).stream().map((row) -> row.subList(0, 7)).toList())
			.isEqualTo(expected);
		assertThat(names(table, 1)).contains("'" + formula, plain).doesNotContain(foreign);
		// The other manager's own export does hold their account: the filter is the
		// scope.
		assertThat(
				names(both(other, "/segmentation/accounts/export?run=" + run + "&tier=SMALL", "segment-accounts"), 1))
			.contains(foreign)
			.doesNotContain(plain);
		// A tier the accounts are not in gives the header alone, as the list shows none.
		assertThat(both(kam, "/segmentation/accounts/export?run=" + run + "&tier=VIP", "segment-accounts")).hasSize(1);
		assertThat(download(kam, "/segmentation/accounts/export?run=" + run + "&format=pdf", "en").status())
			.isEqualTo(400);
	}

	@Test
	void theSegmentListExportIsLabelledInTheReadersLanguage() {
		String kam = this.given.kam();
		this.given.accountOwnedBy(kam, Fixtures.unique("Chinese"));
		long run = run();
		Download file = download(kam, "/segmentation/accounts/export?run=" + run + "&format=csv", "zh-CN");
		assertThat(file.status()).isEqualTo(200);
		assertThat(csv(file.body()).get(0)).startsWith("排名", "客户", "负责人");
	}

	@Test
	void theMigrationExportHoldsTheMoversThePageLists() {
		String kam = this.given.kam();
		String other = this.given.kam();
		long before = run();
		String formula = "=1+1 " + Fixtures.unique("Newcomer");
		String plain = Fixtures.unique("Newcomer plain");
		String foreign = Fixtures.unique("Newcomer foreign");
		List<Long> newcomers = List.of(this.given.accountOwnedBy(kam, formula).id(),
				this.given.accountOwnedBy(kam, plain).id(), this.given.accountOwnedBy(other, foreign).id());
		// Customers now (segmentation ranks customers, not prospects).
		this.jdbc.sql("update account set status = 'ACTIVE' where id in (:ids)").param("ids", newcomers).update();
		long after = run();

		String query = "from=" + before + "&to=" + after + "&fromTier=IN";
		String page = page(kam, "/segmentation/migration?" + query);
		List<String> listed = new ArrayList<>();
		Matcher links = ACCOUNT_LINK.matcher(page);
		while (links.find()) {
			listed.add(neutral(links.group(2).replace("&amp;", "&")));
		}
		assertThat(listed).hasSize(2);

		List<List<String>> table = both(kam, "/segmentation/migration/export?" + query, "tier-migration");
		assertThat(table.get(0)).containsExactly("Account", "Owner", "Before", "Now", "Rank before", "Rank now");
		assertThat(names(table, 0)).isEqualTo(listed).contains("'" + formula, plain).doesNotContain(foreign);
		for (List<String> row : table.subList(1, table.size())) {
			assertThat(row.subList(1, 5)).containsExactly(kam, "New", ENGLISH.get("tier.SMALL"), "");
		}
	}

	// ---------------------------------------------------------------- relationship

	@Test
	void thePortfolioExportHoldsEveryAccountOfTheHeatMap() {
		String kam = this.given.kam();
		String other = this.given.kam();
		String formula = "=HYPERLINK(\"x\") " + Fixtures.unique("Portfolio");
		long first = this.given.accountOwnedBy(kam, formula).id();
		long second = this.given.accountOwnedBy(kam, Fixtures.unique("Portfolio plain")).id();
		this.given.accountOwnedBy(kam, Fixtures.unique("Portfolio unassessed"));
		String foreign = Fixtures.unique("Portfolio foreign");
		long theirs = this.given.accountOwnedBy(other, foreign).id();
		assess(kam, first, 3, 2);
		assess(kam, second, 1, 1);
		assess(other, theirs, 4, 4);

		List<List<String>> expected = heatMapAccounts(kam, "");
		assertThat(expected).hasSize(2);
		List<List<String>> table = both(kam, "/relationship/export", "relationship-portfolio");
		assertThat(table.get(0)).containsExactly("Account", "Owner", "Personal relationship", "Company relationship",
				"Relationship stage", "Assessed on");
		assertThat(table.subList(1, table.size()).stream().map((row) -> row.subList(0, 4)).toList())
			.isEqualTo(expected);
		assertThat(names(table, 0)).contains("'" + formula).doesNotContain(foreign);
		assertThat(table.get(1).get(5)).isEqualTo(LocalDate.now().toString());

		// The administrator filtering by owner gets that owner's accounts, as the page's
		// filter shows them.
		List<List<String>> filtered = both(Api.ADMIN, "/relationship/export?owner=" + kam, "relationship-portfolio");
		assertThat(filtered.subList(1, filtered.size()).stream().map((row) -> row.subList(0, 4)).toList())
			.isEqualTo(heatMapAccounts(Api.ADMIN, "&owner=" + kam));
		assertThat(download(kam, "/relationship/export?tier=GOLD&format=csv", "en").status()).isEqualTo(400);
	}

	@Test
	void theRisksExportHoldsTheRisksTheApiShows() {
		String kam = this.given.kam();
		String other = this.given.kam();
		String formula = "=cmd " + Fixtures.unique("Risky");
		long risky = this.given.accountOwnedBy(kam, formula).id();
		long plain = this.given.accountOwnedBy(kam, Fixtures.unique("Risky plain")).id();
		String foreign = Fixtures.unique("Risky foreign");
		long theirs = this.given.accountOwnedBy(other, foreign).id();
		openOpportunity(risky, kam, Stage.SUPPLIER_SEARCH);
		openOpportunity(plain, kam, Stage.PROBLEM_RECOGNITION);
		openOpportunity(plain, kam, Stage.WON);
		openOpportunity(theirs, other, Stage.SUPPLIER_SEARCH);

		List<JsonNode> shown = pages(kam, "/api/v1/relationship/risks?kind=NO_DECIDER&size=200");
		assertThat(shown).hasSize(2);
		List<List<String>> expected = shown.stream().map((risk) -> {
			JsonNode opportunity = risk.get("opportunity");
			return List.of(neutral(opportunity.get("accountName").asString()),
					"Opportunity " + opportunity.get("id").asLong(),
					ENGLISH.get("stage." + opportunity.get("stage").asString()), opportunity.get("owner").asString(),
					"No known decider");
		}).toList();

		List<List<String>> table = both(kam, "/relationship/risks/export?kind=NO_DECIDER", "relationship-risks");
		assertThat(table.get(0)).containsExactly("Account", "Opportunity", "Stage", "Owner", "Coverage");
		assertThat(table.subList(1, table.size())).isEqualTo(expected);
		assertThat(names(table, 0)).contains("'" + formula).doesNotContain(foreign);
	}

	// ---------------------------------------------------------------- users

	@Test
	void theUserExportHoldsTheUserListWithoutPasswordHashes() {
		String username = Fixtures.unique("formula");
		String displayName = "=2+3 " + username;
		this.api
			.post(Api.ADMIN, "/api/v1/users",
					json("username", username, "displayName", displayName, "email", username + "@example.com",
							"password", Api.USER_PASSWORD, "role", "KAM"))
			.expect(201);
		List<JsonNode> shown = this.api.get(Api.ADMIN, "/api/v1/users").expect(200).items();
		List<List<String>> expected = shown.stream()
			.map((user) -> List.of(user.get("username").asString(), neutral(user.get("displayName").asString()),
					ENGLISH.get("role." + user.get("role").asString())))
			.toList();

		List<List<String>> table = both(Api.ADMIN, "/admin/users/export", "users");
		assertThat(table.get(0)).containsExactly("Username", "Display name", "E-mail", "Role", "Team", "Manager",
				"Active");
		assertThat(table.subList(1, table.size()).stream().map((row) -> List.of(row.get(0), row.get(1), row.get(3))))
			.isEqualTo(expected);
		assertThat(names(table, 1)).contains("'" + displayName);
		List<String> hashes = this.jdbc.sql("select password_hash from app_user").query(String.class).list();
		assertThat(hashes).isNotEmpty();
		for (List<String> row : table) {
			for (String cell : row) {
				assertThat(hashes).doesNotContain(cell);
			}
		}

		String kam = this.given.kam();
		assertThat(download(kam, "/admin/users/export?format=csv", "en").status()).isEqualTo(403);
		assertThat(download(kam, "/admin/users/export?format=xlsx", "en").status()).isEqualTo(403);
	}

	// ---------------------------------------------------------------- contacts (API)

	@Test
	void theContactExportHoldsEveryContactTheReaderMaySee() {
		String kam = this.given.kam();
		String other = this.given.kam();
		long first = this.given.accountOwnedBy(kam, Fixtures.unique("Contacts first")).id();
		long second = this.given.accountOwnedBy(kam, Fixtures.unique("Contacts second")).id();
		long theirs = this.given.accountOwnedBy(other, Fixtures.unique("Contacts foreign")).id();
		String formula = "=WEBSERVICE(\"x\") " + Fixtures.unique("Zhang");
		this.given.contact(kam, first, formula);
		this.given.contact(kam, first, Fixtures.unique("Li Na"));
		this.given.contact(kam, second, Fixtures.unique("Wang Fang"));
		String secret = Fixtures.unique("Secret");
		this.given.contact(other, theirs, secret);

		List<List<String>> expected = new ArrayList<>();
		for (JsonNode account : this.api.get(kam, "/api/v1/accounts?size=200").expect(200).items()) {
			for (JsonNode contact : this.api.get(kam, "/api/v1/accounts/" + account.get("id").asLong() + "/contacts")
				.expect(200)
				.items()) {
				expected.add(List.of(neutral(account.get("name").asString()), neutral(contact.get("name").asString())));
			}
		}
		assertThat(expected).hasSize(3);

		List<List<String>> table = both(kam, "/api/v1/exports/contacts", "contacts");
		assertThat(table.get(0)).containsExactly("Account", "Name", "Title", "Department", "Phone", "E-mail",
				"Birthday", "Notes");
		assertThat(table.subList(1, table.size()).stream().map((row) -> row.subList(0, 2)).toList())
			.containsExactlyInAnyOrderElementsOf(expected);
		assertThat(names(table, 1)).contains("'" + formula).doesNotContain(secret);
		assertThat(names(both(other, "/api/v1/exports/contacts", "contacts"), 1)).containsExactly(secret);
		assertThat(download(kam, "/api/v1/exports/contacts?format=pdf", "en").status()).isEqualTo(400);
	}

	// ---------------------------------------------------------------- helpers

	private long run() {
		return this.api.post(Api.ADMIN, "/api/v1/segmentation/runs", json("measure", "REVENUE")).expect(201).id();
	}

	private void assess(String user, long accountId, int personal, int company) {
		this.api
			.post(user, "/api/v1/accounts/" + accountId + "/relationship-assessments",
					json("personal", personal, "company", company, "evidence", "Visits and a framework agreement"))
			.expect(201);
	}

	private void openOpportunity(long accountId, String owner, Stage stage) {
		long ownerId = this.jdbc.sql("select id from app_user where username = ?")
			.param(owner)
			.query(Long.class)
			.single();
		this.opportunities.append(List.of(new NewOpportunity(accountId, ownerId, null, stage, LocalDate.now(),
				stage.closed() ? LocalDate.now() : null, stage.closed() ? BigDecimal.TEN : null, "test",
				Fixtures.unique("risk"))));
	}

	/**
	 * Every account of the heat map as the API lists it cell by cell (levels 0 stand for
	 * "not established"), as name, owner, personal and company level, by name.
	 */
	private List<List<String>> heatMapAccounts(String user, String filter) {
		List<JsonNode> accounts = new ArrayList<>(
				this.api.get(user, "/api/v1/relationship/grid/accounts?personal=0&company=0" + filter)
					.expect(200)
					.items());
		for (int personal = 1; personal <= 5; personal++) {
			for (int company = 1; company <= 5; company++) {
				accounts.addAll(
						this.api
							.get(user,
									"/api/v1/relationship/grid/accounts?personal=" + personal + "&company=" + company
											+ filter)
							.expect(200)
							.items());
			}
		}
		return accounts.stream().sorted(Comparator.comparing((JsonNode a) -> a.get("name").asString())).map((a) -> {
			String owner = this.api.get(Api.ADMIN, "/api/v1/accounts/" + a.get("accountId").asLong())
				.expect(200)
				.text("owner");
			return List.of(neutral(a.get("name").asString()), owner, a.get("personal").asString(),
					a.get("company").asString());
		}).toList();
	}

	/** Every item of a paged API list. */
	private List<JsonNode> pages(String user, String path) {
		List<JsonNode> items = new ArrayList<>();
		for (int page = 0;; page++) {
			Api.Response response = this.api.get(user, path + "&page=" + page).expect(200);
			items.addAll(response.items());
			if (items.size() >= response.totalElements() || response.items().isEmpty()) {
				return items;
			}
		}
	}

	private String page(String user, String path) {
		Download page = download(user, path, "en");
		assertThat(page.status()).isEqualTo(200);
		return new String(page.body(), StandardCharsets.UTF_8);
	}

	/**
	 * Downloads the list as CSV and as .xlsx, checks each file's type and dated name and
	 * that both hold the same table, and answers it.
	 */
	private List<List<String>> both(String user, String path, String name) {
		String separator = path.contains("?") ? "&" : "?";
		Download csv = download(user, path + separator + "format=csv", "en");
		assertThat(csv.status()).as(path).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv");
		assertThat(csv.disposition()).contains("attachment", name + "-" + LocalDate.now() + ".csv");
		Download xlsx = download(user, path + separator + "format=xlsx", "en");
		assertThat(xlsx.status()).as(path).isEqualTo(200);
		assertThat(xlsx.contentType()).contains("spreadsheetml");
		assertThat(xlsx.disposition()).contains(name + "-" + LocalDate.now() + ".xlsx");
		List<List<String>> table = csv(csv.body());
		assertThat(xlsx(xlsx.body())).isEqualTo(table);
		return table;
	}

	private static List<String> names(List<List<String>> table, int column) {
		return table.subList(1, table.size()).stream().map((row) -> row.get(column)).toList();
	}

	/** What the spreadsheet should receive for text typed into the CRM. */
	private static String neutral(String text) {
		return text.startsWith("=") ? "'" + text : text;
	}

	/** A number written the shortest way, so 10.00 and 10 compare equal. */
	private static String number(String text) {
		BigDecimal value = new BigDecimal(text).stripTrailingZeros();
		return (value.signum() == 0) ? "0" : value.toPlainString();
	}

	private static List<List<String>> csv(byte[] bytes) {
		String text = new String(bytes, StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFF");
		List<List<String>> rows = new ArrayList<>();
		try (CSVParser parser = CSVParser.parse(text.substring(1), CSVFormat.DEFAULT)) {
			for (CSVRecord record : parser) {
				rows.add(record.stream().map(ListExportTests::normalised).toList());
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return rows;
	}

	private static List<List<String>> xlsx(byte[] bytes) {
		List<List<String>> rows = new ArrayList<>();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
			Sheet sheet = workbook.getSheetAt(0);
			int width = sheet.getRow(0).getLastCellNum();
			for (int r = 0; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < width; c++) {
					cells.add(text((row != null) ? row.getCell(c) : null));
				}
				rows.add(cells);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return rows;
	}

	private static String text(Cell cell) {
		if (cell == null) {
			return "";
		}
		assertThat(cell.getCellType()).as("no formula in an export").isNotEqualTo(CellType.FORMULA);
		if (cell.getCellType() == CellType.NUMERIC) {
			if (DateUtil.isCellDateFormatted(cell)) {
				return cell.getLocalDateTimeCellValue().toLocalDate().toString();
			}
			return normalised(BigDecimal.valueOf(cell.getNumericCellValue()).toPlainString());
		}
		return cell.getStringCellValue();
	}

	private static String normalised(String cell) {
		return cell.matches("-?\\d+(\\.\\d+)?") ? number(cell) : cell;
	}

	private Download download(String user, String path, String language) {
		String credentials = user + ":" + (Api.ADMIN.equals(user) ? Api.ADMIN_PASSWORD : Api.USER_PASSWORD);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.serverPort + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept-Language", language)
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.GET()
			.build();
		try {
			HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Content-Disposition").orElse(""), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(path, ex);
		}
	}

	private record Download(int status, String contentType, String disposition, byte[] body) {
	}

}
