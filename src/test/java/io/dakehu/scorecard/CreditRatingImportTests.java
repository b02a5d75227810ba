package io.dakehu.scorecard;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;

import io.dakehu.dataimport.ColumnMappings;
import io.dakehu.dataimport.ImportJobView;
import io.dakehu.dataimport.ImportJobs;
import io.dakehu.dataimport.ImportRequest;
import io.dakehu.dataimport.ImportStatus;
import io.dakehu.dataimport.ImportType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The financial indicators of many accounts at once through the importer (issue #13 part
 * 7): a row rates its account anew for the quarter, keeping what the quarter's rating
 * held besides; a bad value, an unknown or out-of-scope account, a quarter not begun and
 * an account twice in a quarter are row errors at their line and column, and a file with
 * one bad row stores nothing.
 */
abstract class CreditRatingImportTests extends ApiTestSupport {

	@Autowired
	private ImportJobs imports;

	@Autowired
	private Users users;

	@Autowired
	private ColumnMappings mappings;

	private String kam;

	private String otherKam;

	private String quarter;

	private String nextQuarter;

	@BeforeEach
	void people() {
		this.kam = this.given.kam(this.given.team(this.given.manager()), null);
		this.otherKam = this.given.kam();
		LocalDate today = LocalDate.now();
		this.quarter = Quarter.of(today).toString();
		this.nextQuarter = Quarter.of(today.plusMonths(3)).toString();
	}

	@Test
	void aRowReplacesTheFinancialIndicatorsOfTheQuartersRatingAndKeepsTheRest() {
		String name = Fixtures.unique("Statements");
		long account = this.given.accountOwnedBy(this.kam, name).id();
		// 50 non-financial + 22 financial (see CreditRatingTests.goodInputs); no purchase
		// and no tier, so #1 and #15 give 0.
		this.api
			.post(this.kam, "/api/v1/accounts/" + account + "/credit-ratings",
					json("quarter", this.quarter, "inputs", CreditRatingTests.goodInputs()))
			.expect(201);

		// DOMAIN.md §5 bands: 38 % ≤ 40 → 5; 2.5 ≥ 2.0 → 4; 1.2 ≥ 1.0 → 3; 9 ≥ 8 → 4;
		// 7 ≥ 6 → 3; 15 % ≥ 15 → 5; 20 % ≥ 15 → 3; 9 % ≥ 8 → 3.
		int financial = 5 + 4 + 3 + 4 + 3 + 5 + 3 + 3;
		// Headed by number, by Chinese name and as the template words it.
		String file = """
				客户,季度,#10,流动比率,12,#13 Receivables turnover (times a year),#14,#18,#19,#20
				%s,%s,38%%,2.5,1.2,9,7,15,20,9
				""".formatted(name, this.quarter.toLowerCase());
		ImportJobView job = run(this.kam, file);
		assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(job.committedRows()).isEqualTo(1);

		JsonNode history = this.api.get(this.kam, "/api/v1/accounts/" + account + "/credit-ratings").expect(200).body();
		assertThat(history).hasSize(2);
		JsonNode newest = history.get(0);
		assertThat(newest.get("financial").decimalValue()).isEqualByComparingTo(String.valueOf(financial));
		assertThat(newest.get("nonFinancial").decimalValue()).isEqualByComparingTo("50");
		// 50 + 30 = 80: AA, with every indicator given.
		assertThat(newest.get("score").decimalValue()).isEqualByComparingTo(String.valueOf(50 + financial));
		assertThat(newest.get("grade").asString()).isEqualTo("AA");
		assertThat(newest.get("provisional").asBoolean()).isFalse();
		assertThat(line(newest, 10).get("value").asString()).isEqualTo("38");
		assertThat(line(newest, 2).get("value").asString()).isEqualTo("4");
		// The earlier rating stays as it was.
		assertThat(history.get(1).get("financial").decimalValue()).isEqualByComparingTo("22");
	}

	@Test
	void anAccountNotYetRatedGetsAProvisionalRatingOfTheFiguresAlone() {
		String name = Fixtures.unique("Fresh statements");
		long account = this.given.accountOwnedBy(this.kam, name).id();
		ImportJobView job = run(this.kam, """
				account,quarter,Debt-to-asset ratio,Net profit margin
				%s,%s,90,-5
				""".formatted(name, this.quarter));
		assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.COMMITTED);
		JsonNode history = this.api.get(this.kam, "/api/v1/accounts/" + account + "/credit-ratings").expect(200).body();
		assertThat(history).hasSize(1);
		// 90 % > 85 → 0; −5 % < 0 → 0: nothing financial, nothing else given.
		assertThat(history.get(0).get("score").decimalValue()).isEqualByComparingTo("0");
		assertThat(history.get(0).get("grade").asString()).isEqualTo("C");
		assertThat(history.get(0).get("provisional").asBoolean()).isTrue();
		assertThat(line(history.get(0), 18).get("value").asString()).isEqualTo("-5");
	}

	@Test
	void aBadRowRejectsTheFileAtItsLineAndColumnAndNothingIsSaved() {
		String name = Fixtures.unique("Checked statements");
		long account = this.given.accountOwnedBy(this.kam, name).id();
		String foreign = Fixtures.unique("Foreign statements");
		this.given.accountOwnedBy(this.otherKam, foreign);
		String file = """
				account,quarter,#10,#11,#12
				%1$s,%2$s,45,1.5,0.9
				%1$s,%2$s,250,1.5,
				%1$s,2026-Q5,40,lots,
				%3$s,%2$s,40,,
				%1$s,%4$s,40,,
				%1$s,%2$s,,,
				""".formatted(name, this.quarter, foreign, this.nextQuarter);
		ImportJobView refused = run(this.kam, file);
		assertThat(refused.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(refused.errors())
			.extracting(ImportJobView.Error::row, ImportJobView.Error::column, ImportJobView.Error::code)
			.containsExactly(Tuple.tuple(3L, "#10", "validation.scorecard.percentage"),
					Tuple.tuple(3L, "account", "import.duplicateInFile"),
					Tuple.tuple(4L, "quarter", "validation.scorecard.quarter"),
					Tuple.tuple(4L, "#11", "validation.scorecard.number"),
					Tuple.tuple(5L, "account", "import.unknownAccount"),
					Tuple.tuple(6L, "quarter", "validation.scorecard.futureQuarter"),
					Tuple.tuple(7L, null, "import.noIndicator"), Tuple.tuple(7L, "account", "import.duplicateInFile"));
		assertThat(ratingsOf(account)).isZero();
	}

	@Test
	void theTemplateNamesEachFinancialIndicatorOfTheCard() {
		assertThat(this.mappings.templateHeader(ImportType.FINANCIALS, Locale.ENGLISH)).containsExactly("Account*",
				"Quarter*", "#10 Debt-to-asset ratio", "#11 Current ratio", "#12 Quick ratio",
				"#13 Receivables turnover (times a year)", "#14 Inventory turnover (times a year)",
				"#18 Net profit margin", "#19 Return on equity", "#20 Return on assets");
	}

	// ------------------------------------------------------------------ helpers

	private static JsonNode line(JsonNode rating, int number) {
		for (JsonNode line : rating.get("indicators")) {
			if (line.get("number").asInt() == number) {
				return line;
			}
		}
		throw new AssertionError("no indicator " + number);
	}

	private long ratingsOf(long account) {
		return this.jdbc.sql("select count(*) from credit_rating where account_id = :account")
			.param("account", account)
			.query(Long.class)
			.single();
	}

	private ImportJobView run(String username, String csv) {
		long id = this.jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.single();
		CurrentUser editor = this.users.actingAs(id).orElseThrow();
		return this.imports.runNow(
				editor, new ImportRequest(ImportType.FINANCIALS, "financials.csv", false, null,
						Fixtures.unique("finance"), null),
				new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "TEST", false);
	}

}
