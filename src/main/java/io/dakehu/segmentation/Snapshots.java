package io.dakehu.segmentation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.identity.RecordScope;
import io.dakehu.order.PurchaseHistory;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a stored run says, read within the reader's record scope: its accounts as rows
 * with their indicators, and its counts and Pareto curve recomputed over the accounts the
 * reader may see. Only reads: the snapshot is written once, by {@link SnapshotWriter},
 * and never changed, so every figure here is a view of it.
 */
@Service
@Transactional(readOnly = true)
public class Snapshots {

	private final JdbcClient jdbc;

	private final SegmentationRuns runs;

	private final AccountQueries accounts;

	private final PurchaseHistory purchases;

	private final BzDecisions decisions;

	Snapshots(JdbcClient jdbc, SegmentationRuns runs, AccountQueries accounts, PurchaseHistory purchases,
			BzDecisions decisions) {
		this.jdbc = jdbc;
		this.runs = runs;
		this.accounts = accounts;
		this.purchases = purchases;
		this.decisions = decisions;
	}

	/**
	 * The accounts of a run the reader may see, best first, optionally of one tier, ABC
	 * class or value × growth class.
	 */
	public PageResult<SnapshotRow> accounts(RecordScope scope, long runId, Tier tier, AbcClass abc, ValueGrowth growth,
			PageRequest page) {
		RunSummary run = this.runs.summary(runId);
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "s.account_id");
		StringBuilder where = new StringBuilder(" where s.run_id = :run and ").append(scopeSql.condition());
		Map<String, Object> params = new HashMap<>(scopeSql.params());
		params.put("run", runId);
		if (tier != null) {
			where.append(" and s.tier = :tier");
			params.put("tier", tier.name());
		}
		if (abc != null) {
			where.append(" and s.abc = :abc");
			params.put("abc", abc.name());
		}
		if (growth != null) {
			where.append(" and s.value_growth = :growth");
			params.put("growth", growth.name());
		}
		long total = this.jdbc.sql("select count(*) from segmentation_snapshot s" + where)
			.params(params)
			.query(Long.class)
			.single();
		if (total == 0) {
			return new PageResult<>(List.of(), page.page(), page.size(), 0);
		}
		params.put("limit", page.size());
		params.put("offset", page.offset());
		List<SnapshotRow> rows = rows(run, SNAPSHOT_SQL + where + " order by s.rank_no limit :limit offset :offset",
				params);
		return new PageResult<>(rows, page.page(), page.size(), total);
	}

	/** The reader's accounts with the highest value in the run. */
	public List<SnapshotRow> top(RecordScope scope, long runId, int limit) {
		return ordered(scope, runId, "", "s.rank_no", limit);
	}

	/**
	 * Cost drivers (DOMAIN.md §3.5): the reader's accounts whose net profit in the run's
	 * period is negative, the most negative first.
	 */
	public List<SnapshotRow> costDrivers(RecordScope scope, long runId, int limit) {
		return ordered(scope, runId, " and s.net_profit < 0", "s.net_profit, s.account_id", limit);
	}

	/**
	 * Points for the value × growth chart: the reader's accounts with a purchase in
	 * either period, highest value first.
	 */
	public List<SnapshotRow> valueGrowthPoints(RecordScope scope, long runId, int limit) {
		return ordered(scope, runId, " and (s.amount <> 0 or s.prior_amount <> 0)", "s.rank_no", limit);
	}

	private List<SnapshotRow> ordered(RecordScope scope, long runId, String condition, String order, int limit) {
		RunSummary run = this.runs.summary(runId);
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "s.account_id");
		Map<String, Object> params = new HashMap<>(scopeSql.params());
		params.put("run", runId);
		params.put("limit", limit);
		return rows(run, SNAPSHOT_SQL + " where s.run_id = :run and " + scopeSql.condition() + condition + " order by "
				+ order + " limit :limit", params);
	}

	/**
	 * One account's row in the run, if the run ranked it; the caller checked the scope.
	 */
	Optional<SnapshotRow> row(RunSummary run, long accountId) {
		return rows(run, SNAPSHOT_SQL + " where s.run_id = :run and s.account_id = :id",
				Map.of("run", run.id(), "id", accountId))
			.stream()
			.findFirst();
	}

	private static final String SNAPSHOT_SQL = """
			select s.run_id, s.account_id, s.rank_no, s.amount, s.revenue, s.margin, s.prior_amount, s.growth,
			       s.cumulative_amount, s.tier, s.abc, s.abc_rule, s.value_growth, s.contact_cost, s.net_profit,
			       s.clv, w.annual_spend
			from segmentation_snapshot s left join segmentation_wallet w on w.account_id = s.account_id""";

	private List<SnapshotRow> rows(RunSummary run, String sql, Map<String, Object> params) {
		List<Object[]> raw = this.jdbc.sql(sql).params(params).query((rs, n) -> {
			Object[] row = new Object[19];
			for (int i = 0; i < 15; i++) {
				row[i] = rs.getObject(i + 1);
			}
			row[17] = rs.getObject(16);
			row[18] = rs.getObject(17);
			row[15] = BigDecimal.ZERO;
			return row;
		}).list();
		Set<Long> ids = new HashSet<>();
		raw.forEach((row) -> ids.add(((Number) row[1]).longValue()));
		Map<Long, String> names = this.accounts.names(ids);
		// Lifetime figures up to the end of the run's period, for the shown rows only.
		Map<Long, PurchaseHistory.Lifetime> lifetime = this.purchases.lifetime(ids, run.to());
		for (Object[] row : raw) {
			PurchaseHistory.Lifetime life = lifetime.get(((Number) row[1]).longValue());
			if (life != null) {
				row[15] = life.total();
				row[16] = life.firstPurchase();
			}
		}
		Set<Long> bz = new HashSet<>();
		raw.stream()
			.filter((row) -> ValueGrowth.BZ.name().equals(row[12].toString().strip()))
			.forEach((row) -> bz.add(((Number) row[1]).longValue()));
		Map<Long, BzDecision> decisions = this.decisions.standing(bz, run.id());
		List<SnapshotRow> rows = new ArrayList<>(raw.size());
		for (Object[] row : raw) {
			long id = ((Number) row[1]).longValue();
			rows.add(snapshotRow(run, row, names.get(id), decisions.get(id)));
		}
		return rows;
	}

	private static SnapshotRow snapshotRow(RunSummary run, Object[] r, String name, BzDecision decision) {
		long days = ChronoUnit.DAYS.between(run.from(), run.to()) + 1;
		BigDecimal perYear = BigDecimal.valueOf(365).divide(BigDecimal.valueOf(days), 10, RoundingMode.HALF_UP);
		BigDecimal revenue = decimal(r[4]);
		BigDecimal netProfit = decimal(r[14]);
		BigDecimal annualSales = revenue.multiply(perYear).setScale(2, RoundingMode.HALF_UP);
		BigDecimal spend = (r[18] != null) ? decimal(r[18]) : null;
		LocalDate first = (LocalDate) r[16];
		Double years = (first != null) ? Math.round(ChronoUnit.DAYS.between(first, run.to()) / 365.25 * 10) / 10.0
				: null;
		BigDecimal total = run.pareto().totalValue();
		double cumulative = (total.signum() != 0) ? decimal(r[8]).divide(total, 6, RoundingMode.HALF_UP).doubleValue()
				: 0;
		return new SnapshotRow(run.id(), ((Number) r[1]).longValue(), name, ((Number) r[2]).longValue(), decimal(r[3]),
				revenue, annualSales, decimal(r[5]), decimal(r[6]), (r[7] != null) ? decimal(r[7]) : null, cumulative,
				Tier.valueOf(r[9].toString().strip()), AbcClass.valueOf(r[10].toString().strip()),
				AbcClass.valueOf(r[11].toString().strip()), ValueGrowth.valueOf(r[12].toString().strip()),
				decimal(r[13]), netProfit, decimal(r[15]), first, years,
				netProfit.multiply(perYear).setScale(2, RoundingMode.HALF_UP), decimal(r[17]),
				(spend != null && spend.signum() > 0) ? annualSales.divide(spend, 4, RoundingMode.HALF_UP) : null,
				decision);
	}

	private static BigDecimal decimal(Object value) {
		return (value instanceof BigDecimal big) ? big : new BigDecimal(value.toString());
	}

	/**
	 * Counts per tier, ABC class and value × growth class among the reader's accounts,
	 * with the 80/20 headline of their portfolio.
	 */
	public RunSummary scopedSummary(RecordScope scope, long runId) {
		return scoped(scope, List.of(this.runs.summary(runId))).get(0);
	}

	/**
	 * Company-wide runs, newest first, each as {@link #scopedSummary} tells it: a reader
	 * who does not see everything gets the counts and the value of their own customers,
	 * never the company's.
	 */
	public List<RunSummary> scopedRuns(RecordScope scope, int limit) {
		return scoped(scope, this.runs.runs(limit));
	}

	/**
	 * The runs recomputed among the scope's accounts with one query for the counts and
	 * one for the 80/20 headline, whatever the number of runs.
	 */
	private List<RunSummary> scoped(RecordScope scope, List<RunSummary> runs) {
		if (scope.all() || runs.isEmpty()) {
			return runs;
		}
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "s.account_id");
		List<Long> ids = runs.stream().map(RunSummary::id).toList();
		Map<Long, Figures> figures = new HashMap<>();
		for (Long id : ids) {
			figures.put(id, new Figures());
		}
		this.jdbc
			.sql("select s.run_id, s.tier, s.abc, s.value_growth, count(*), coalesce(sum(s.amount), 0)"
					+ " from segmentation_snapshot s where s.run_id in (:runs) and " + scopeSql.condition()
					+ " group by s.run_id, s.tier, s.abc, s.value_growth")
			.params(scopeSql.params())
			.param("runs", ids)
			.query((ResultSet rs) -> {
				Figures run = figures.get(rs.getLong(1));
				long count = rs.getLong(5);
				run.pyramid.merge(rs.getString(2).strip(), count, Long::sum);
				run.abc.merge(rs.getString(3).strip(), count, Long::sum);
				run.growth.merge(rs.getString(4).strip(), count, Long::sum);
				run.accounts += count;
				run.total = run.total.add(rs.getBigDecimal(6));
			});
		// The first rank at which the running sum reaches 80% of the scope's total, per
		// run: the same threshold as SnapshotWriter.eightyPercentOf, worked out in SQL.
		this.jdbc.sql("""
				select x.run_id, min(x.k) from (
				    select s.run_id, row_number() over (partition by s.run_id order by s.rank_no) as k,
				           sum(s.amount) over (partition by s.run_id order by s.rank_no
				                               rows between unbounded preceding and current row) as c,
				           sum(s.amount) over (partition by s.run_id) as t
				    from segmentation_snapshot s where s.run_id in (:runs) and %s) x
				where x.t > 0 and x.c >= x.t * 0.8
				group by x.run_id""".formatted(scopeSql.condition()))
			.params(scopeSql.params())
			.param("runs", ids)
			.query((ResultSet rs) -> {
				figures.get(rs.getLong(1)).for80 = rs.getLong(2);
			});
		List<RunSummary> scoped = new ArrayList<>();
		for (RunSummary run : runs) {
			Figures in = figures.get(run.id());
			long for80 = (in.total.signum() > 0) ? in.for80 : 0;
			scoped.add(new RunSummary(run.id(), run.from(), run.to(), run.priorFrom(), run.priorTo(), run.measure(),
					in.accounts, in.pyramid, in.abc, in.growth,
					new RunSummary.Pareto(SegmentationRuns.share(for80, in.accounts), for80, in.total), run.startedBy(),
					run.startedAt(), run.durationMillis(), true));
		}
		return scoped;
	}

	/** One run's figures among the scope's accounts, as the queries add them up. */
	private static final class Figures {

		final Map<String, Long> pyramid = zeros(Tier.values());

		final Map<String, Long> abc = zeros(AbcClass.values());

		final Map<String, Long> growth = zeros(ValueGrowth.values());

		long accounts;

		BigDecimal total = BigDecimal.ZERO;

		long for80;

	}

	private static Map<String, Long> zeros(Enum<?>[] values) {
		Map<String, Long> map = new LinkedHashMap<>();
		for (Enum<?> value : values) {
			map.put(value.name(), 0L);
		}
		return map;
	}

	/**
	 * The Pareto curve of the reader's accounts: about {@code points} points of (share of
	 * customers, share of value), from the best customer down, ending at (1, 1).
	 */
	public List<double[]> paretoCurve(RecordScope scope, long runId, int points) {
		RunSummary scoped = scopedSummary(scope, runId);
		long n = scoped.accounts();
		BigDecimal total = scoped.pareto().totalValue();
		List<double[]> curve = new ArrayList<>();
		curve.add(new double[] { 0, 0 });
		if (n == 0 || total.signum() == 0) {
			return curve;
		}
		long step = Math.max(1, n / points);
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "s.account_id");
		this.jdbc.sql("""
				select k, c from (
				    select row_number() over (order by s.rank_no) as k,
				           sum(s.amount) over (order by s.rank_no rows between unbounded preceding and current row) as c
				    from segmentation_snapshot s where s.run_id = :run and %s) x
				where mod(k, :step) = 0 or k = :n order by k""".formatted(scopeSql.condition()))
			.params(scopeSql.params())
			.param("run", runId)
			.param("step", step)
			.param("n", n)
			.query((ResultSet rs) -> {
				curve.add(new double[] { rs.getLong(1) / (double) n,
						rs.getBigDecimal(2).divide(total, 6, RoundingMode.HALF_UP).doubleValue() });
			});
		return curve;
	}

}
