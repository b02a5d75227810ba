package io.dakehu.segmentation;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Segmentation runs written around the application for tests of other modules that need
 * accounts in given tiers without ranking a whole company's purchases. Each write and
 * each removal publishes {@link TiersChanged}, as a real run does, so read models built
 * on the tiers (the contact plan's due days) follow.
 */
public final class RankedRuns {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final List<Long> written = new ArrayList<>();

	public RankedRuns(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * A company-wide run, the latest, ranking the given accounts as {@code TIER} or
	 * {@code TIER:ABC} (class C when left out); every other account is then unranked, so
	 * Small. Returns the run's id.
	 */
	public long rank(LocalDate today, Map<Long, String> classes) {
		this.jdbc.sql("""
				insert into segmentation_run (period_from, period_to, prior_from, prior_to, measure, vip_percent,
				    major_percent, ordinary_percent, abc_a_percent, abc_b_percent, growth_percent,
				    clv_discount_percent, clv_horizon_years, started_by, started_at)
				values (:from, :to, :priorFrom, :priorTo, 'REVENUE', 1, 5, 20, 80, 95, 20, 8, 5, 'test', :at)""")
			.param("from", today.minusYears(1))
			.param("to", today)
			.param("priorFrom", today.minusYears(2))
			.param("priorTo", today.minusYears(1))
			.param("at", Timestamp.valueOf(LocalDateTime.now().plusSeconds(1)))
			.update();
		long run = this.jdbc.sql("select max(id) from segmentation_run").query(Long.class).single();
		this.written.add(run);
		long rank = 1;
		for (Map.Entry<Long, String> entry : classes.entrySet()) {
			String[] parts = entry.getValue().split(":");
			String abc = (parts.length > 1) ? parts[1] : "C";
			this.jdbc.sql("""
					insert into segmentation_snapshot (run_id, account_id, rank_no, amount, revenue, margin,
					    prior_amount, cumulative_amount, tier, abc, abc_rule, value_growth, contact_cost, net_profit,
					    clv)
					values (:run, :account, :rank, 100, 100, 10, 100, 100, :tier, :abc, :abc, 'STABLE', 0, 10, 10)""")
				.param("run", run)
				.param("account", entry.getKey())
				.param("rank", rank++)
				.param("tier", parts[0])
				.param("abc", abc)
				.update();
		}
		this.events.publishEvent(TiersChanged.everyAccount());
		return run;
	}

	/**
	 * Removes every run this instance wrote, so the tiers are again the real latest
	 * run's.
	 */
	public void forget() {
		for (long run : this.written) {
			this.jdbc.sql("delete from segmentation_snapshot where run_id = :run").param("run", run).update();
			this.jdbc.sql("delete from segmentation_run where id = :run").param("run", run).update();
		}
		if (!this.written.isEmpty()) {
			this.events.publishEvent(TiersChanged.everyAccount());
		}
		this.written.clear();
	}

}
