package io.dakehu.retention;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

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
 * PERFORMANCE.md P6 for the churn score (BENCHMARKS.md, "Churn-risk run"): the nightly
 * run as the application starts it ({@link ChurnRuns#runNightly()}: every customer scored
 * in one {@code INSERT … SELECT}, the counts, the audit and the risers' notices) against
 * the bare aggregate SQL over the same inputs, in the same JVM on the same embedded
 * PostgreSQL, alternating so both see the same cache. Data is generated inside PostgreSQL
 * with a fixed seed. Skipped unless asked for:
 *
 * <pre>
 * ./mvnw -B -o test -Dtest=ChurnBenchmark -Dbenchmark=true -Dbenchmark.accounts=100000
 * </pre>
 *
 * Options: {@code benchmark.accounts} (default 1,000,000; order lines and activities are
 * ten per customer), {@code benchmark.repeats} (3), {@code benchmark.explain=true}
 * (prints both plans).
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ChurnBenchmark {

	/**
	 * The yardstick: the same tables the run's fragments read, aggregated per customer
	 * with one sum or count each and joined, as a plain query would (its purchases in two
	 * periods and the latest one, its complaints, its latest contact, its tier, its deals
	 * lost), nothing scored, nothing written.
	 */
	private static final String BARE = """
			select count(*), sum(coalesce(p.revenue, 0)), sum(coalesce(c.complaints, 0)), count(lc.account_id),
			       count(t.tier), count(d.account_id), sum(coalesce(r.owed, 0))
			from account a
			left join (select o.account_id, sum(o.amount) filter (where o.order_date >= current_date - 364) as revenue,
			                  sum(o.amount) filter (where o.order_date < current_date - 364) as prior_revenue,
			                  max(o.order_date) as last_purchase
			           from order_line o where o.order_date between current_date - 729 and current_date
			           group by o.account_id) p on p.account_id = a.id
			left join (select m.account_id, count(*) as complaints, max(m.satisfaction) as satisfaction
			           from complaint m where m.received_at < localtimestamp group by m.account_id) c
			       on c.account_id = a.id
			left join activity_last_contact lc on lc.account_id = a.id
			left join segmentation_snapshot t on t.account_id = a.id
			          and t.run_id = (select max(id) from segmentation_run)
			left join (select g.account_id, max(g.close_date) as lost_on from opportunity g
			           where g.stage = 'LOST' and g.winning_competitor is not null
			             and g.close_date >= current_date - 180 group by g.account_id) d on d.account_id = a.id
			left join (select i.account_id, sum(i.amount) as owed from instalment i
			           where i.written_off_on is null and i.due_date < current_date - 30 group by i.account_id) r
			       on r.account_id = a.id
			where a.archived = false and a.status in ('ACTIVE', 'DORMANT')""";

	@Test
	void nightlyRunAgainstTheBareAggregate() throws Exception {
		long accounts = Long.getLong("benchmark.accounts", 1_000_000);
		int repeats = Integer.getInteger("benchmark.repeats", 3);
		try (EmbeddedPostgres postgres = BenchmarkRuns.postgres("256MB");
				ConfigurableApplicationContext app = BenchmarkRuns.application(postgres)) {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			BenchmarkRuns.printMachine(jdbc);
			long seeded = time(() -> seed(jdbc, accounts));
			System.out.printf(
					"seeded %,d customers, %,d order lines, %,d activities, %,d complaints, %,d lost deals"
							+ " in %.1f s; load %s%n",
					accounts, count(jdbc, "order_line"), count(jdbc, "activity"), count(jdbc, "complaint"),
					count(jdbc, "opportunity"), seeded / 1e3, BenchmarkRuns.load());
			ChurnRuns runs = app.getBean(ChurnRuns.class);
			LongSupplier bare = () -> jdbc.query(BARE, (ResultSet rs) -> {
				rs.next();
				return rs.getLong(1);
			});
			// The same bare SQL on the plan a run uses (the ledger read along the
			// covering index, no hash aggregation): the stricter yardstick, as for
			// segmentation.
			TransactionTemplate transaction = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
			LongSupplier bareSorted = () -> transaction.execute((status) -> {
				jdbc.execute("set local enable_hashagg = off");
				return bare.getAsLong();
			});
			LongSupplier run = () -> runs.runNightly().accounts();
			if (Boolean.getBoolean("benchmark.explain")) {
				explain(jdbc);
			}
			// The first run ever: every customer at high risk is news to its owner.
			bare.getAsLong();
			BenchmarkRuns.Measurement first = BenchmarkRuns.measure(run);
			System.out.printf(
					"first run (every high customer told): %,d ms, %,d customers, %,d high, heap %d → %d MB"
							+ " (peak %d MB)%n",
					first.millis(), first.result(),
					jdbc.queryForObject("select high_count from churn_run order by id desc limit 1", Long.class),
					first.heapBeforeMb(), first.heapAfterMb(), first.peakHeapMb());
			List<Long> bareTimes = new ArrayList<>();
			List<Long> bareSortedTimes = new ArrayList<>();
			List<Long> runTimes = new ArrayList<>();
			for (int i = 1; i <= repeats; i++) {
				BenchmarkRuns.Measurement b = BenchmarkRuns.measure(bare);
				BenchmarkRuns.Measurement s = BenchmarkRuns.measure(bareSorted);
				BenchmarkRuns.Measurement r = BenchmarkRuns.measure(run);
				bareTimes.add(b.millis());
				bareSortedTimes.add(s.millis());
				runTimes.add(r.millis());
				System.out.printf(
						"round %d: bare aggregate %,d ms (%,d rows, heap peak %d MB); on the run's plan %,d ms;"
								+ " nightly run %,d ms (%,d customers, heap %d → %d MB, peak %d MB); load %s%n",
						i, b.millis(), b.result(), b.peakHeapMb(), s.millis(), r.millis(), r.result(), r.heapBeforeMb(),
						r.heapAfterMb(), r.peakHeapMb(), BenchmarkRuns.load());
				assertThat(r.result()).isEqualTo(b.result());
			}
			long bareMedian = BenchmarkRuns.median(bareTimes);
			long bareSortedMedian = BenchmarkRuns.median(bareSortedTimes);
			long runMedian = BenchmarkRuns.median(runTimes);
			System.out.printf(
					"%nmedian bare aggregate: %,d ms; on the run's plan: %,d ms%nmedian nightly run: %,d ms%n"
							+ "ratio run / bare: %.2f; run / bare on the run's plan: %.2f%n",
					bareMedian, bareSortedMedian, runMedian, runMedian / (double) bareMedian,
					runMedian / (double) bareSortedMedian);
		}
	}

	/**
	 * Customers owned round-robin by 300 KAMs; a segmentation run ranking them at random
	 * (1 % VIP, 4 % Major, 15 % Ordinary); ten order lines per customer on average over
	 * two years, lognormal amounts, accounts drawn with a power-law skew; ten activities
	 * per customer over two years, a third planning a next contact, with the latest
	 * contact read model filled as migration V130 fills it; a complaint for one customer
	 * in ten, a deal lost to a competitor for one in twenty.
	 */
	private static void seed(JdbcTemplate jdbc, long accounts) {
		long lines = accounts * 10;
		jdbc.execute("select setseed(0.16)");
		BenchmarkRuns.keyAccountManagers(jdbc, 300);
		jdbc.update("""
				insert into account (name, name_key, owner_id, status, archived, created_at, updated_at, version)
				select 'Customer ' || x, 'customer ' || x, k.ids[1 + x % k.n], 'ACTIVE', false, now(), now(), 1
				from generate_series(1, ?) x,
				     (select array_agg(id order by id) ids, count(*)::int n from app_user where role = 'KAM') k""",
				accounts);
		BenchmarkRuns.rankIntoTiers(jdbc, accounts);
		// Loaded without the ledger's secondary indexes, which are built afterwards, as a
		// bulk load is done.
		jdbc.execute("drop index ix_order_line_account_date");
		jdbc.update("""
				insert into order_line (account_id, order_date, quantity, amount, cost, source, created_at)
				select a.min_id + g.a, g.d, 1, g.amount, round(g.amount * (0.55 + 0.3 * random())::numeric, 2), 'bench',
				       now()
				from (select floor(? * power(random(), 2.5))::bigint as a,
				             current_date - floor(random() * 730)::int as d,
				             round(exp(6 + 1.2 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))::numeric, 2)
				                 as amount
				      from generate_series(1, ?)) g,
				     (select min(id) as min_id from account) a""", accounts, lines);
		jdbc.execute(
				"create index ix_order_line_account_date on order_line (account_id, order_date) include (amount, cost)");
		jdbc.update(
				"""
						insert into activity (account_id, type, occurred_at, summary, next_step, next_contact_date, created_by,
						                      created_at, version)
						select g.account, g.type, g.at, 'Follow-up', case when g.plan then 'Call back' end,
						       case when g.plan then cast(g.at as date) + g.ahead end, a.owner_id, g.at, 0
						from (select (select min(id) from account) + floor(random() * ?)::int as account,
						             (array['VISIT', 'PHONE', 'MESSAGE', 'MEETING', 'GIFT'])[1 + floor(random() * 5)::int] as type,
						             date_trunc('minute', localtimestamp - random() * interval '730 days') as at,
						             random() < 0.33 as plan, 7 + floor(random() * 50)::int as ahead
						      from generate_series(1, ?) x) g
						join account a on a.id = g.account
						order by g.account, g.at""",
				accounts, lines);
		jdbc.update("""
				insert into activity_last_contact (account_id, last_contact_at, next_contact_date)
				select lc.account_id, lc.occurred_at, lc.next_contact_date
				from (select a.account_id, a.occurred_at, a.next_contact_date,
				             row_number() over (partition by a.account_id order by a.occurred_at desc, a.id desc) as rn
				      from activity a) lc
				where lc.rn = 1""");
		jdbc.update(
				"""
						insert into complaint (account_id, received_at, channel, category, severity, description, tier, owner_id,
						    recorded_by, recorded_at, status, response_due_at, resolution_due_at, satisfaction, closed_at)
						select a.id, g.at, 'PHONE', 'DELIVERY', 'MEDIUM', 'Late delivery', 'SMALL', a.owner_id, a.owner_id, g.at,
						       g.status, g.at + interval '1 day', g.at + interval '5 days',
						       case when g.status = 'CLOSED' then 1 + floor(random() * 5)::int end,
						       case when g.status = 'CLOSED' then g.at + interval '7 days' end
						from (select (select min(id) from account) + floor(random() * ?)::int as account,
						             localtimestamp - random() * interval '365 days' as at,
						             (array['OPEN', 'IN_PROGRESS', 'CLOSED', 'CLOSED'])[1 + floor(random() * 4)::int] as status
						      from generate_series(1, ?)) g
						join account a on a.id = g.account""",
				accounts, accounts / 10);
		jdbc.update(
				"""
						insert into opportunity (account_id, owner_id, account_owner_id, stage, close_date, amount, source,
						                         created_at, updated_at, winning_competitor, name)
						select a.id, a.owner_id, a.owner_id, 'LOST', current_date - floor(random() * 365)::int, 10000, 'bench', now(), now(),
						       'Rival ' || (1 + floor(random() * 20)::int), 'Lost deal'
						from (select (select min(id) from account) + floor(random() * ?)::int as account
						      from generate_series(1, ?)) g
						join account a on a.id = g.account""",
				accounts, accounts / 20);
		jdbc.execute("vacuum analyze");
	}

	private static void explain(JdbcTemplate jdbc) {
		System.out.println("--- bare");
		jdbc.queryForList("explain (analyze, buffers) " + BARE, String.class).forEach(System.out::println);
	}

	private static long count(JdbcTemplate jdbc, String table) {
		return jdbc.queryForObject("select count(*) from " + table, Long.class);
	}

	private static long time(Runnable work) {
		long start = System.nanoTime();
		work.run();
		return (System.nanoTime() - start) / 1_000_000;
	}

}
