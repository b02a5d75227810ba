package io.dakehu.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.MessageFiles;
import io.dakehu.support.SignedIn;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export buttons of the pages work for a user signed in through the login form (no
 * password pop-up), and every file speaks the reader's language: headers from the message
 * files, coded values (stages, roles, tiers, classes, lifecycle) as their labels, never
 * as codes. Every file is read back, CSV and Excel. Expected headers and labels are read
 * from the message files here, not taken from the application.
 */
public abstract class PageExportsTests extends ApiTestSupport {

	private static final String WON_ON = "2026-02-10";

	@LocalServerPort
	int port;

	String kam;

	String kamName;

	String tag;

	long accountId;

	long runId;

	@BeforeAll
	void someoneWithAnAccountADealAndAContact() {
		String manager = this.given.manager();
		this.kam = this.given.kam(this.given.team(manager), manager);
		this.kamName = "Test " + this.kam;
		this.tag = Fixtures.unique("exp");
		this.accountId = this.given
			.account(Api.ADMIN,
					json("name", "Export " + this.tag, "owner", this.kam, "keyAccountType", "STRATEGIC", "status",
							"ACTIVE"))
			.id();
		this.api
			.post(this.kam, "/api/v1/accounts/" + this.accountId + "/activities",
					json("type", "VISIT", "occurredAt", "2026-03-04T09:30:00", "summary", "Visit " + this.tag))
			.expect(201);
		long won = this.api
			.post(this.kam, "/api/v1/opportunities",
					json("accountId", this.accountId, "name", "Won deal " + this.tag, "amount", 5000))
			.expect(201)
			.id();
		this.api
			.post(this.kam, "/api/v1/opportunities/" + won + "/win",
					json("closeDate", WON_ON, "version", this.api.version(this.kam, "/api/v1/opportunities/" + won)))
			.expect(200);
		this.api
			.post(this.kam, "/api/v1/opportunities",
					json("accountId", this.accountId, "name", "Open deal " + this.tag, "amount", 800))
			.expect(201);
		this.api
			.post(this.kam, "/api/v1/accounts/" + this.accountId + "/relationship-assessments",
					json("personal", 3, "company", 2, "evidence", "Quarterly reviews with the buyer"))
			.expect(201);
		this.runId = this.api.post(Api.ADMIN, "/api/v1/segmentation/runs", json()).expect(201).id();
	}

	@Test
	void theFunnelExportIsAPageDownloadNotAnApiLink() throws IOException {
		SignedIn session = SignedIn.as(this.port, this.kam, Api.USER_PASSWORD);
		Document page = Jsoup.parse(session.get("/reports?from=2026-01-01&to=2026-12-31", "en").text());
		assertThat(page.select("a[href^=/api]")).isEmpty();
		assertThat(page.select("form#funnel-export").attr("action")).isEqualTo("/reports/funnel/export");

		for (String language : List.of("en", "zh-CN")) {
			MessageFiles messages = messages(language);
			List<String> header = Stream
				.of("salesperson", "targets", "mediumHigh", "low", "closed", "sales", "avgPerClosed",
						"avgPerMediumHigh", "avgPerTarget", "closedToTargets", "closedToMediumHigh")
				.map((key) -> messages.get("report.funnel." + key))
				.toList();
			for (String format : List.of("csv", "xlsx")) {
				SignedIn.Page file = session
					.get("/reports/funnel/export?from=2026-01-01&to=2026-12-31&format=" + format, language);
				assertThat(file.status()).as(format + " " + language).isEqualTo(200);
				assertThat(file.authenticate()).isNull();
				List<List<String>> rows = rows(file, format);
				assertThat(rows.get(0)).isEqualTo(header);
				// The KAM's one won deal, then the total.
				assertThat(rows).hasSize(3);
				assertThat(rows.get(1).get(0)).isEqualTo(this.kamName);
				assertThat(rows.get(1).get(5)).isEqualTo("5000");
				assertThat(rows.get(2).get(0)).isEqualTo(messages.get("report.funnel.total"));
			}
		}
		// The API's CSV still asks for HTTP Basic: a page must not link there.
		SignedIn.Page api = session.get("/api/v1/reports/funnel.csv?from=2026-01-01&to=2026-12-31", "en");
		assertThat(api.status()).isEqualTo(401);
	}

	@Test
	void theAccountsExportHasTheColumnsAReaderExpectsInTheirLanguage() throws IOException {
		SignedIn session = SignedIn.as(this.port, this.kam, Api.USER_PASSWORD);
		for (String language : List.of("en", "zh-CN")) {
			MessageFiles messages = messages(language);
			List<String> header = Stream
				.of("name", "registrationId", "industry", "region", "address", "employees", "annualRevenue", "parent",
						"owner", "description", "keyAccountType", "status", "tier", "abc", "lastContact")
				.map((key) -> messages.get("export.column." + key))
				.toList();
			for (String format : List.of("csv", "xlsx")) {
				List<List<String>> rows = rows(
						session.get("/exports/accounts?format=" + format + "&q=" + this.tag, language), format);
				assertThat(rows.get(0)).as(language + " " + format).isEqualTo(header);
				assertThat(rows).hasSize(2);
				List<String> account = rows.get(1);
				assertThat(account.get(0)).isEqualTo("Export " + this.tag);
				assertThat(account.get(8)).isEqualTo(this.kamName);
				assertThat(account.get(10)).isEqualTo(messages.get("keyAccountType.STRATEGIC"));
				assertThat(account.get(11)).isEqualTo(messages.get("status.ACTIVE"));
				assertThat(account.get(12)).isIn(messages.labels("tier."));
				assertThat(account.get(13)).isIn(messages.labels("abc."));
				assertThat(account.get(14)).isEqualTo("2026-03-04");
			}
		}
	}

	@Test
	void noExportWritesACodeWhereTheReaderReadsALabel() throws IOException {
		SignedIn kamSession = SignedIn.as(this.port, this.kam, Api.USER_PASSWORD);
		SignedIn admin = SignedIn.as(this.port, Api.ADMIN, Api.ADMIN_PASSWORD);
		for (String language : List.of("en", "zh-CN")) {
			MessageFiles messages = messages(language);
			for (String format : List.of("csv", "xlsx")) {
				List<List<String>> opportunities = rows(
						kamSession.get("/exports/opportunities?format=" + format, language), format);
				assertThat(opportunities).hasSize(3);
				assertEveryCell(opportunities, 5, messages.labels("stage."));
				assertThat(column(opportunities, 1)).contains("Won deal " + this.tag, "Open deal " + this.tag);

				List<List<String>> users = rows(admin.get("/admin/users/export?format=" + format, language), format);
				assertEveryCell(users, 3, messages.labels("role."));

				List<List<String>> segment = rows(
						admin.get("/segmentation/accounts/export?run=" + this.runId + "&format=" + format, language),
						format);
				assertThat(segment).hasSizeGreaterThan(1);
				assertEveryCell(segment, 3, messages.labels("tier."));
				assertEveryCell(segment, 4, messages.labels("abc."));
				assertEveryCell(segment, 5, messages.labels("valueGrowth."));

				List<List<String>> risks = rows(kamSession.get("/relationship/risks/export?format=" + format, language),
						format);
				assertEveryCell(risks, 2, messages.labels("stage."));
				assertThat(column(risks, 1)).contains("Open deal " + this.tag);

				List<List<String>> portfolio = rows(admin.get("/relationship/export?format=" + format, language),
						format);
				// An account nobody has assessed yet has no stage: its cell stays empty.
				Set<String> stages = new java.util.HashSet<>(messages.labels("relationship.stage."));
				stages.add("");
				assertEveryCell(portfolio, 4, stages);
			}
		}
	}

	private static void assertEveryCell(List<List<String>> rows, int column, Set<String> labels) {
		assertThat(rows.size()).as("a header and rows").isGreaterThan(1);
		for (List<String> row : rows.subList(1, rows.size())) {
			assertThat(row.get(column)).as("column %d of %s", column, row).isIn(labels);
		}
	}

	private static List<String> column(List<List<String>> rows, int column) {
		return rows.stream().skip(1).map((row) -> row.get(column)).toList();
	}

	private static MessageFiles messages(String language) {
		return language.startsWith("zh") ? MessageFiles.chinese() : MessageFiles.english();
	}

	/** The file's rows as text, CSV and Excel alike; empty cells as "". */
	private static List<List<String>> rows(SignedIn.Page file, String format) throws IOException {
		assertThat(file.status()).as("download").isEqualTo(200);
		List<List<String>> rows = new ArrayList<>();
		if ("csv".equals(format)) {
			assertThat(file.contentType()).startsWith("text/csv");
			String text = file.text().replace("\uFEFF", "");
			for (CSVRecord record : CSVFormat.DEFAULT.parse(new StringReader(text))) {
				rows.add(record.toList());
			}
			return rows;
		}
		assertThat(file.contentType()).contains("spreadsheetml");
		DataFormatter formatter = new DataFormatter();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
			int width = workbook.getSheetAt(0).getRow(0).getLastCellNum();
			for (Row row : workbook.getSheetAt(0)) {
				List<String> cells = new ArrayList<>();
				for (int i = 0; i < width; i++) {
					Cell cell = row.getCell(i);
					cells.add((cell == null) ? "" : text(cell, formatter));
				}
				rows.add(cells);
			}
		}
		return rows;
	}

	/** Dates as ISO dates and numbers without grouping, as the CSV writes them. */
	private static String text(Cell cell, DataFormatter formatter) {
		if (cell.getCellType() == CellType.NUMERIC) {
			if (org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(cell)) {
				return cell.getLocalDateTimeCellValue().toLocalDate().toString();
			}
			return new java.math.BigDecimal(String.valueOf(cell.getNumericCellValue())).stripTrailingZeros()
				.toPlainString();
		}
		return formatter.formatCellValue(cell);
	}

}
