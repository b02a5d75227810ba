package io.dakehu.pool;

import java.lang.management.ManagementFactory;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.dakehu.support.BenchmarkRuns;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly pool run at a million accounts (issue #17, BENCHMARKS.md "Nightly pool
 * run"): {@link PoolRun#run()} as the nightly job starts it — the accounts returned for
 * want of a follow-up and of a deal, their audit entries, tallies and blocks, the to-do's
 * due days of the accounts that lost their owner, and the owners' warnings delivered as
 * notices after the commit — against the bare SQL selecting the same accounts, on the
 * same embedded PostgreSQL. Data is generated inside PostgreSQL with a fixed seed, and
 * the books other modules keep per account are filled as a start fills them. The run
 * changes the data, so the bare SQL is timed before it and the run once, for two nights:
 * the first after the pool is switched on (about 29 % of the accounts return; its
 * yardstick also the bare update returning the same accounts, rolled back) and the next
 * one (the accounts whose day has come since, and the warnings). Skipped unless asked
 * for:
 *
 * <pre>
 * ./mvnw -B -o test -Dtest=PoolBenchmark -Dbenchmark=true -Dbenchmark.accounts=100000
 * </pre>
 *
 * Options: {@code benchmark.accounts} (default 1,000,000), {@code benchmark.repeats} of
 * the bare SQL (3), {@code benchmark.pgLogMillis} (log the statements slower than this,
 * with their plans, under {@code benchmark.pgLogDirectory}).
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class PoolBenchmark {

	/**
	 * The yardstick: the owned accounts with their tier, latest follow-up and latest
	 * deal, as a plain query would read them, counted by what the run does with them:
	 * those due now (returned) and those due within the warning days (warned); nothing
	 * written.
	 */
	private static final String BARE = """
			with td as (select cast(? as date) as today)
			select count(*) filter (where d.follow_base <= td.today - d.follow_up_days
			                           or d.deal_base <= td.today - d.deal_days) as returned,
			       count(*) filter (where not coalesce(d.follow_base <= td.today - d.follow_up_days
			                                           or d.deal_base <= td.today - d.deal_days, false)
			                          and (d.follow_base <= td.today + 7 - d.follow_up_days
			                               or d.deal_base <= td.today + 7 - d.deal_days)) as warned
			from (select greatest(cast(coalesce(a.owned_since, a.created_at) as date),
			                      cast(lc.last_contact_at as date)) as follow_base,
			             greatest(cast(coalesce(a.owned_since, a.created_at) as date), a.last_purchase_on) as deal_base,
			             r.follow_up_days, r.deal_days
			      from account a
			      left join activity_last_contact lc on lc.account_id = a.id
			      left join segmentation_snapshot s on s.account_id = a.id
			                and s.run_id = (select max(id) from segmentation_run)
			      join pool_rule r on r.tier = coalesce(s.tier, 'SMALL')
			      where a.owner_id is not null and a.archived = false and a.merged_into is null) d
			cross join td""";

	/**
	 * The yardstick of a night that returns many accounts: the same accounts as the bare
	 * selection counts returned, each taken from its owner in one plain update of the
	 * columns a return sets (no audit, blocks or notices), rolled back.
	 */
	private static final String BARE_RETURN = """
			update account set previous_owner_id = owner_id, owner_id = null, owned_since = null,
			       pooled_at = localtimestamp, pool_reason = 'NO_FOLLOW_UP', pool_note = null,
			       updated_at = localtimestamp, version = version + 1
			where id in (select a.id
			             from account a
			             left join activity_last_contact lc on lc.account_id = a.id
			             left join segmentation_snapshot s on s.account_id = a.id
			                       and s.run_id = (select max(id) from segmentation_run)
			             join pool_rule r on r.tier = coalesce(s.tier, 'SMALL')
			             where a.owner_id is not null and a.archived = false and a.merged_into is null
			               and (greatest(cast(coalesce(a.owned_since, a.created_at) as date),
			                             cast(lc.last_contact_at as date)) <= cast(? as date) - r.follow_up_days
			                    or greatest(cast(coalesce(a.owned_since, a.created_at) as date), a.last_purchase_on)
			                       <= cast(? as date) - r.deal_days))""";

	@Test
	void nightlyRunAgainstTheBareSelection() throws Exception {
		long accounts = Long.getLong("benchmark.accounts", 1_000_000);
		int repeats = Integer.getInteger("benchmark.repeats", 3);
		try (EmbeddedPostgres postgres = BenchmarkRuns.postgres("64MB");
				ConfigurableApplicationContext app = BenchmarkRuns.application(postgres)) {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			BenchmarkRuns.printMachine(jdbc);
			long seedStart = System.nanoTime();
			seed(jdbc, accounts);
			System.out.printf("seeded %,d accounts, %,d activities in %.1f s; load %s%n", accounts,
					jdbc.queryForObject("select count(*) from activity", Long.class),
					(System.nanoTime() - seedStart) / 1e9, BenchmarkRuns.load());
			// The books other modules keep per account (the to-do's due days, the credit
			// and receivable books) fill as when the application starts on existing data.
			long booksStart = System.nanoTime();
			app.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], app, Duration.ZERO));
			System.out.printf("books filled in %.1f s%n", (System.nanoTime() - booksStart) / 1e9);
			PoolRun run = app.getBean(PoolRun.class);
			LocalDateTime now = LocalDateTime.now();
			TransactionTemplate transaction = app.getBean(TransactionTemplate.class);
			night("the first night (the pool switched on)", jdbc, transaction, run, now, repeats);
			night("the next night", jdbc, transaction, run, now.plusDays(1), repeats);
		}
	}

	/**
	 * The bare selection timed {@code repeats} times after a warm-up, then the run of
	 * that day once (it changes the data), with both ratios printed.
	 */
	private static void night(String title, JdbcTemplate jdbc, TransactionTemplate transaction, PoolRun run,
			LocalDateTime now, int repeats) {
		System.out.printf("%n%s, %s%n", title, now.toLocalDate());
		List<Long> bareTimes = new ArrayList<>();
		Map<String, Object> expected = null;
		for (int i = 0; i <= repeats; i++) {
			long start = System.nanoTime();
			expected = jdbc.queryForMap(BARE, Date.valueOf(now.toLocalDate()));
			long millis = (System.nanoTime() - start) / 1_000_000;
			// The first is the warm-up.
			if (i > 0) {
				bareTimes.add(millis);
			}
			System.out.printf("bare selection %d: %,d ms %s; load %s%n", i, millis, expected.values(),
					BenchmarkRuns.load());
		}
		long bareMedian = BenchmarkRuns.median(bareTimes);
		long[] values = expected.values().stream().mapToLong((v) -> ((Number) v).longValue()).toArray();
		Long bareReturn = null;
		if (values[0] > 10_000) {
			long start = System.nanoTime();
			Integer updated = transaction.execute((status) -> {
				status.setRollbackOnly();
				Date day = Date.valueOf(now.toLocalDate());
				return jdbc.update(BARE_RETURN, day, day);
			});
			bareReturn = (System.nanoTime() - start) / 1_000_000;
			assertThat(updated.longValue()).isEqualTo(values[0]);
			System.out.printf("bare return of the same accounts (rolled back): %,d ms; load %s%n", bareReturn,
					BenchmarkRuns.load());
			// Its dead row versions are not left for the run to step over.
			jdbc.execute("vacuum analyze account");
		}
		long notices = jdbc.queryForObject("select count(*) from notification", Long.class);
		long cpu = cpuMillis();
		AtomicReference<PoolRun.Result> done = new AtomicReference<>();
		BenchmarkRuns.Measurement measured = BenchmarkRuns.measure(() -> {
			done.set(run.run(now, null));
			return done.get().warned();
		});
		PoolRun.Result result = done.get();
		long runMillis = measured.millis();
		long runCpu = cpuMillis() - cpu;
		notices = jdbc.queryForObject("select count(*) from notification", Long.class) - notices;
		System.out.printf(
				"pool run: %,d ms (JVM CPU %,d ms, heap %d → %d MB, peak %d MB): %,d returned without follow-up,"
						+ " %,d without a deal, %,d warned, %,d new notices stored; load %s%n",
				runMillis, runCpu, measured.heapBeforeMb(), measured.heapAfterMb(), measured.peakHeapMb(),
				result.returnedNoFollowUp(), result.returnedNoDeal(), result.warned(), notices, BenchmarkRuns.load());
		assertThat(result.returnedNoFollowUp() + result.returnedNoDeal()).isEqualTo(values[0]);
		assertThat(result.warned()).isEqualTo(values[1]);
		System.out.printf("median bare selection: %,d ms; pool run: %,d ms; ratio run / bare: %.1f%n", bareMedian,
				runMillis, runMillis / (double) bareMedian);
		if (bareReturn != null) {
			System.out.printf("ratio run / (bare selection + bare return): %.1f%n",
					runMillis / (double) (bareMedian + bareReturn));
		}
	}

	/**
	 * Accounts owned round-robin by 300 KAMs for 400 days; a segmentation run ranking
	 * them at random (1 % VIP, 4 % Major, 15 % Ordinary, the rest Small); one follow-up
	 * activity per account, within 25 days for most, within 120 days for one in seven,
	 * with the latest-contact read model filled from them; the latest purchase within 80
	 * days for most, within 400 for three in ten. With the default rules (Small: 30 days
	 * without a follow-up, 90 without a deal) that is the first night after the pool was
	 * switched on: about a fifth of the accounts return, a few percent are warned.
	 */
	private static void seed(JdbcTemplate jdbc, long accounts) {
		jdbc.execute("select setseed(0.17)");
		BenchmarkRuns.keyAccountManagers(jdbc, 300);
		jdbc.update("""
				insert into account (name, name_key, match_key, owner_id, owned_since, status, archived,
				                     last_purchase_on, created_at, updated_at, version)
				select 'Customer ' || x, 'customer ' || x, 'customer' || x, k.ids[1 + x % k.n],
				       localtimestamp - interval '400 days', 'ACTIVE', false,
				       current_date - case when random() < 0.7 then floor(random() * 80)::int
				                           else floor(random() * 400)::int end,
				       localtimestamp - interval '400 days', localtimestamp - interval '400 days', 1
				from generate_series(1, ?) x,
				     (select array_agg(id order by id) ids, count(*)::int n from app_user where role = 'KAM') k""",
				accounts);
		jdbc.update("delete from account_tally");
		jdbc.update("""
				insert into account_tally (owner_id, archived, accounts)
				select owner_id, archived, count(*) from account group by owner_id, archived""");
		BenchmarkRuns.rankIntoTiers(jdbc, accounts);
		jdbc.update("""
				insert into activity (account_id, type, occurred_at, summary, created_by, created_at, version)
				select g.id, 'PHONE', g.at, 'Follow-up', g.owner_id, g.at, 0
				from (select a.id, a.owner_id,
				             date_trunc('minute', localtimestamp - random() * case when random() < 0.85
				                 then interval '25 days' else interval '120 days' end) as at
				      from account a) g
				order by g.id""");
		jdbc.update("""
				insert into activity_last_contact (account_id, last_contact_at, next_contact_date)
				select account_id, max(occurred_at), null from activity group by account_id""");
		jdbc.execute("vacuum analyze");
	}

	/** CPU time of every thread of this JVM so far. */
	private static long cpuMillis() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1_000_000;
	}

}
