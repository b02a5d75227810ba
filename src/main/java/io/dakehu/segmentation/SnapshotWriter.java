package io.dakehu.segmentation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.dakehu.account.CustomerSql;
import io.dakehu.activity.ActivitySql;
import io.dakehu.order.LedgerSql;
import io.dakehu.shared.DatabaseProduct;
import io.dakehu.shared.DerivedTables;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Computes a run inside the database: one pass over the ledger aggregates each account's
 * purchases, window functions rank the accounts and accumulate their value, and the
 * classes and indicators are written with one {@code INSERT … SELECT}. No row of the
 * ledger or of the snapshot passes through Java, so memory stays flat whatever the size.
 * The SQL is plain enough to run unchanged on H2 (PostgreSQL mode) and PostgreSQL.
 */
@Component
class SnapshotWriter {

	/**
	 * Per customer: the period's revenue, margin and measured value, the prior period's
	 * value, whether it bought in either period, the contact cost and the strategic pin.
	 * The population, the ledger's sums and the activities' costs are fragments their
	 * owning modules publish ({@link CustomerSql}, {@link LedgerSql},
	 * {@link ActivitySql}); this module composes them and names no table of theirs.
	 * Customers without purchases take part with zero. Lifetime figures (total revenue,
	 * first purchase) are not part of a run: they are read per account when shown, so a
	 * run never scans the ledger's older years.
	 */
	private static final String BASE = """
			select a.account_id,
			       coalesce(p.revenue, 0) as revenue,
			       coalesce(p.revenue - p.cost, 0) as margin,
			       coalesce(%1$s, 0) as amount,
			       coalesce(%2$s, 0) as prior_amount,
			       case when p.revenue is null then 0 else 1 end as bought,
			       case when p.prior_revenue is null then 0 else 1 end as bought_before,
			       coalesce(c.cost, 0) as contact_cost,
			       case when g.account_id is null then 0 else 1 end as pinned
			from %3$s a
			left join %4$s p on p.account_id = a.account_id
			left join %5$s c on c.account_id = a.account_id
			left join segmentation_pin g on g.account_id = a.account_id""";

	/**
	 * Rank, population size, total and running total in one sort; the rank and the
	 * running total share one window (spelt alike), so the database computes them in one
	 * pass.
	 */
	private static final String RANKED = """
			select b.*,
			       row_number() over (order by b.amount desc, b.account_id) as rank_no,
			       count(*) over () as n,
			       sum(b.amount) over () as total,
			       sum(b.amount) over (order by b.amount desc, b.account_id
			                           rows between unbounded preceding and current row) as running
			from (%s) b""";

	/**
	 * Pyramid by rank: rank ≤ ceil(p% of N) is the same as (rank − 1) · 10000 < N · p in
	 * hundredths of a percent, exact in integers. A customer whose value is zero or
	 * negative (no purchase, or no profit with the profit measure) is Small. ABC by the
	 * running total before the account: below 80% of the total it is A, so the account
	 * that crosses 80% is A too.
	 */
	private static final String CLASSED = """
			select w.*,
			       case when w.amount <= 0 then 'SMALL'
			            when (w.rank_no - 1) * 10000 < w.n * :vipBasis then 'VIP'
			            when (w.rank_no - 1) * 10000 < w.n * :majorBasis then 'MAJOR'
			            when (w.rank_no - 1) * 10000 < w.n * :ordinaryBasis then 'ORDINARY'
			            else 'SMALL' end as tier,
			       case when (w.running - w.amount) * 100 < w.total * :abcA then 'A'
			            when (w.running - w.amount) * 100 < w.total * :abcB then 'B'
			            else 'C' end as abc_rule,
			       w.margin - w.contact_cost as net_profit
			from (%s) w""";

	/**
	 * Value × growth, first match wins (DOMAIN.md §3.4): VIP, then BZ (value fell or net
	 * profit below zero, even when growing), then NEW (bought in the period, not in the
	 * prior period: no growth rate), then MGC, then Stable.
	 */
	private static final String INSERT = """
			insert into segmentation_snapshot (run_id, account_id, rank_no, amount, revenue, margin, prior_amount,
			    growth, cumulative_amount, tier, abc, abc_rule, value_growth, contact_cost, net_profit, clv)
			select :run, k.account_id, k.rank_no, k.amount, k.revenue, k.margin, k.prior_amount,
			       case when k.prior_amount > 0 and k.bought_before = 1
			            then round(cast(k.amount - k.prior_amount as numeric(30, 10)) / k.prior_amount, 4) end,
			       k.running, k.tier,
			       case when k.pinned = 1 then 'B' else k.abc_rule end,
			       k.abc_rule,
			       case when k.tier in ('VIP', 'MAJOR') then 'VIP'
			            when k.amount < k.prior_amount or k.net_profit < 0 then 'BZ'
			            when k.bought = 1 and k.bought_before = 0 then 'NEW'
			            when k.prior_amount > 0 and (k.amount - k.prior_amount) * 100 >= k.prior_amount * :growth
			                 then 'MGC'
			            else 'STABLE' end,
			       k.contact_cost, k.net_profit, round(k.net_profit * :clvFactor, 2)
			from (%s) k""";

	private static final String COUNTS = """
			select count(*), coalesce(sum(amount), 0),
			       sum(case when tier = 'VIP' then 1 else 0 end), sum(case when tier = 'MAJOR' then 1 else 0 end),
			       sum(case when tier = 'ORDINARY' then 1 else 0 end), sum(case when tier = 'SMALL' then 1 else 0 end),
			       sum(case when abc = 'A' then 1 else 0 end), sum(case when abc = 'B' then 1 else 0 end),
			       sum(case when abc = 'C' then 1 else 0 end),
			       sum(case when value_growth = 'VIP' then 1 else 0 end), sum(case when value_growth = 'MGC' then 1 else 0 end),
			       sum(case when value_growth = 'BZ' then 1 else 0 end),
			       sum(case when value_growth = 'STABLE' then 1 else 0 end),
			       sum(case when value_growth = 'NEW' then 1 else 0 end)
			from segmentation_snapshot where run_id = :run""";

	private final JdbcClient jdbc;

	private final DerivedTables derived;

	private final boolean postgres;

	SnapshotWriter(JdbcClient jdbc, DatabaseProduct database, DerivedTables derived) {
		this.jdbc = jdbc;
		this.derived = derived;
		this.postgres = database.postgres();
	}

	/**
	 * Makes PostgreSQL sum the ledger one account at a time along the covering (account,
	 * date) index for the rest of the transaction. Its planner prefers one hash table
	 * holding every account, which at a million accounts outgrows memory, spills to disk
	 * and takes four times as long (see BENCHMARKS.md, P1); the planner has no cost for
	 * that, so the run says so itself. H2 needs nothing.
	 */
	void sumAlongAccounts() {
		if (this.postgres) {
			this.jdbc.sql("set local enable_hashagg = off").update();
		}
	}

	private void restorePlanner() {
		if (this.postgres) {
			this.jdbc.sql("reset enable_hashagg").update();
		}
	}

	/**
	 * Tells PostgreSQL how many rows the new run has before anything reads it back: the
	 * accounts whose tier moved (for the due days, in this transaction) and the migration
	 * between two runs compare this run with the one before. With the statistics of an
	 * emptier table the planner expects a row or two per run and compares the runs in a
	 * loop over every row of the other, a time that grows with the square of the accounts
	 * until autovacuum catches up (two seconds a statement in the test suite's shared
	 * database; BENCHMARKS.md, test suite time). Analyzing counts the run's own, not yet
	 * committed, rows; it reads a sample of fixed size, so its cost hardly grows with the
	 * accounts. Only the columns those comparisons read: the whole table's columns took
	 * three times as long (0.22 s against 0.08 s at 200,000 rows), and autovacuum brings
	 * the others up to date.
	 */
	private void refreshStatistics() {
		if (this.postgres) {
			this.jdbc.sql("analyze segmentation_snapshot (run_id, account_id, tier)").update();
		}
	}

	/**
	 * Ranks the accounts (all, or those of the given owners) and stores the run with its
	 * snapshot and headline counts. Runs in the caller's transaction.
	 * @return the new run's id
	 */
	long write(Period period, Measure measure, SegmentationSettings settings, Collection<Long> owners, String startedBy,
			LocalDateTime startedAt) {
		long started = System.nanoTime();
		long runId = insertRun(period, measure, settings, owners, startedBy, startedAt);
		Map<String, Object> params = params(period, measure, settings, owners);
		params.put("run", runId);
		sumAlongAccounts();
		// The ledger's sums and the activities' costs are groupings: read once each (on
		// H2 they would be evaluated again for every customer).
		String ledger = this.derived.readOnce(ledgerTable(), "account_id", params);
		String costs = this.derived.readOnce(costsTable(), "account_id", params);
		this.jdbc.sql(insertSql(measure, owners, ledger, costs)).params(params).update();
		restorePlanner();
		refreshStatistics();
		Object[] counts = this.jdbc.sql(COUNTS).param("run", runId).query((rs, n) -> {
			Object[] row = new Object[14];
			row[0] = rs.getLong(1);
			row[1] = rs.getBigDecimal(2);
			for (int i = 2; i < 14; i++) {
				row[i] = rs.getLong(i + 1);
			}
			return row;
		}).single();
		BigDecimal total = (BigDecimal) counts[1];
		// The first account, in rank order, whose running total reaches 80% of the total;
		// read along the rank index, so it stops there.
		Long for80 = (total.signum() > 0) ? this.jdbc.sql("""
				select rank_no from segmentation_snapshot
				where run_id = :run and cumulative_amount >= :threshold order by rank_no limit 1""")
			.param("run", runId)
			.param("threshold", eightyPercentOf(total))
			.query(Long.class)
			.optional()
			.orElse(0L) : Long.valueOf(0);
		this.jdbc
			.sql("""
					update segmentation_run set accounts = :accounts, total_value = :total, customers_for_80 = :for80,
					    tier_vip = :c2, tier_major = :c3, tier_ordinary = :c4, tier_small = :c5,
					    abc_a = :c6, abc_b = :c7, abc_c = :c8, vg_vip = :c9, vg_mgc = :c10, vg_bz = :c11, vg_stable = :c12, vg_new = :c13,
					    duration_millis = :millis
					where id = :run""")
			.param("accounts", counts[0])
			.param("total", total)
			.param("for80", (for80 != null) ? for80 : 0L)
			.params(numbered(counts))
			.param("millis", (System.nanoTime() - started) / 1_000_000)
			.param("run", runId)
			.update();
		return runId;
	}

	/**
	 * A percentage in hundredths of a percent (1% is 100); settings keep two decimals.
	 */
	static long basis(BigDecimal percent) {
		return percent.movePointRight(2).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
	}

	/** 80% of a total, exact, so the database compares without multiplying large sums. */
	static BigDecimal eightyPercentOf(BigDecimal total) {
		return total.multiply(new BigDecimal("0.8"));
	}

	private static Map<String, Object> numbered(Object[] counts) {
		Map<String, Object> params = new HashMap<>();
		for (int i = 2; i < counts.length; i++) {
			params.put("c" + i, counts[i]);
		}
		return params;
	}

	/**
	 * The same aggregation and ranking as a run, without classes, indicators or writing:
	 * a second yardstick for the benchmark, isolating what classifying and writing cost.
	 */
	long rankSameInputs(Period period, Measure measure, SegmentationSettings settings) {
		String sql = """
				select count(*), max(r.rank_no), max(r.running), max(r.total), max(r.n), sum(r.margin),
				       sum(r.prior_amount), sum(r.contact_cost), sum(r.pinned)
				from (%s) r""".formatted(RANKED.formatted(baseSql(measure, null, ledgerTable(), costsTable())));
		return this.jdbc.sql(sql)
			.params(params(period, measure, settings, null))
			.query((rs, n) -> rs.getLong(1))
			.single();
	}

	static String insertSql(Measure measure, Collection<Long> owners) {
		return insertSql(measure, owners, ledgerTable(), costsTable());
	}

	private static String insertSql(Measure measure, Collection<Long> owners, String ledger, String costs) {
		return INSERT.formatted(CLASSED.formatted(RANKED.formatted(baseSql(measure, owners, ledger, costs))));
	}

	/** The per-customer inputs composed from the owners' fragments. */
	private static String baseSql(Measure measure, Collection<Long> owners, String ledger, String costs) {
		return BASE.formatted(measure.accountValueSql(), measure.priorValueSql(), customers(owners).table(), ledger,
				costs);
	}

	/**
	 * The fragments' SQL does not depend on the period (that comes as parameters), so any
	 * period will do.
	 */
	private static String ledgerTable() {
		LocalDate any = LocalDate.EPOCH;
		return LedgerSql.sumsByAccount(any, any, any).table();
	}

	private static String costsTable() {
		LocalDate any = LocalDate.EPOCH;
		return ActivitySql.costsByAccount(any, any).table();
	}

	private static CustomerSql customers(Collection<Long> owners) {
		return (owners != null) ? CustomerSql.ownedBy(owners) : CustomerSql.population();
	}

	private long insertRun(Period period, Measure measure, SegmentationSettings settings, Collection<Long> owners,
			String startedBy, LocalDateTime startedAt) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into segmentation_run (period_from, period_to, prior_from, prior_to, measure, population,
				    vip_percent, major_percent, ordinary_percent, abc_a_percent, abc_b_percent, growth_percent,
				    clv_discount_percent, clv_horizon_years, started_by, started_at)
				values (:from, :to, :priorFrom, :priorTo, :measure, :population, :vip, :major, :ordinary, :abcA, :abcB,
				    :growth, :discount, :horizon, :startedBy, :startedAt)""")
			.param("from", period.from())
			.param("to", period.to())
			.param("priorFrom", period.priorFrom())
			.param("priorTo", period.priorTo())
			.param("measure", measure.name())
			.param("population", (owners != null) ? population(owners) : null)
			.param("vip", settings.vipPercent())
			.param("major", settings.majorPercent())
			.param("ordinary", settings.ordinaryPercent())
			.param("abcA", settings.abcAPercent())
			.param("abcB", settings.abcBPercent())
			.param("growth", settings.growthPercent())
			.param("discount", settings.clvDiscountPercent())
			.param("horizon", settings.clvHorizonYears())
			.param("startedBy", startedBy)
			.param("startedAt", Timestamp.valueOf(startedAt))
			.update(key, "id");
		return key.getKey().longValue();
	}

	private static String population(Collection<Long> owners) {
		String text = "owners:"
				+ owners.stream().sorted().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
		return (text.length() > 500) ? text.substring(0, 500) : text;
	}

	static Map<String, Object> params(Period period, Measure measure, SegmentationSettings settings,
			Collection<Long> owners) {
		Map<String, Object> params = new HashMap<>();
		params.putAll(customers(owners).params());
		params.putAll(LedgerSql.sumsByAccount(period.priorFrom(), period.from(), period.to()).params());
		params.putAll(ActivitySql.costsByAccount(period.from(), period.to()).params());
		params.put("vipBasis", basis(settings.vipPercent()));
		params.put("majorBasis", basis(settings.majorPercent()));
		params.put("ordinaryBasis", basis(settings.ordinaryPercent()));
		params.put("abcA", settings.abcAPercent());
		params.put("abcB", settings.abcBPercent());
		params.put("growth", settings.growthPercent());
		// Expected yearly net profit is the period's net profit scaled to a year; CLV
		// discounts it over the horizon. Both factors are one number for the whole run.
		BigDecimal perYear = BigDecimal.valueOf(365.0 / period.days());
		params.put("clvFactor",
				perYear.multiply(BigDecimal.valueOf(settings.annuityFactor())).setScale(8, RoundingMode.HALF_EVEN));
		return params;
	}

	/**
	 * A period and its prior period (DOMAIN.md §3.4): the period of the same length just
	 * before it, counted in calendar terms where the period is made of them. Whole months
	 * (a calendar year, a quarter, any run of whole months) compare with the same number
	 * of whole months before, so calendar 2024 compares with calendar 2023 whatever the
	 * leap days; any other period with the same number of days.
	 */
	record Period(LocalDate from, LocalDate to) {

		Period {
			if (to.isBefore(from)) {
				throw new io.dakehu.shared.RuleViolationException("to", "validation.segmentation.period");
			}
		}

		long days() {
			return ChronoUnit.DAYS.between(this.from, this.to) + 1;
		}

		LocalDate priorTo() {
			return this.from.minusDays(1);
		}

		LocalDate priorFrom() {
			if (wholeMonths()) {
				long months = ChronoUnit.MONTHS.between(this.from, this.to.plusDays(1));
				return this.from.minusMonths(months);
			}
			return this.from.minusDays(days());
		}

		private boolean wholeMonths() {
			return this.from.getDayOfMonth() == 1 && this.to.plusDays(1).getDayOfMonth() == 1;
		}

	}

}
