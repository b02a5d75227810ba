package io.dakehu.segmentation;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.dataimport.DemoDataFiles;
import io.dakehu.identity.RecordScope;
import io.dakehu.support.DemoDataIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segmentation of the demo agrees with a computation straight from the files
 * ({@link DemoDataFiles}: the won deals and the story's purchases, with their costs, and
 * the story's activities for the contact cost), following DOMAIN.md §3.1 to §3.5 for the
 * default period, the last 12 months: customers only (accounts that have bought), tiers,
 * ABC, the 80/20 headline, margins and value × growth. Shares its application context
 * with the demo data import test.
 */
@DemoDataIntegrationTest
class SegmentationDemoDataTest {

	@Autowired
	SegmentationRuns segmentation;

	@Autowired
	TierMigration migration;

	@Autowired
	JdbcClient jdbc;

	private final LocalDate to = LocalDate.now();

	private final LocalDate from = this.to.minusYears(1).plusDays(1);

	/** Account name to id: the ids break ties in the ranking. */
	private final Map<String, Long> ids = new HashMap<>();

	/** Customer id to [value, prior value, margin, contact cost] in the period. */
	private final Map<Long, BigDecimal[]> customers = new HashMap<>();

	@BeforeEach
	void computeFromTheFiles() throws IOException {
		this.jdbc.sql("select id, name from account").query((java.sql.ResultSet rs) -> {
			this.ids.put(rs.getString(2), rs.getLong(1));
		});
		for (DemoDataFiles.Purchase purchase : DemoDataFiles.purchases()) {
			BigDecimal[] sums = this.customers.computeIfAbsent(this.ids.get(purchase.account()),
					(k) -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO });
			if (!purchase.date().isBefore(this.from) && !purchase.date().isAfter(this.to)) {
				sums[0] = sums[0].add(purchase.amount());
				sums[2] = sums[2].add(purchase.amount().subtract(purchase.cost()));
			}
			else if (purchase.date().isBefore(this.from) && !purchase.date().isBefore(this.from.minusYears(1))) {
				sums[1] = sums[1].add(purchase.amount());
			}
		}
		long shift = DemoDataFiles.shift();
		for (String[] row : DemoDataFiles.csv("story/activities.csv")) {
			LocalDate on = LocalDateTime.parse(row[3]).plusDays(shift).toLocalDate();
			BigDecimal[] sums = this.customers.get(this.ids.get(row[0]));
			if (sums != null && !on.isBefore(this.from) && !on.isAfter(this.to)) {
				sums[3] = sums[3].add(new BigDecimal(row[5]));
			}
		}
	}

	/** Customer ids, highest value first, ties by id. */
	private List<Long> ranked() {
		List<Long> ranked = new ArrayList<>(this.customers.keySet());
		ranked.sort(Comparator.comparing((Long id) -> this.customers.get(id)[0]).reversed().thenComparing((id) -> id));
		return ranked;
	}

	/** 0 VIP, 1 Major, 2 Ordinary, 3 Small (DOMAIN.md §3.1). */
	private Map<Long, Integer> tiers() {
		List<Long> ranked = ranked();
		int n = ranked.size();
		Map<Long, Integer> tiers = new HashMap<>();
		for (int i = 0; i < n; i++) {
			int rank = i + 1;
			boolean none = this.customers.get(ranked.get(i))[0].signum() <= 0;
			tiers.put(ranked.get(i), none ? 3 : (rank <= Math.ceil(n * 0.01)) ? 0
					: (rank <= Math.ceil(n * 0.05)) ? 1 : (rank <= Math.ceil(n * 0.20)) ? 2 : 3);
		}
		return tiers;
	}

	/** Value × growth, first match wins (DOMAIN.md §3.4). */
	private Map<Long, String> classes() {
		Map<Long, Integer> tiers = tiers();
		Map<Long, String> classes = new HashMap<>();
		this.customers.forEach((id, s) -> {
			BigDecimal net = s[2].subtract(s[3]);
			String vg;
			if (tiers.get(id) <= 1) {
				vg = "VIP";
			}
			else if ((s[1].signum() > 0 && s[0].compareTo(s[1]) < 0) || net.signum() < 0) {
				vg = "BZ";
			}
			else if (s[1].signum() == 0 && s[0].signum() > 0) {
				vg = "NEW";
			}
			else if (s[0].subtract(s[1])
				.multiply(BigDecimal.valueOf(100))
				.compareTo(s[1].multiply(BigDecimal.valueOf(20))) >= 0) {
				vg = "MGC";
			}
			else {
				vg = "STABLE";
			}
			classes.put(id, vg);
		});
		return classes;
	}

	@Test
	void theDemoGivesEveryValueGrowthClassAndACustomerLosingMoney() {
		Map<Long, String> classes = classes();
		assertThat(Set.copyOf(classes.values())).containsExactlyInAnyOrder("VIP", "BZ", "NEW", "MGC", "STABLE");
		// Only the customers that did not buy in the prior period are new: the prior
		// year exists for the others.
		long withPrior = this.customers.values().stream().filter((s) -> s[1].signum() > 0).count();
		assertThat(classes.values().stream().filter("NEW"::equals).count()).isEqualTo(this.customers.size() - withPrior)
			.isLessThan(this.customers.size() / 5);
		assertThat(
				this.customers.values().stream().filter((s) -> s[2].subtract(s[3]).signum() < 0 && s[0].signum() > 0))
			.isNotEmpty();
	}

	@Test
	void theRunHasTheMarginsAndPriorValuesOfTheFiles() {
		RunSummary run = this.segmentation.runFor(null, new RunRequest(null, null, null), "test");
		Map<Long, BigDecimal[]> snapshot = new HashMap<>();
		this.jdbc
			.sql("select account_id, amount, prior_amount, margin, contact_cost, clv from segmentation_snapshot"
					+ " where run_id = :run")
			.param("run", run.id())
			.query((java.sql.ResultSet rs) -> {
				snapshot.put(rs.getLong(1), new BigDecimal[] { rs.getBigDecimal(2), rs.getBigDecimal(3),
						rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6) });
			});
		BigDecimal margins = BigDecimal.ZERO;
		BigDecimal clv = BigDecimal.ZERO;
		for (Map.Entry<Long, BigDecimal[]> customer : this.customers.entrySet()) {
			BigDecimal[] expected = customer.getValue();
			BigDecimal[] actual = snapshot.get(customer.getKey());
			assertThat(actual).as("account %d", customer.getKey()).isNotNull();
			for (int i = 0; i < 4; i++) {
				assertThat(actual[i]).as("account %d, figure %d", customer.getKey(), i)
					.isEqualByComparingTo(expected[i]);
			}
			margins = margins.add(actual[2]);
			clv = clv.add(actual[4]);
		}
		assertThat(margins).isPositive();
		assertThat(clv).isPositive();
	}

	@Test
	void theFirstStartSegmentsTheCustomersForTheWholeCompany() {
		assertThat(this.segmentation.runs(50)).anySatisfy((run) -> {
			assertThat(run.startedBy()).isEqualTo("system");
			assertThat(run.accounts()).isEqualTo(this.customers.size());
		});
	}

	@Test
	void theFirstStartAlsoRanksTheYearThatEndedAQuarterAgoSoTiersHaveMoved() {
		// Other tests sharing this context may have run segmentations since the first
		// start.
		List<RunSummary> first = this.segmentation.runs(50)
			.stream()
			.sorted(Comparator.comparingLong(RunSummary::id))
			.filter((run) -> run.startedBy().equals("system"))
			.limit(2)
			.toList();
		assertThat(first).extracting(RunSummary::to).containsExactly(this.to.minusMonths(3), this.to);
		assertThat(
				this.migration.movers(RecordScope.everything(0), first.get(0).id(), first.get(1).id(), null, null, 100))
			.isNotEmpty();
	}

	@Test
	void tiersAbcClassesAndTheParetoHeadlineAgreeWithTheFiles() {
		List<Long> ranked = ranked();
		Map<Long, Integer> tiers = tiers();
		int n = ranked.size();
		BigDecimal total = BigDecimal.ZERO;
		for (Long id : ranked) {
			total = total.add(this.customers.get(id)[0]);
		}
		long[] tierCounts = new long[4];
		long[] abc = new long[3];
		BigDecimal before = BigDecimal.ZERO;
		long for80 = 0;
		for (int i = 0; i < n; i++) {
			BigDecimal amount = this.customers.get(ranked.get(i))[0];
			tierCounts[tiers.get(ranked.get(i))]++;
			double shareBefore = before.doubleValue() / total.doubleValue();
			abc[(shareBefore < 0.80) ? 0 : (shareBefore < 0.95) ? 1 : 2]++;
			before = before.add(amount);
			if (for80 == 0 && before.doubleValue() >= 0.8 * total.doubleValue()) {
				for80 = i + 1;
			}
		}
		Map<Long, String> classes = classes();

		RunSummary run = this.segmentation.runFor(null, new RunRequest(null, null, null), "test");

		assertThat(run.to()).isEqualTo(this.to);
		assertThat(run.accounts()).isEqualTo(n);
		assertThat(run.pareto().totalValue()).isEqualByComparingTo(total);
		assertThat(run.pyramid().values()).containsExactly(tierCounts[0], tierCounts[1], tierCounts[2], tierCounts[3]);
		assertThat(run.abc().values()).containsExactly(abc[0], abc[1], abc[2]);
		assertThat(run.pareto().customersFor80()).isEqualTo(for80);
		Map<Long, String> actual = new HashMap<>();
		this.jdbc.sql("select account_id, value_growth from segmentation_snapshot where run_id = :run")
			.param("run", run.id())
			.query((java.sql.ResultSet rs) -> {
				actual.put(rs.getLong(1), rs.getString(2));
			});
		assertThat(actual).isEqualTo(classes);
		assertThat(EnumSet.copyOf(actual.values().stream().map(ValueGrowth::valueOf).toList()))
			.hasSize(ValueGrowth.values().length);
	}

}
