package io.dakehu.scorecard;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.SignedIn;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portfolio views of scorecards (issue #13 part 5) open the accounts behind each
 * figure and export them: the heat map's cells to the account list filtered by tier and
 * grade, the funnel's stages to the accounts at that stage, the channel bands to their
 * partners; each file as CSV and Excel holds what the view lists for the same filter, in
 * the reader's language and scope.
 */
abstract class ScorecardExportsTests extends ApiTestSupport {

	@LocalServerPort
	int port;

	private String kam;

	private String otherKam;

	private String gradedA;

	private String gradedC;

	private String foreign;

	private String recommended;

	private String rejected;

	private String core;

	private String probation;

	@BeforeAll
	void accountsRatedEvaluatedAndPartners() {
		String manager = this.given.manager();
		this.kam = this.given.kam(this.given.team(manager), manager);
		this.otherKam = this.given.kam();
		String quarter = Quarter.of(LocalDate.now()).toString();
		String tag = Fixtures.unique("exp");
		this.gradedA = "Graded A " + tag;
		this.gradedC = "Graded C " + tag;
		this.foreign = "Foreign " + tag;
		// 50 + 22, nothing for #1 and #15: 72 is A (CreditRatingTests.goodInputs).
		long top = rate(this.kam, this.gradedA, quarter, CreditRatingTests.goodInputs());
		// Then the biggest buyer of the year by far: a company-wide run ranks it VIP.
		this.api
			.post(Api.ADMIN, "/api/v1/orders",
					json("accountId", top, "date", LocalDate.now().minusDays(10), "amount", 900_000_000))
			.expect(201);
		this.api.post(Api.ADMIN, "/api/v1/segmentation/runs", json("measure", "REVENUE")).expect(201);
		// One rating of 1: nothing else, 0 points, C and provisional.
		rate(this.kam, this.gradedC, quarter, Map.of("2", 1));
		rate(this.otherKam, this.foreign, quarter, CreditRatingTests.goodInputs());

		this.recommended = "Recommended " + tag;
		this.rejected = "Rejected " + tag;
		evaluate(this.recommended, new int[] { 5, 4, 5, 3, 4, 5, 4, 3 }, "RECOMMEND");
		evaluate(this.rejected, new int[] { 1, 1, 1, 1, 1, 1, 1, 1 }, "REJECT");

		this.core = "Core dealer " + tag;
		this.probation = "Probation dealer " + tag;
		// Σ weight × rating ÷ 5: all 5 is 100, core; all 3 is 60, on probation.
		partner(this.core, 5, "CORE");
		partner(this.probation, 3, "PROBATION");
	}

	@Test
	void theHeatMapCellsOpenTheAccountListAndTheExportHoldsTheRatedAccountsInScope() throws IOException {
		SignedIn session = SignedIn.as(this.port, this.kam, Api.USER_PASSWORD);
		String page = session.get("/credit-ratings/heatmap", "en").text();
		// The run ranked the big buyer VIP and not the other, which never bought.
		assertThat(page).contains("id=\"heat-VIP-A\"")
			.contains("href=\"/accounts?tier=VIP&amp;grade=A\"")
			.contains("id=\"heat-NONE-C\"")
			.contains("id=\"heatmap-export\"");
		JsonNode map = this.api.get(this.kam, "/api/v1/credit-ratings/heatmap").expect(200).body();
		assertThat(map.get("total").asLong()).isEqualTo(2);
		assertThat(map.get("counts").get("VIP").get("A").asLong()).isEqualTo(1);
		assertThat(map.get("counts").get("NONE").get("C").asLong()).isEqualTo(1);
		assertThat(map.get("counts").size()).isEqualTo(2);
		assertThat(map.get("grades").toString()).isEqualTo("[\"AAA\",\"AA\",\"A\",\"B\",\"C\"]");
		assertThat(
				this.api.get(this.otherKam, "/api/v1/credit-ratings/heatmap").expect(200).body().get("total").asLong())
			.isEqualTo(1);

		List<List<String>> all = rows(session.get("/credit-ratings/heatmap/export?format=csv", "en"), "csv");
		assertThat(all.get(0)).containsExactly("Account", "Owner", "Tier", "Credit grade", "Quarter rated", "Score",
				"Provisional");
		assertThat(column(all, 0)).containsExactly(this.gradedA, this.gradedC);
		assertThat(all.get(1)).containsExactly(this.gradedA, this.kam, "VIP", "A",
				Quarter.of(LocalDate.now()).toString(), "72.00", "");
		assertThat(all.get(2).get(6)).isEqualTo("Yes");

		List<List<String>> cell = rows(
				session.get("/credit-ratings/heatmap/export?tier=NONE&grade=C&format=xlsx", "zh-CN"), "xlsx");
		assertThat(cell.get(0).get(0)).isEqualTo("客户");
		assertThat(cell).hasSize(2);
		assertThat(cell.get(1).subList(0, 4)).containsExactly(this.gradedC, this.kam, "未分层", "C");
	}

	@Test
	void eachFunnelStageListsItsAccountsAndExportsThem() throws IOException {
		SignedIn session = SignedIn.as(this.port, this.kam, Api.USER_PASSWORD);
		String funnel = session.get("/selection-funnel", "en").text();
		assertThat(funnel).contains("href=\"/selection-funnel?stage=recommended\"").doesNotContain("funnel-table");
		String stage = session.get("/selection-funnel?stage=recommended", "en").text();
		assertThat(stage).contains("Accounts: Recommended").contains(this.recommended).doesNotContain(this.rejected);

		List<List<String>> evaluated = rows(session.get("/selection-funnel/export?stage=evaluated&format=csv", "en"),
				"csv");
		assertThat(evaluated.get(0)).containsExactly("Account", "Owner", "Result", "Score", "Last evaluated",
				"Accepted");
		assertThat(column(evaluated, 0)).containsExactlyInAnyOrder(this.recommended, this.rejected);
		assertThat(evaluated).anySatisfy(
				(row) -> assertThat(row.subList(0, 4)).containsExactly(this.rejected, this.kam, "Reject", "0.00"));
		List<List<String>> accepted = rows(session.get("/selection-funnel/export?stage=accepted&format=xlsx", "en"),
				"xlsx");
		assertThat(accepted).hasSize(1);
		assertThat(session.get("/selection-funnel/export?stage=nowhere", "en").status()).isEqualTo(400);
	}

	@Test
	void theChannelBandsExportTheirPartners() throws IOException {
		SignedIn session = SignedIn.as(this.port, this.kam, Api.USER_PASSWORD);
		assertThat(session.get("/channel-partners?band=CORE", "en").text()).contains("id=\"channel-export\"")
			.contains("name=\"band\" value=\"CORE\"");
		List<List<String>> core = rows(session.get("/channel-partners/export?band=CORE&format=csv", "en"), "csv");
		assertThat(core.get(0)).containsExactly("Partner", "Owner", "Band", "Score", "Evaluated");
		assertThat(core).hasSize(2);
		assertThat(core.get(1).subList(0, 4)).containsExactly(this.core, this.kam, "Core partner", "100.00");
		List<List<String>> all = rows(session.get("/channel-partners/export?format=xlsx", "zh-CN"), "xlsx");
		assertThat(column(all, 0)).containsExactlyInAnyOrder(this.core, this.probation);
	}

	// ------------------------------------------------------------------ helpers

	private long rate(String owner, String name, String quarter, Map<String, Object> inputs) {
		long account = this.given.accountOwnedBy(owner, name).id();
		this.api
			.post(owner, "/api/v1/accounts/" + account + "/credit-ratings", json("quarter", quarter, "inputs", inputs))
			.expect(201);
		return account;
	}

	private void evaluate(String name, int[] ratings, String result) {
		long account = this.given.accountOwnedBy(this.kam, name).id();
		Map<String, Object> body = new HashMap<>();
		body.put("inputs", inputs(ratings));
		body.put("expectedYearlyPurchases", 100000);
		body.put("expectedMarginPercent", 20);
		body.put("expectedContactCost", 5000);
		body.put("years", 5);
		assertThat(this.api.post(this.kam, "/api/v1/accounts/" + account + "/selection-evaluations", body)
			.expect(201)
			.text("result")).isEqualTo(result);
	}

	private void partner(String name, int rating, String band) {
		long account = this.given.account(Api.ADMIN, json("name", name, "owner", this.kam, "channelPartner", true))
			.id();
		int[] ratings = new int[8];
		java.util.Arrays.fill(ratings, rating);
		assertThat(this.api
			.post(this.kam, "/api/v1/accounts/" + account + "/channel-evaluations",
					json("inputs", inputs(ratings), "interests", Map.of()))
			.expect(201)
			.text("band")).isEqualTo(band);
	}

	private static Map<String, Object> inputs(int[] ratings) {
		Map<String, Object> inputs = new HashMap<>();
		for (int i = 0; i < ratings.length; i++) {
			inputs.put(String.valueOf(i + 1), ratings[i]);
		}
		return inputs;
	}

	private static List<String> column(List<List<String>> rows, int column) {
		return rows.stream().skip(1).map((row) -> row.get(column)).toList();
	}

	/** The file's rows as text, CSV and Excel alike; empty cells as "". */
	private static List<List<String>> rows(SignedIn.Page file, String format) throws IOException {
		assertThat(file.status()).as("download").isEqualTo(200);
		List<List<String>> rows = new ArrayList<>();
		if ("csv".equals(format)) {
			assertThat(file.contentType()).startsWith("text/csv");
			for (CSVRecord record : CSVFormat.DEFAULT.parse(new StringReader(file.text().replace("\uFEFF", "")))) {
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
					cells.add((cell == null) ? "" : formatter.formatCellValue(cell));
				}
				rows.add(cells);
			}
		}
		return rows;
	}

}
