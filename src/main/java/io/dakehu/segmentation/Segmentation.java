package io.dakehu.segmentation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.order.PurchaseHistory;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Segmentation runs and what they say: the public face of the module for its pages, its
 * API and other modules. Reads are limited to the reader's record scope in SQL; a run
 * itself always ranks the whole company, so a tier means the same for every viewer.
 */
@Service
@Transactional(readOnly = true)
public class Segmentation {

	static final String SYSTEM = "system";

	private final JdbcClient jdbc;

	private final SnapshotWriter writer;

	private final AccountQueries accounts;

	private final PurchaseHistory purchases;

	private final BzDecisions decisions;

	private final AuditTrail audit;

	private final Clock clock;

	Segmentation(JdbcClient jdbc, SnapshotWriter writer, AccountQueries accounts, PurchaseHistory purchases,
			BzDecisions decisions, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.writer = writer;
		this.accounts = accounts;
		this.purchases = purchases;
		this.decisions = decisions;
		this.audit = audit;
		this.clock = clock;
	}

	// ---------------------------------------------------------------- runs

	/**
	 * Runs a company-wide segmentation now. Managers, directors and administrators may; a
	 * KAM sees the results but does not start runs.
	 */
	@Transactional
	public RunSummary run(CurrentUser me, RunRequest request) {
		if (!me.managesOthers()) {
			throw new AccessDeniedException("Only managers start segmentation runs");
		}
		return runFor(null, request, me.username());
	}

	/** The nightly run: default period and measure, started by the system. */
	@Transactional
	public RunSummary runNightly() {
		return runFor(null, new RunRequest(null, null, null), SYSTEM);
	}

	/**
	 * A run over the accounts of the given owners only (or all when null). Restricted
	 * runs never count as the company's standing; they let a test rank exactly the
	 * population it built.
	 */
	@Transactional
	RunSummary runFor(Collection<Long> owners, RunRequest request, String startedBy) {
		SnapshotWriter.Period period = period(request);
		Measure measure = (request.measure() != null) ? request.measure() : Measure.REVENUE;
		long id = this.writer.write(period, measure, settings(), owners, startedBy, LocalDateTime.now(this.clock));
		RunSummary summary = summary(id);
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("from", summary.from());
		values.put("to", summary.to());
		values.put("measure", measure.name());
		values.put("accounts", summary.accounts());
		this.audit.created("SegmentationRun", id, null, values);
		return summary;
	}

	private SnapshotWriter.Period period(RunRequest request) {
		if (request.from() != null && request.to() != null) {
			return new SnapshotWriter.Period(request.from(), request.to());
		}
		LocalDate to = request.to();
		if (to == null) {
			to = (request.from() != null) ? request.from().plusYears(1).minusDays(1) : lastTwelveMonthsEnd();
		}
		LocalDate from = (request.from() != null) ? request.from() : to.minusYears(1).plusDays(1);
		return new SnapshotWriter.Period(from, to);
	}

	/**
	 * The default period is the last 12 months, ending today. A ledger with no purchase
	 * in them (no longer fed, or a demo set from another year) ends at its newest
	 * purchase instead, so the picture shows the latest year there is rather than an
	 * empty one.
	 */
	private LocalDate lastTwelveMonthsEnd() {
		LocalDate today = LocalDate.now(this.clock);
		LocalDate newest = this.purchases.newestPurchase(today).orElse(null);
		boolean stale = newest != null && newest.isBefore(today.minusYears(1).plusDays(1));
		return stale ? newest : today;
	}

	public RunSummary summary(long id) {
		return this.jdbc.sql(RUN_SQL + " where id = :id")
			.param("id", id)
			.query(Segmentation::runRow)
			.optional()
			.orElseThrow(() -> new NotFoundException("SegmentationRun", id));
	}

	/** The newest company-wide run, the one that decides each account's tier. */
	public Optional<RunSummary> latest() {
		return this.jdbc.sql(RUN_SQL + " where population is null order by started_at desc, id desc limit 1")
			.query(Segmentation::runRow)
			.optional();
	}

	/** Company-wide runs, newest first. */
	public List<RunSummary> runs(int limit) {
		return this.jdbc.sql(RUN_SQL + " where population is null order by started_at desc, id desc limit :limit")
			.param("limit", limit)
			.query(Segmentation::runRow)
			.list();
	}

	private static final String RUN_SQL = """
			select id, period_from, period_to, prior_from, prior_to, measure, accounts, total_value, customers_for_80,
			       tier_vip, tier_major, tier_ordinary, tier_small, abc_a, abc_b, abc_c, vg_vip, vg_mgc, vg_bz, vg_stable,
			       started_by, started_at, duration_millis, vg_new
			from segmentation_run""";

	private static RunSummary runRow(ResultSet rs, int n) throws SQLException {
		long accounts = rs.getLong(7);
		Map<String, Long> pyramid = new LinkedHashMap<>();
		pyramid.put("VIP", rs.getLong(10));
		pyramid.put("MAJOR", rs.getLong(11));
		pyramid.put("ORDINARY", rs.getLong(12));
		pyramid.put("SMALL", rs.getLong(13));
		Map<String, Long> abc = new LinkedHashMap<>();
		abc.put("A", rs.getLong(14));
		abc.put("B", rs.getLong(15));
		abc.put("C", rs.getLong(16));
		Map<String, Long> growth = new LinkedHashMap<>();
		growth.put("VIP", rs.getLong(17));
		growth.put("BZ", rs.getLong(19));
		growth.put("NEW", rs.getLong(24));
		growth.put("MGC", rs.getLong(18));
		growth.put("STABLE", rs.getLong(20));
		long for80 = rs.getLong(9);
		return new RunSummary(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getDate(3).toLocalDate(),
				rs.getDate(4).toLocalDate(), rs.getDate(5).toLocalDate(), Measure.valueOf(rs.getString(6)), accounts,
				pyramid, abc, growth, new RunSummary.Pareto(share(for80, accounts), for80, rs.getBigDecimal(8)),
				rs.getString(21), rs.getTimestamp(22).toLocalDateTime(), rs.getLong(23), false);
	}

	static double share(long part, long whole) {
		return (whole == 0) ? 0
				: BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).doubleValue();
	}

	// ---------------------------------------------------------------- snapshot rows

	/**
	 * The accounts of a run the reader may see, best first, optionally of one tier, ABC
	 * class or value × growth class.
	 */
	public PageResult<SnapshotRow> accounts(RecordScope scope, long runId, Tier tier, AbcClass abc, ValueGrowth growth,
			PageRequest page) {
		RunSummary run = summary(runId);
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
		RunSummary run = summary(runId);
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "s.account_id");
		Map<String, Object> params = new HashMap<>(scopeSql.params());
		params.put("run", runId);
		params.put("limit", limit);
		return rows(run, SNAPSHOT_SQL + " where s.run_id = :run and " + scopeSql.condition() + condition + " order by "
				+ order + " limit :limit", params);
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

	// ---------------------------------------------------------------- scoped figures

	/**
	 * Counts per tier, ABC class and value × growth class among the reader's accounts,
	 * with the 80/20 headline of their portfolio.
	 */
	public RunSummary scopedSummary(RecordScope scope, long runId) {
		RunSummary run = summary(runId);
		if (scope.all()) {
			return run;
		}
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "s.account_id");
		Map<String, Long> pyramid = zeros(Tier.values());
		Map<String, Long> abc = zeros(AbcClass.values());
		Map<String, Long> growth = zeros(ValueGrowth.values());
		BigDecimal[] total = { BigDecimal.ZERO };
		long[] accounts = { 0 };
		this.jdbc
			.sql("select s.tier, s.abc, s.value_growth, count(*), coalesce(sum(s.amount), 0)"
					+ " from segmentation_snapshot s where s.run_id = :run and " + scopeSql.condition()
					+ " group by s.tier, s.abc, s.value_growth")
			.params(scopeSql.params())
			.param("run", runId)
			.query((ResultSet rs) -> {
				long count = rs.getLong(4);
				pyramid.merge(rs.getString(1).strip(), count, Long::sum);
				abc.merge(rs.getString(2).strip(), count, Long::sum);
				growth.merge(rs.getString(3).strip(), count, Long::sum);
				accounts[0] += count;
				total[0] = total[0].add(rs.getBigDecimal(5));
			});
		long for80 = 0;
		if (total[0].signum() > 0) {
			Long rank = this.jdbc
				.sql("""
						select min(k) from (
						    select row_number() over (order by s.rank_no) as k,
						           sum(s.amount) over (order by s.rank_no rows between unbounded preceding and current row) as c
						    from segmentation_snapshot s where s.run_id = :run and %s) x
						where x.c >= :threshold"""
					.formatted(scopeSql.condition()))
				.params(scopeSql.params())
				.param("run", runId)
				.param("threshold", SnapshotWriter.eightyPercentOf(total[0]))
				.query(Long.class)
				.single();
			for80 = (rank != null) ? rank : 0;
		}
		return new RunSummary(run.id(), run.from(), run.to(), run.priorFrom(), run.priorTo(), run.measure(),
				accounts[0], pyramid, abc, growth, new RunSummary.Pareto(share(for80, accounts[0]), for80, total[0]),
				run.startedBy(), run.startedAt(), run.durationMillis(), true);
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

	// ---------------------------------------------------------------- migration

	/**
	 * Tier migration between two runs among the reader's accounts: counts per (earlier
	 * tier, later tier), where a null tier means the account was not ranked in that run
	 * (in or out).
	 */
	public List<Movement> migration(RecordScope scope, long fromRun, long toRun) {
		summary(fromRun);
		summary(toRun);
		AccountScopeSql later = AccountScopeSql.of(scope, "b.account_id");
		AccountScopeSql earlier = AccountScopeSql.of(scope, "a.account_id");
		List<Movement> moves = new ArrayList<>();
		String sql = """
				select a.tier, b.tier, count(*) from segmentation_snapshot b
				left join segmentation_snapshot a on a.run_id = :fromRun and a.account_id = b.account_id
				where b.run_id = :toRun and %s group by a.tier, b.tier
				union all
				select a.tier, null, count(*) from segmentation_snapshot a
				where a.run_id = :fromRun and %s
				  and not exists (select 1 from segmentation_snapshot b where b.run_id = :toRun and b.account_id = a.account_id)
				group by a.tier"""
			.formatted(later.condition(), earlier.condition());
		this.jdbc.sql(sql)
			.params(later.params())
			.param("fromRun", fromRun)
			.param("toRun", toRun)
			.query((ResultSet rs) -> {
				moves.add(new Movement(tier(rs.getString(1)), tier(rs.getString(2)), rs.getLong(3)));
			});
		return moves;
	}

	/**
	 * The reader's accounts that changed tier between two runs (optionally from and to
	 * given tiers; "in" and "out" as null), best later rank first.
	 */
	public List<Move> movers(RecordScope scope, long fromRun, long toRun, String fromTier, String toTier, int limit) {
		summary(fromRun);
		summary(toRun);
		AccountScopeSql later = AccountScopeSql.of(scope, "b.account_id");
		AccountScopeSql earlier = AccountScopeSql.of(scope, "a.account_id");
		Map<String, Object> params = new HashMap<>(later.params());
		params.put("fromRun", fromRun);
		params.put("toRun", toRun);
		params.put("limit", limit);
		StringBuilder filterLater = new StringBuilder();
		StringBuilder filterEarlier = new StringBuilder();
		boolean wantsOut = "OUT".equals(toTier);
		boolean wantsIn = "IN".equals(fromTier);
		if (StringUtils.hasText(fromTier) && !wantsIn) {
			filterLater.append(" and a.tier = :fromTier");
			filterEarlier.append(" and a.tier = :fromTier");
			params.put("fromTier", Tier.valueOf(fromTier).name());
		}
		if (wantsIn) {
			filterLater.append(" and a.tier is null");
		}
		if (StringUtils.hasText(toTier) && !wantsOut) {
			filterLater.append(" and b.tier = :toTier");
			params.put("toTier", Tier.valueOf(toTier).name());
		}
		List<Move> moves = new ArrayList<>();
		String sql = """
				select b.account_id, a.tier as from_tier, b.tier as to_tier, a.rank_no as from_rank, b.rank_no as to_rank
				from segmentation_snapshot b
				left join segmentation_snapshot a on a.run_id = :fromRun and a.account_id = b.account_id
				where b.run_id = :toRun and %s and (a.tier is null or a.tier <> b.tier)%s"""
			.formatted(later.condition(), filterLater);
		String out = """
				select a.account_id, a.tier as from_tier, null as to_tier, a.rank_no as from_rank, null as to_rank
				from segmentation_snapshot a
				where a.run_id = :fromRun and %s%s
				  and not exists (select 1 from segmentation_snapshot b where b.run_id = :toRun and b.account_id = a.account_id)
				"""
			.formatted(earlier.condition(), filterEarlier);
		String query = wantsOut ? out : (StringUtils.hasText(toTier) || wantsIn) ? sql : sql + " union all " + out;
		this.jdbc.sql("select * from (" + query + ") m order by m.to_rank, m.from_rank limit :limit")
			.params(params)
			.query((ResultSet rs) -> {
				moves.add(new Move(rs.getLong(1), null, tier(rs.getString(2)), tier(rs.getString(3)),
						rs.getObject(4, Long.class), rs.getObject(5, Long.class)));
			});
		Map<Long, String> names = this.accounts.names(moves.stream().map(Move::accountId).toList());
		return moves.stream()
			.map((m) -> new Move(m.accountId(), names.get(m.accountId()), m.from(), m.to(), m.fromRank(), m.toRank()))
			.toList();
	}

	private static Tier tier(String code) {
		return (code != null) ? Tier.valueOf(code.strip()) : null;
	}

	/** How many accounts went from one tier to another; null is "not ranked". */
	public record Movement(Tier from, Tier to, long accounts) {
	}

	/** One account that changed tier. */
	public record Move(long accountId, String accountName, Tier from, Tier to, Long fromRank, Long toRank) {

		/** Up means towards VIP; entering counts as up, leaving as down. */
		public boolean up() {
			if (this.from == null) {
				return true;
			}
			return this.to != null && this.to.ordinal() < this.from.ordinal();
		}

	}

	// ---------------------------------------------------------------- one account

	/**
	 * The account's standing in the latest company-wide run with its service level.
	 * @throws NotFoundException when the reader may not see the account
	 */
	public AccountStanding standing(RecordScope scope, long accountId) {
		this.accounts.requireVisible(scope, accountId);
		SegmentationSettings settings = settings();
		Optional<RunSummary> latest = latest();
		SnapshotRow row = latest
			.flatMap((run) -> rows(run, SNAPSHOT_SQL + " where s.run_id = :run and s.account_id = :id",
					Map.of("run", run.id(), "id", accountId))
				.stream()
				.findFirst())
			.orElse(null);
		Tier tier = (row != null) ? row.tier() : Tier.SMALL;
		AccountStanding.Pin pin = this.jdbc
			.sql("select reason, pinned_by, pinned_at from segmentation_pin where account_id = :id")
			.param("id", accountId)
			.query((rs, n) -> new AccountStanding.Pin(rs.getString(1), rs.getString(2),
					rs.getTimestamp(3).toLocalDateTime()))
			.optional()
			.orElse(null);
		BigDecimal spend = this.jdbc.sql("select annual_spend from segmentation_wallet where account_id = :id")
			.param("id", accountId)
			.query(BigDecimal.class)
			.optional()
			.orElse(null);
		return new AccountStanding(accountId, row, latest.orElse(null), tier, settings.cadenceDays(tier), pin, spend);
	}

	/**
	 * Tiers of the given accounts in the latest company-wide run, for lists. The caller
	 * has limited the ids to the reader's scope; accounts never ranked are absent.
	 */
	public Map<Long, Tier> tiersOf(Collection<Long> accountIds) {
		Map<Long, Tier> tiers = new HashMap<>();
		Optional<RunSummary> latest = latest();
		if (accountIds.isEmpty() || latest.isEmpty()) {
			return tiers;
		}
		this.jdbc.sql("select account_id, tier from segmentation_snapshot where run_id = :run and account_id in (:ids)")
			.param("run", latest.get().id())
			.param("ids", Set.copyOf(accountIds))
			.query((ResultSet rs) -> {
				tiers.put(rs.getLong(1), Tier.valueOf(rs.getString(2).strip()));
			});
		return tiers;
	}

	/**
	 * The latest company-wide run's tiers with their contact cadence, for other modules'
	 * set-based reports (the home page's contacts due).
	 */
	public TierSql latestTierSql() {
		return TierSql.of(latestRunId().orElse(null), settings());
	}

	/** The id of the latest company-wide run, for SQL that filters by tier. */
	Optional<Long> latestRunId() {
		return this.jdbc
			.sql("select id from segmentation_run where population is null order by started_at desc, id desc"
					+ " limit 1")
			.query(Long.class)
			.optional();
	}

	/**
	 * Pins the account to ABC class B as strategic, whatever its value, from the next run
	 * on. Managers, directors and administrators may; the reason is required and audited.
	 */
	@Transactional
	public void pin(CurrentUser me, long accountId, String reason) {
		requireManager(me);
		this.accounts.requireVisible(me.scope(), accountId);
		if (!StringUtils.hasText(reason)) {
			throw new RuleViolationException("reason", "validation.segmentation.reasonRequired");
		}
		String text = reason.strip();
		if (text.length() > 500) {
			throw new RuleViolationException("reason", "validation.segmentation.reasonTooLong", 500);
		}
		Map<String, Object> before = pinValues(accountId);
		this.jdbc.sql("delete from segmentation_pin where account_id = :id").param("id", accountId).update();
		this.jdbc.sql("""
				insert into segmentation_pin (account_id, reason, pinned_by, pinned_at)
				values (:id, :reason, :by, :at)""")
			.param("id", accountId)
			.param("reason", text)
			.param("by", me.username())
			.param("at", LocalDateTime.now(this.clock))
			.update();
		this.audit.changed("SegmentationPin", accountId, accountId, before, pinValues(accountId));
	}

	@Transactional
	public void unpin(CurrentUser me, long accountId) {
		requireManager(me);
		this.accounts.requireVisible(me.scope(), accountId);
		Map<String, Object> before = pinValues(accountId);
		this.jdbc.sql("delete from segmentation_pin where account_id = :id").param("id", accountId).update();
		this.audit.changed("SegmentationPin", accountId, accountId, before, pinValues(accountId));
	}

	private Map<String, Object> pinValues(long accountId) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("strategicPin", "false");
		values.put("pinReason", null);
		this.jdbc.sql("select reason from segmentation_pin where account_id = :id")
			.param("id", accountId)
			.query(String.class)
			.optional()
			.ifPresent((reason) -> {
				values.put("strategicPin", "true");
				values.put("pinReason", reason);
			});
		return values;
	}

	/**
	 * Records the decision for a customer that is BZ in the latest company-wide run:
	 * develop or let go, why, who follows it up and when decided (DOMAIN.md §3.4).
	 * Managers, directors and administrators decide; audited on the account.
	 * @throws NotFoundException when the reader may not see the account
	 */
	@Transactional
	public void decideBz(CurrentUser me, long accountId, BzDecisionInput input) {
		this.accounts.requireVisible(me.scope(), accountId);
		Optional<RunSummary> latest = latest();
		boolean bz = latest.isPresent() && this.jdbc.sql("""
				select count(*) from segmentation_snapshot
				where run_id = :run and account_id = :id and value_growth = 'BZ'""")
			.param("run", latest.get().id())
			.param("id", accountId)
			.query(Long.class)
			.single() > 0;
		this.decisions.record(me, accountId, latest.map(RunSummary::id).orElse(0L), bz, input);
	}

	/**
	 * Records what the customer spends on our kind of products in a year, the base of
	 * share of wallet; null forgets it. Anyone who may see the account may; audited.
	 */
	@Transactional
	public void recordWallet(CurrentUser me, long accountId, BigDecimal annualSpend) {
		this.accounts.requireVisible(me.scope(), accountId);
		if (annualSpend != null && annualSpend.signum() <= 0) {
			throw new RuleViolationException("annualSpend", "validation.segmentation.positive");
		}
		BigDecimal before = this.jdbc.sql("select annual_spend from segmentation_wallet where account_id = :id")
			.param("id", accountId)
			.query(BigDecimal.class)
			.optional()
			.orElse(null);
		this.jdbc.sql("delete from segmentation_wallet where account_id = :id").param("id", accountId).update();
		if (annualSpend != null) {
			this.jdbc.sql("""
					insert into segmentation_wallet (account_id, annual_spend, updated_by, updated_at)
					values (:id, :spend, :by, :at)""")
				.param("id", accountId)
				.param("spend", annualSpend)
				.param("by", me.username())
				.param("at", LocalDateTime.now(this.clock))
				.update();
		}
		Map<String, Object> old = new HashMap<>();
		old.put("walletSpend", (before != null) ? before.stripTrailingZeros().toPlainString() : null);
		Map<String, Object> now = new HashMap<>();
		now.put("walletSpend", (annualSpend != null) ? annualSpend.stripTrailingZeros().toPlainString() : null);
		this.audit.changed("SegmentationWallet", accountId, accountId, old, now);
	}

	private static void requireManager(CurrentUser me) {
		if (!me.managesOthers()) {
			throw new AccessDeniedException("Only managers pin accounts");
		}
	}

	// ---------------------------------------------------------------- settings

	public SegmentationSettings settings() {
		return this.jdbc.sql("""
				select vip_percent, major_percent, ordinary_percent, abc_a_percent, abc_b_percent, growth_percent,
				       cadence_vip, cadence_major, cadence_ordinary, cadence_small, clv_discount_percent,
				       clv_horizon_years, version
				from segmentation_settings where id = 1""")
			.query((rs, n) -> new SegmentationSettings(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
					rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getInt(7), rs.getInt(8),
					rs.getInt(9), rs.getInt(10), rs.getBigDecimal(11), rs.getInt(12), rs.getInt(13)))
			.single();
	}

	/**
	 * Saves new thresholds (administrators only), audited field by field. They apply from
	 * the next run; stored runs keep the thresholds they used.
	 * @throws StaleEditException when someone saved in between
	 */
	@Transactional
	public SegmentationSettings updateSettings(CurrentUser me, SegmentationSettings changed) {
		if (!me.isAdmin()) {
			throw new AccessDeniedException("Only administrators change segmentation settings");
		}
		changed.check();
		SegmentationSettings before = settings();
		int updated = this.jdbc
			.sql("""
					update segmentation_settings set vip_percent = :vip, major_percent = :major,
					    ordinary_percent = :ordinary, abc_a_percent = :a, abc_b_percent = :b, growth_percent = :growth,
					    cadence_vip = :cVip, cadence_major = :cMajor, cadence_ordinary = :cOrdinary, cadence_small = :cSmall,
					    clv_discount_percent = :discount, clv_horizon_years = :horizon, version = version + 1
					where id = 1 and version = :version""")
			.param("vip", changed.vipPercent())
			.param("major", changed.majorPercent())
			.param("ordinary", changed.ordinaryPercent())
			.param("a", changed.abcAPercent())
			.param("b", changed.abcBPercent())
			.param("growth", changed.growthPercent())
			.param("cVip", changed.cadenceVip())
			.param("cMajor", changed.cadenceMajor())
			.param("cOrdinary", changed.cadenceOrdinary())
			.param("cSmall", changed.cadenceSmall())
			.param("discount", changed.clvDiscountPercent())
			.param("horizon", changed.clvHorizonYears())
			.param("version", changed.version())
			.update();
		if (updated == 0) {
			throw new StaleEditException("SegmentationSettings", 1L, before.version());
		}
		this.audit.changed("SegmentationSettings", 1, null, before.auditValues(), changed.auditValues());
		return settings();
	}

}
