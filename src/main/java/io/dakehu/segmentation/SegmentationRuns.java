package io.dakehu.segmentation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dakehu.identity.CurrentUser;
import io.dakehu.order.PurchaseHistory;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.audit.AuditTrail;
import io.dakehu.shared.outbound.EventType;
import io.dakehu.shared.outbound.RecordEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starting segmentation runs and reading the record each run leaves. Starting is kept
 * apart from reading what a run says ({@link Snapshots}, {@link Standings}) because it
 * alone decides the period, writes and audits; every reader only needs a run's summary. A
 * run always ranks the whole company, so a tier means the same for every viewer.
 */
@Service
@Transactional(readOnly = true)
public class SegmentationRuns {

	static final String SYSTEM = "system";

	private final JdbcClient jdbc;

	private final SnapshotWriter writer;

	private final SettingsStore settings;

	private final PurchaseHistory purchases;

	private final AuditTrail audit;

	private final Clock clock;

	private final ApplicationEventPublisher publisher;

	SegmentationRuns(JdbcClient jdbc, SnapshotWriter writer, SettingsStore settings, PurchaseHistory purchases,
			AuditTrail audit, Clock clock, ApplicationEventPublisher publisher) {
		this.jdbc = jdbc;
		this.writer = writer;
		this.settings = settings;
		this.purchases = purchases;
		this.audit = audit;
		this.clock = clock;
		this.publisher = publisher;
	}

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
		long id = this.writer.write(period, measure, this.settings.settings(), owners, startedBy,
				LocalDateTime.now(this.clock));
		RunSummary summary = summary(id);
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("from", summary.from());
		values.put("to", summary.to());
		values.put("measure", measure.name());
		values.put("accounts", summary.accounts());
		this.audit.created("SegmentationRun", id, null, values);
		if (owners == null) {
			// Only a company-wide run sets the tiers the contact plan reads.
			long previous = previousRunId(id);
			this.publisher.publishEvent(TiersChanged.afterRun(id, previous));
			this.publisher.publishEvent(tierChanges(id, previous));
		}
		return summary;
	}

	/**
	 * One event per account whose tier differs from the previous company-wide run's (or
	 * that run did not rank), written by the outbox set-based. The tiers are codes, safe
	 * inside a JSON string as they are.
	 */
	private RecordEvents tierChanges(long runId, long previous) {
		return new RecordEvents(EventType.ACCOUNT_TIER_CHANGED, """
				select s.account_id as record_id,
				       '{"tier":"' || s.tier || '","previousTier":' || coalesce('"' || p.tier || '"', 'null')
				       || ',"runId":' || cast(s.run_id as varchar(20)) || '}' as payload
				from segmentation_snapshot s
				left join segmentation_snapshot p on p.account_id = s.account_id and p.run_id = :tierPreviousRun
				where s.run_id = :tierRun and (p.tier is null or p.tier <> s.tier)""",
				Map.of("tierRun", runId, "tierPreviousRun", previous));
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
			.query(SegmentationRuns::runRow)
			.optional()
			.orElseThrow(() -> new NotFoundException("SegmentationRun", id));
	}

	/** The newest company-wide run, the one that decides each account's tier. */
	public Optional<RunSummary> latest() {
		return this.jdbc.sql(RUN_SQL + " where population is null order by started_at desc, id desc limit 1")
			.query(SegmentationRuns::runRow)
			.optional();
	}

	/** Company-wide runs, newest first. */
	public List<RunSummary> runs(int limit) {
		return this.jdbc.sql(RUN_SQL + " where population is null order by started_at desc, id desc limit :limit")
			.param("limit", limit)
			.query(SegmentationRuns::runRow)
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

	/** The company-wide run before the given one, -1 when there is none. */
	private long previousRunId(long runId) {
		return this.jdbc
			.sql("select id from segmentation_run where population is null and id <> :run"
					+ " order by started_at desc, id desc limit 1")
			.param("run", runId)
			.query(Long.class)
			.optional()
			.orElse(-1L);
	}

	/** The id of the latest company-wide run, for SQL that filters by tier. */
	Optional<Long> latestRunId() {
		return this.jdbc
			.sql("select id from segmentation_run where population is null order by started_at desc, id desc"
					+ " limit 1")
			.query(Long.class)
			.optional();
	}

}
