package io.dakehu.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import io.dakehu.dataimport.DemoDataFiles;
import io.dakehu.identity.RecordScope;
import io.dakehu.opportunity.Funnel;
import io.dakehu.opportunity.FunnelLine;
import io.dakehu.opportunity.FunnelReport;
import io.dakehu.support.DemoDataIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The funnel of the demo for the current year agrees, salesperson by salesperson, with a
 * computation straight from the files: target companies are the story's targets
 * (story/targets.csv) plus every account a salesperson won a deal on in the year (high
 * intention when not a target), sales are the won close values of sales_pipeline.csv with
 * their dates moved onto today. Shares its application context with the demo data import
 * test.
 */
@DemoDataIntegrationTest
class FunnelDemoDataTest {

	@Autowired
	Funnel funnel;

	@Test
	void theFunnelOfTheCurrentYearAgreesWithTheFiles() throws IOException {
		LocalDate from = LocalDate.now().withDayOfYear(1);
		LocalDate to = from.withDayOfYear(from.lengthOfYear());
		long shift = DemoDataFiles.shift();
		Map<String, String> names = new HashMap<>();
		for (String[] row : DemoDataFiles.csv("sales_teams.csv")) {
			names.put(row[0].toLowerCase(java.util.Locale.ROOT).replace(' ', '.'), row[0]);
		}
		// Per salesperson's name: account to intention, and account to sales.
		Map<String, Map<String, String>> targets = new HashMap<>();
		Map<String, Map<String, BigDecimal>> won = new HashMap<>();
		for (String[] row : DemoDataFiles.csv("story/targets.csv")) {
			targets.computeIfAbsent(names.get(row[0]), (k) -> new HashMap<>()).put(row[1], row[2]);
		}
		for (String[] row : DemoDataFiles.csv("sales_pipeline.csv")) {
			LocalDate closed = row[6].isEmpty() ? null : LocalDate.parse(row[6]).plusDays(shift);
			if (row[4].equals("Won") && !closed.isBefore(from) && !closed.isAfter(to)) {
				won.computeIfAbsent(row[1], (k) -> new HashMap<>())
					.merge(row[3], new BigDecimal(row[7]), BigDecimal::add);
				targets.computeIfAbsent(row[1], (k) -> new HashMap<>()).putIfAbsent(row[3], "HIGH");
			}
		}
		assertThat(targets).hasSizeGreaterThan(20);

		FunnelReport report = this.funnel.report(RecordScope.everything(0), from, to, null, null);

		assertThat(report.rows()).hasSize(targets.size());
		for (FunnelLine line : report.rows()) {
			String agent = line.salesperson();
			assertThat(targets).as("agent %s", agent).containsKey(agent);
			Map<String, String> mine = targets.get(agent);
			Map<String, BigDecimal> wonByMe = won.getOrDefault(agent, Map.of());
			BigDecimal sales = wonByMe.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
			long low = mine.values().stream().filter("LOW"::equals).count();
			assertThat(line.targets()).as(agent).isEqualTo(mine.size());
			assertThat(line.lowIntention()).as(agent).isEqualTo(low);
			assertThat(line.mediumHighIntention()).as(agent).isEqualTo(mine.size() - low);
			assertThat(line.closed()).as(agent).isEqualTo(wonByMe.size());
			assertThat(line.sales()).as(agent).isEqualByComparingTo(sales);
			if (!wonByMe.isEmpty()) {
				assertThat(line.avgPerClosed()).as(agent)
					.isEqualByComparingTo(sales.divide(BigDecimal.valueOf(wonByMe.size()), 2, RoundingMode.HALF_UP));
			}
		}
	}

}
