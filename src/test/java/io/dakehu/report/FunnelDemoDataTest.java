package io.dakehu.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.dakehu.dataimport.DemoDataFiles;
import io.dakehu.identity.RecordScope;
import io.dakehu.opportunity.Funnel;
import io.dakehu.opportunity.FunnelLine;
import io.dakehu.opportunity.FunnelReport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The funnel of the public demo data set for 2017 agrees with a computation straight from
 * sales_pipeline.csv: the data set has no target lists, so each sales agent's targets are
 * the accounts they won in 2017 (high intention), all of them closed, and sales are the
 * won close values. Shares its application context with the demo data import test.
 */
@SpringBootTest(properties = {
		"spring.datasource.url=jdbc:h2:mem:demodata;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
		"dakehu.demo-data.enabled=true", "dakehu.admin.password=admin-password-1" })
class FunnelDemoDataTest {

	@Autowired
	Funnel funnel;

	@Test
	void theFunnelFor2017AgreesWithTheCsvFile() throws IOException {
		LocalDate from = LocalDate.of(2017, 1, 1);
		LocalDate to = LocalDate.of(2017, 12, 31);
		Map<String, Set<String>> accounts = new HashMap<>();
		Map<String, BigDecimal> sales = new HashMap<>();
		for (String[] row : DemoDataFiles.csv("sales_pipeline.csv")) {
			if (!row[4].equals("Won") || row[3].isEmpty()) {
				continue;
			}
			LocalDate closed = LocalDate.parse(row[6]);
			if (closed.isBefore(from) || closed.isAfter(to)) {
				continue;
			}
			accounts.computeIfAbsent(row[1], (agent) -> new HashSet<>()).add(row[3]);
			sales.merge(row[1], new BigDecimal(row[7]), BigDecimal::add);
		}
		assertThat(accounts).hasSizeGreaterThan(20);

		FunnelReport report = this.funnel.report(RecordScope.everything(0), from, to, null, null);

		assertThat(report.rows()).hasSize(accounts.size());
		long targets = 0;
		BigDecimal total = BigDecimal.ZERO;
		for (FunnelLine line : report.rows()) {
			String agent = line.salesperson();
			assertThat(accounts).as("agent %s", agent).containsKey(agent);
			int won = accounts.get(agent).size();
			assertThat(line.targets()).as(agent).isEqualTo(won);
			assertThat(line.mediumHighIntention()).as(agent).isEqualTo(won);
			assertThat(line.lowIntention()).as(agent).isZero();
			assertThat(line.closed()).as(agent).isEqualTo(won);
			assertThat(line.sales()).as(agent).isEqualByComparingTo(sales.get(agent));
			assertThat(line.avgPerClosed()).as(agent)
				.isEqualByComparingTo(
						sales.get(agent).divide(BigDecimal.valueOf(won), 2, java.math.RoundingMode.HALF_UP));
			assertThat(line.closedToTargets()).as(agent).isEqualByComparingTo("1");
			targets += won;
			total = total.add(sales.get(agent));
		}
		assertThat(report.total().targets()).isEqualTo(targets);
		assertThat(report.total().closed()).isEqualTo(targets);
		assertThat(report.total().sales()).isEqualByComparingTo(total);
	}

}
