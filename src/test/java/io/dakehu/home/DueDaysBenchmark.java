package io.dakehu.home;

import java.util.ArrayList;
import java.util.List;

import io.dakehu.segmentation.TiersChanged;
import io.dakehu.support.BenchmarkRuns;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The to-do's due days recomputed after a company-wide segmentation run, at a million
 * accounts (BENCHMARKS.md "Due days after a run"): the recomputation a run's
 * {@code TiersChanged} asks for (the accounts it moved to another tier), after a run that
 * moved a share of the accounts, against the recomputation of every account from an empty
 * table, which is what every run cost while the rebuild deleted and rewrote every row;
 * and the full recomputation that writes only what differs (the cadences' path). Data is
 * generated inside PostgreSQL with a fixed seed; each round adds a run that moves another
 * share of the accounts and times both ways, alternating. Skipped unless asked for:
 *
 * <pre>
 * ./mvnw -B -o test -Dtest=DueDaysBenchmark -Dbenchmark=true -Dbenchmark.accounts=1000000
 * </pre>
 *
 * Options: {@code benchmark.accounts} (default 1,000,000), {@code benchmark.rounds} (3),
 * {@code benchmark.moved} the share of accounts a run moves (0.05).
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class DueDaysBenchmark {

	@Test
	void rebuildAfterARunAgainstRewritingEveryRow() throws Exception {
		long accounts = Long.getLong("benchmark.accounts", 1_000_000);
		int rounds = Integer.getInteger("benchmark.rounds", 3);
		double moved = Double.parseDouble(System.getProperty("benchmark.moved", "0.05"));
		try (EmbeddedPostgres postgres = BenchmarkRuns.postgres("64MB");
				ConfigurableApplicationContext app = BenchmarkRuns.application(postgres)) {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			TransactionTemplate transaction = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
			DueDays dueDays = app.getBean(DueDays.class);
			BenchmarkRuns.printMachine(jdbc);
			long seedStart = System.nanoTime();
			seed(jdbc, accounts);
			System.out.printf("seeded %,d accounts in %.1f s; load %s%n", accounts,
					(System.nanoTime() - seedStart) / 1e9, BenchmarkRuns.load());
			long fill = timed(transaction, () -> dueDays.rebuild());
			System.out.printf("first fill of an empty table: %,d ms%n", fill);
			long unchanged = timed(transaction, () -> dueDays.rebuild());
			System.out.printf("rebuild with nothing changed: %,d ms%n", unchanged);
			List<Long> movedOnly = new ArrayList<>();
			List<Long> everyRow = new ArrayList<>();
			for (int round = 1; round <= rounds; round++) {
				int movedAccounts = moveTiers(jdbc, moved);
				long run = jdbc.queryForObject("select max(id) from segmentation_run", Long.class);
				long previous = jdbc.queryForObject("select max(id) from segmentation_run where id < ?", Long.class,
						run);
				long afterRun = timed(transaction, () -> dueDays.on(TiersChanged.afterRun(run, previous)));
				String afterMoves = fingerprint(jdbc);
				long full = timed(transaction, () -> dueDays.rebuild());
				assertThat(fingerprint(jdbc)).as("a full recomputation finds nothing left to change")
					.isEqualTo(afterMoves);
				long rewritten = timed(transaction, () -> {
					jdbc.update("delete from home_due_day");
					dueDays.rebuild();
				});
				assertThat(fingerprint(jdbc)).as("the same rows either way").isEqualTo(afterMoves);
				movedOnly.add(afterRun);
				everyRow.add(rewritten);
				System.out.printf(
						"round %d: a run moved %,d accounts; recomputing the moved accounts %,d ms; every account,"
								+ " writing what differs (nothing) %,d ms; rewriting every row %,d ms; load %s%n",
						round, movedAccounts, afterRun, full, rewritten, BenchmarkRuns.load());
			}
			long movedMedian = BenchmarkRuns.median(movedOnly);
			long everyMedian = BenchmarkRuns.median(everyRow);
			System.out.printf(
					"%nmedian: recomputing the moved accounts %,d ms; rewriting every row %,d ms; ratio %.2f%n",
					movedMedian, everyMedian, movedMedian / (double) everyMedian);
		}
	}

	private static long timed(TransactionTemplate transaction, Runnable work) {
		long start = System.nanoTime();
		transaction.executeWithoutResult((status) -> work.run());
		return (System.nanoTime() - start) / 1_000_000;
	}

	/** What the table holds, in one figure: changes whenever any row differs. */
	private static String fingerprint(JdbcTemplate jdbc) {
		return jdbc.queryForObject("""
				select count(*) || '/' || sum(hashtext(account_id || '|' || owner_id || '|' || account_name || '|'
				                                       || tier || '|' || coalesce(cast(due_on as varchar), '-')))
				from home_due_day""", String.class);
	}

	/**
	 * 300 KAMs owning the accounts round-robin; a run ranking them into the default
	 * tiers; a latest contact within the last 120 days for nine in ten accounts, one in
	 * three planning a next contact.
	 */
	private static void seed(JdbcTemplate jdbc, long accounts) {
		jdbc.execute("select setseed(0.23)");
		BenchmarkRuns.keyAccountManagers(jdbc, 300);
		jdbc.update("""
				insert into account (name, name_key, match_key, owner_id, status, archived, created_at, updated_at,
				                     version)
				select 'Customer ' || x, 'customer ' || x, 'customer' || x, k.ids[1 + x % k.n], 'ACTIVE', false,
				       localtimestamp, localtimestamp, 1
				from generate_series(1, ?) x,
				     (select array_agg(id order by id) ids, count(*)::int n from app_user where role = 'KAM') k""",
				accounts);
		BenchmarkRuns.rankIntoTiers(jdbc, accounts);
		jdbc.update("""
				insert into activity_last_contact (account_id, last_contact_at, next_contact_date)
				select a.id, c.at, case when random() < 0.33 then cast(c.at as date) + 7 + floor(random() * 50)::int end
				from account a
				cross join lateral (select date_trunc('minute', localtimestamp - random() * interval '120 days') as at
				                    where a.id > 0) c
				where random() < 0.9""");
		jdbc.execute("vacuum analyze");
	}

	/**
	 * A new company-wide run, the latest, that puts the given share of the accounts in
	 * another tier (Small ones in Ordinary, the others in Small) and keeps the rest.
	 * @return how many accounts it moved
	 */
	private static int moveTiers(JdbcTemplate jdbc, double share) {
		jdbc.update("""
				insert into segmentation_run (period_from, period_to, prior_from, prior_to, measure, vip_percent,
				    major_percent, ordinary_percent, abc_a_percent, abc_b_percent, growth_percent, clv_discount_percent,
				    clv_horizon_years, accounts, started_by, started_at)
				select period_from, period_to, prior_from, prior_to, measure, vip_percent, major_percent,
				       ordinary_percent, abc_a_percent, abc_b_percent, growth_percent, clv_discount_percent,
				       clv_horizon_years, accounts, started_by, localtimestamp
				from segmentation_run where id = (select max(id) from segmentation_run)""");
		jdbc.update(
				"""
						insert into segmentation_snapshot (run_id, account_id, rank_no, amount, revenue, margin, prior_amount,
						    cumulative_amount, tier, abc, abc_rule, value_growth, contact_cost, net_profit, clv)
						select (select max(id) from segmentation_run), s.account_id, s.rank_no, 0, 0, 0, 0, 0,
						       case when random() >= ? then s.tier when s.tier = 'SMALL' then 'ORDINARY' else 'SMALL' end,
						       'C', 'C', 'STABLE', 0, 0, 0
						from segmentation_snapshot s
						where s.run_id = (select max(id) from segmentation_run where id < (select max(id) from segmentation_run))""",
				share);
		jdbc.execute("analyze segmentation_snapshot");
		return jdbc.queryForObject("""
				select count(*) from segmentation_snapshot n
				join segmentation_snapshot p on p.account_id = n.account_id
				 and p.run_id = (select max(id) from segmentation_run where id < n.run_id)
				where n.run_id = (select max(id) from segmentation_run) and n.tier <> p.tier""", Integer.class);
	}

}
