package io.dakehu.retention;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dakehu.account.AccountNameSql;
import io.dakehu.identity.CurrentUser;
import io.dakehu.shared.NoticeRequested;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.audit.AuditTrail;
import io.dakehu.shared.outbound.EventType;
import io.dakehu.shared.outbound.RecordEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starting churn-risk runs and reading the list of runs. A run always scores every
 * customer of the company, so a level means the same for every viewer; readers filter by
 * their scope. A customer that rises into high risk in today's run is told to its owner
 * and the owner's manager, once per rise.
 */
@Service
@Transactional(readOnly = true)
public class ChurnRuns {

	static final String SYSTEM = "system";

	static final String NOTICE_KIND = "churn.high";

	private final JdbcClient jdbc;

	private final ChurnScoreWriter writer;

	private final ApplicationEventPublisher events;

	private final AuditTrail audit;

	private final Clock clock;

	ChurnRuns(JdbcClient jdbc, ChurnScoreWriter writer, ApplicationEventPublisher events, AuditTrail audit,
			Clock clock) {
		this.jdbc = jdbc;
		this.writer = writer;
		this.events = events;
		this.audit = audit;
		this.clock = clock;
	}

	/** Scores every customer now. Managers, directors and administrators may. */
	@Transactional
	public ChurnRun run(CurrentUser me) {
		if (!me.managesOthers()) {
			throw new AccessDeniedException("Only managers start churn-risk runs");
		}
		return runAsOf(LocalDate.now(this.clock), me.username());
	}

	/** The nightly run, started by the system. */
	@Transactional
	public ChurnRun runNightly() {
		return runAsOf(LocalDate.now(this.clock), SYSTEM);
	}

	/**
	 * Scores every customer as of a day. A day before today judges complaints at its end
	 * and tells nobody: it rebuilds history, it is not news.
	 */
	@Transactional
	ChurnRun runAsOf(LocalDate asOf, String startedBy) {
		LocalDateTime now = LocalDateTime.now(this.clock);
		boolean today = !asOf.isBefore(now.toLocalDate());
		LocalDateTime at = today ? now : asOf.plusDays(1).atStartOfDay();
		long id = this.writer.write(asOf, at, startedBy, now);
		ChurnRun run = get(id);
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("asOf", asOf);
		values.put("accounts", run.accounts());
		values.put("high", run.high());
		this.audit.created("ChurnRun", id, null, values);
		if (today) {
			previous(run).ifPresentOrElse((before) -> tellRisers(run, before), () -> tellRisers(run, null));
		}
		return run;
	}

	/**
	 * The run before this one in the history: the latest by day, then by start, before
	 * it.
	 */
	private Optional<Long> previous(ChurnRun run) {
		return this.jdbc.sql("""
				select id from churn_run
				where id <> :id and (as_of < :asOf or (as_of = :asOf and id < :id))
				order by as_of desc, id desc limit 1""")
			.param("id", run.id())
			.param("asOf", run.asOf())
			.query(Long.class)
			.optional();
	}

	/**
	 * Tells the owner (and the owner's manager) of every customer high in this run and
	 * not high in the run before. The key names the account and the run, so a notice
	 * reaches each person once even when delivered twice.
	 */
	private void tellRisers(ChurnRun run, Long before) {
		String sql = """
				select n.account_id, n.owner_id, n.score, %s as account_name
				from churn_score n
				%s
				where n.run_id = :run and n.risk_level = 'HIGH' and n.owner_id is not null
				  and not exists (select 1 from churn_score o where o.run_id = :before and o.account_id = n.account_id
				                  and o.risk_level = 'HIGH')""".formatted(AccountNameSql.name("an"),
				AccountNameSql.join("an", "n.account_id"));
		this.jdbc.sql(sql).param("run", run.id()).param("before", (before != null) ? before : -1L).query((rs) -> {
			long account = rs.getLong(1);
			this.events.publishEvent(new NoticeRequested(List.of(rs.getLong(2)), true, NOTICE_KIND,
					"notice." + NOTICE_KIND, List.of(rs.getString(4), Integer.toString(rs.getInt(3))),
					"/accounts/" + account, NOTICE_KIND + ":" + account + ":" + run.id()));
		});
		// Other systems hear of every riser, owned or in the pool, written set-based.
		this.events.publishEvent(new RecordEvents(EventType.CHURN_RISK_HIGH,
				"""
						select n.account_id as record_id,
						       '{"score":' || cast(n.score as varchar(10)) || ',"previousLevel":'
						       || coalesce('"' || o.risk_level || '"', 'null') || ',"runId":' || cast(n.run_id as varchar(20))
						       || '}' as payload
						from churn_score n
						left join churn_score o on o.run_id = :churnBefore and o.account_id = n.account_id
						where n.run_id = :churnRun and n.risk_level = 'HIGH' and (o.risk_level is null or o.risk_level <> 'HIGH')""",
				Map.of("churnRun", run.id(), "churnBefore", (before != null) ? before : -1L)));
	}

	public ChurnRun get(long id) {
		return this.jdbc.sql(RUN_SQL + " where id = :id")
			.param("id", id)
			.query(ChurnRuns::row)
			.optional()
			.orElseThrow(() -> new NotFoundException("ChurnRun", id));
	}

	/** The newest run, the one the at-risk list shows. */
	public Optional<ChurnRun> latest() {
		return this.jdbc.sql(RUN_SQL + " order by as_of desc, id desc limit 1").query(ChurnRuns::row).optional();
	}

	/** Runs, newest first. */
	public List<ChurnRun> runs(int limit) {
		return this.jdbc.sql(RUN_SQL + " order by as_of desc, id desc limit :limit")
			.param("limit", limit)
			.query(ChurnRuns::row)
			.list();
	}

	private static final String RUN_SQL = """
			select id, as_of, started_by, started_at, duration_millis, accounts, high_count, medium_count, low_count
			from churn_run""";

	private static ChurnRun row(ResultSet rs, int n) throws SQLException {
		return new ChurnRun(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getString(3),
				rs.getTimestamp(4).toLocalDateTime(), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
				rs.getLong(9));
	}

}
