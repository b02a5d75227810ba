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
		long customers = customers().size();
		List<RunSummary> runs = this.segmentation.runs(50);
		assertThat(runs).anySatisfy((run) -> {
			assertThat(run.startedBy()).isEqualTo("system");
			assertThat(run.accounts()).isEqualTo(customers);
		});
	}

	/**
	 * The customers (DOMAIN.md §3.1) by name: live accounts whose lifecycle says they
	 * bought and are not lost. Prospects never enter the ranking.
	 */
	private Map<String, Long> customers() {
		Map<String, Long> customers = new HashMap<>();
		this.jdbc.sql("select id, name from account where archived = false and status in ('ACTIVE', 'DORMANT')")
			.query((java.sql.ResultSet rs) -> {
				customers.put(rs.getString(2), rs.getLong(1));
			});
		return customers;
	}

	@Test
	void tiersAbcAndTheParetoHeadlineOfTheDemoDataAgreeWithTheCsvFiles() throws IOException {
		List<String[]> deals = new ArrayList<>();
		LocalDate newest = LocalDate.MIN;
		for (String[] row : DemoDataFiles.csv("sales_pipeline.csv")) {
			if (row[4].equals("Won") && !row[3].isEmpty()) {
				deals.add(row);
				LocalDate closed = LocalDate.parse(row[6]);
				newest = closed.isAfter(newest) ? closed : newest;
			}
		}
		// The default period: the last twelve months, or the year up to the newest
		// purchase when the ledger has none in them.
		LocalDate today = LocalDate.now();
		LocalDate to = newest.isBefore(today.minusYears(1).plusDays(1)) ? newest : today;
		LocalDate from = to.minusYears(1).plusDays(1);
		Map<String, BigDecimal> won = new HashMap<>();
		for (String[] row : deals) {
			LocalDate closed = LocalDate.parse(row[6]);
			if (!closed.isBefore(from) && !closed.isAfter(to)) {
				won.merge(row[3], new BigDecimal(row[7]), BigDecimal::add);
			}
		}
		Map<String, BigDecimal> everBought = new HashMap<>();
		deals.forEach((row) -> everBought.merge(row[3], BigDecimal.ONE, BigDecimal::add));
		// The account ids and the lifecycle are inputs of the rule (ties, population);
		// the amounts come from the files.
		Map<String, Long> customers = customers();
		assertThat(everBought.keySet()).containsAll(customers.keySet());
		List<Object[]> ranked = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO;
		for (Map.Entry<String, Long> customer : customers.entrySet()) {
			BigDecimal amount = won.getOrDefault(customer.getKey(), BigDecimal.ZERO);
			ranked.add(new Object[] { customer.getValue(), amount });
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
			int tier = (amount.signum() <= 0) ? 3 : (rank <= Math.ceil(n * 0.01)) ? 0
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

		assertThat(run.to()).isEqualTo(to);
		assertThat(run.from()).isEqualTo(from);
		assertThat(run.accounts()).isEqualTo(n);
		assertThat(run.pareto().totalValue()).isEqualByComparingTo(total);
		assertThat(run.pyramid().values()).containsExactly(tiers[0], tiers[1], tiers[2], tiers[3]);
		assertThat(run.abc().values()).containsExactly(abc[0], abc[1], abc[2]);
		assertThat(run.pareto().customersFor80()).isEqualTo(for80);
		assertThat(run.pareto().customerShareFor80()).isCloseTo((n == 0) ? 0 : for80 / (double) n,
				org.assertj.core.data.Offset.offset(0.0001));
		// No prospect is ranked.
		assertThat(this.jdbc.sql("select account_id from segmentation_snapshot where run_id = :run")
			.param("run", run.id())
			.query(Long.class)
			.list()).containsExactlyInAnyOrderElementsOf(customers.values());
	}

}
