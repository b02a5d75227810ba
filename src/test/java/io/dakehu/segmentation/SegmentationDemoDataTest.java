package io.dakehu.segmentation;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.dataimport.DemoDataFiles;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segmentation of the public demo data set (won opportunities are the purchases) agrees
 * with a computation straight from the CSV files: tier counts, ABC counts and the 80/20
 * headline. Shares its application context with the demo data import test.
 */
@SpringBootTest(properties = {
		"spring.datasource.url=jdbc:h2:mem:demodata;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
		"dakehu.demo-data.enabled=true", "dakehu.admin.password=admin-password-1" })
class SegmentationDemoDataTest {

	@Autowired
	Segmentation segmentation;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theFirstStartSegmentsTheDemoDataForTheWholeCompany() {
		List<RunSummary> runs = this.segmentation.runs(50);
		assertThat(runs).anySatisfy((run) -> {
			assertThat(run.startedBy()).isEqualTo("system");
			assertThat(run.accounts()).isEqualTo(85);
		});
	}

	@Test
	void tiersAbcAndTheParetoHeadlineOfTheDemoDataAgreeWithTheCsvFiles() throws IOException {
		Map<String, BigDecimal> won = new HashMap<>();
		LocalDate newest = LocalDate.MIN;
		for (String[] row : DemoDataFiles.csv("sales_pipeline.csv")) {
			if (row[4].equals("Won") && !row[3].isEmpty()) {
				won.merge(row[3], new BigDecimal(row[7]), BigDecimal::add);
				LocalDate closed = LocalDate.parse(row[6]);
				newest = closed.isAfter(newest) ? closed : newest;
			}
		}
		// The account ids are an input of the rule (ties); the amounts come from the
		// files.
		Map<String, Long> ids = new HashMap<>();
		this.jdbc.sql("select id, name from account").query((java.sql.ResultSet rs) -> {
			ids.put(rs.getString(2), rs.getLong(1));
		});
		List<String[]> accounts = DemoDataFiles.csv("accounts.csv");
		assertThat(accounts).hasSize(85);
		List<Object[]> ranked = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO;
		for (String[] account : accounts) {
			BigDecimal amount = won.getOrDefault(account[0], BigDecimal.ZERO);
			ranked.add(new Object[] { ids.get(account[0]), amount });
			total = total.add(amount);
		}
		ranked.sort(Comparator.comparing((Object[] r) -> (BigDecimal) r[1])
			.reversed()
			.thenComparing((Object[] r) -> (Long) r[0]));
		int n = ranked.size();
		long[] tiers = new long[4];
		long[] abc = new long[3];
		BigDecimal before = BigDecimal.ZERO;
		long for80 = 0;
		for (int i = 0; i < n; i++) {
			BigDecimal amount = (BigDecimal) ranked.get(i)[1];
			int rank = i + 1;
			int tier = (amount.signum() == 0) ? 3 : (rank <= Math.ceil(n * 0.01)) ? 0
					: (rank <= Math.ceil(n * 0.05)) ? 1 : (rank <= Math.ceil(n * 0.20)) ? 2 : 3;
			tiers[tier]++;
			double shareBefore = before.doubleValue() / total.doubleValue();
			abc[(shareBefore < 0.80) ? 0 : (shareBefore < 0.95) ? 1 : 2]++;
			before = before.add(amount);
			if (for80 == 0 && before.doubleValue() >= 0.8 * total.doubleValue()) {
				for80 = rank;
			}
		}

		RunSummary run = this.segmentation.runFor(null, new RunRequest(null, null, null), "test");

		assertThat(run.to()).isEqualTo(newest);
		assertThat(run.from()).isEqualTo(newest.minusYears(1).plusDays(1));
		assertThat(run.accounts()).isEqualTo(85);
		assertThat(run.pareto().totalValue()).isEqualByComparingTo(total);
		assertThat(run.pyramid().values()).containsExactly(tiers[0], tiers[1], tiers[2], tiers[3]);
		assertThat(run.pyramid().values()).containsExactly(1L, 4L, 12L, 68L);
		assertThat(run.abc().values()).containsExactly(abc[0], abc[1], abc[2]);
		assertThat(run.pareto().customersFor80()).isEqualTo(for80);
		assertThat(run.pareto().customerShareFor80()).isCloseTo(for80 / 85.0,
				org.assertj.core.data.Offset.offset(0.0001));
		// A demo set: the top fifth of customers carries well under the classic 80%.
		assertThat(for80).isGreaterThan(17);
	}

}
