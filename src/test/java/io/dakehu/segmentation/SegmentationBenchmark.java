package io.dakehu.segmentation;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import io.dakehu.shared.DatabaseProduct;
import io.dakehu.shared.DerivedTables;
import io.dakehu.support.BenchmarkRuns;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * PERFORMANCE.md P1: a full segmentation run (everything written as a snapshot) against
 * the bare SQL that only aggregates the period's purchases per account and ranks them, in
 * the same JVM on the same PostgreSQL, alternating so both see the same cache. Data is
 * generated inside PostgreSQL with a fixed seed: lognormal line amounts, accounts chosen
 * with a power-law skew (a few accounts carry most lines), two years of dates (the period
 * and its prior period). Run through {@code bench/segmentation.sh}.
 *
 * <p>
 * Arguments: accounts, order lines, repetitions; optional JDBC URL (user and password
 * from {@code BENCH_DB_USER}/{@code BENCH_DB_PASSWORD}) instead of the embedded server.
 */
public final class SegmentationBenchmark {

	private static final LocalDate FROM = LocalDate.of(2026, 1, 1);

	private static final LocalDate TO = LocalDate.of(2026, 12, 31);

	private SegmentationBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		long accounts = (args.length > 0) ? Long.parseLong(args[0]) : 1_000_000;
		long lines = (args.length > 1) ? Long.parseLong(args[1]) : 10_000_000;
		int repeats = (args.length > 2) ? Integer.parseInt(args[2]) : 3;
		EmbeddedPostgres postgres = null;
		DataSource dataSource;
		if (args.length > 3) {
			org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
			pg.setURL(args[3]);
			pg.setUser(System.getenv().getOrDefault("BENCH_DB_USER", "postgres"));
			pg.setPassword(System.getenv().getOrDefault("BENCH_DB_PASSWORD", ""));
			dataSource = pg;
		}
		else {
			postgres = EmbeddedPostgres.builder()
				.setServerConfig("shared_buffers", "1GB")
				.setServerConfig("work_mem", "256MB")
				.setServerConfig("maintenance_work_mem", "512MB")
				.setServerConfig("max_wal_size", "8GB")
				.setServerConfig("checkpoint_timeout", "30min")
				.setPGStartupWait(java.time.Duration.ofSeconds(60))
				.start();
			dataSource = postgres.getPostgresDatabase();
		}
		try {
			run(dataSource, accounts, lines, repeats);
		}
		finally {
			if (postgres != null) {
				postgres.close();
			}
		}
	}

	private static void run(DataSource dataSource, long accounts, long lines, int repeats)
			throws java.sql.SQLException {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		String version = jdbc.sql("select version()").query(String.class).single();
		System.out.printf("PostgreSQL: %s%nJVM: %s %s, max heap %d MB, %d cores%n", version,
				System.getProperty("java.vm.name"), System.getProperty("java.version"),
				Runtime.getRuntime().maxMemory() / (1024 * 1024), Runtime.getRuntime().availableProcessors());
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration", "classpath:db/vendor/postgresql")
			.outOfOrder(true)
			.load()
			.migrate();
		// One connection, so the seed set at its start governs every random() after it.
		org.springframework.jdbc.datasource.SingleConnectionDataSource single = new org.springframework.jdbc.datasource.SingleConnectionDataSource(
				dataSource.getConnection(), true);
		long generate = time(() -> generate(JdbcClient.create(single), accounts, lines));
		single.destroy();
		System.out.printf("generated %,d accounts and %,d order lines in %.1f s%n", accounts, lines, generate / 1e3);

		DatabaseProduct database = new DatabaseProduct(dataSource);
		SnapshotWriter writer = new SnapshotWriter(jdbc, database, new DerivedTables(jdbc, database));
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		SegmentationSettings settings = new SettingsStore(jdbc, null, null).settings();
		SnapshotWriter.Period period = new SnapshotWriter.Period(FROM, TO);
		LongSupplier bare = () -> rankOnly(jdbc, period);
		// The same bare SQL on the plan a run uses (sums along the covering index): the
		// stricter yardstick, since the planner setting speeds it up as well.
		LongSupplier bareSorted = () -> transaction.execute((status) -> {
			writer.sumAlongAccounts();
			return rankOnly(jdbc, period);
		});
		LongSupplier same = () -> transaction.execute((status) -> {
			writer.sumAlongAccounts();
			return writer.rankSameInputs(period, Measure.REVENUE, settings);
		});
		LongSupplier full = () -> transaction.execute(
				(status) -> writer.write(period, Measure.REVENUE, settings, null, "benchmark", LocalDateTime.now()));

		if (System.getenv("BENCH_EXPLAIN") != null) {
			explain(jdbc, dataSource, settings, period);
		}
		// One of each first, so the ledger is in the cache for all.
		bare.getAsLong();
		bareSorted.getAsLong();
		same.getAsLong();
		full.getAsLong();
		List<Long> bareTimes = new ArrayList<>();
		List<Long> bareSortedTimes = new ArrayList<>();
		List<Long> sameTimes = new ArrayList<>();
		List<Long> fullTimes = new ArrayList<>();
		long bareHeap = 0;
		long fullHeap = 0;
		for (int i = 0; i < repeats; i++) {
			BenchmarkRuns.Measurement b = BenchmarkRuns.measure(bare);
			BenchmarkRuns.Measurement s = BenchmarkRuns.measure(bareSorted);
			BenchmarkRuns.Measurement m = BenchmarkRuns.measure(same);
			BenchmarkRuns.Measurement f = BenchmarkRuns.measure(full);
			bareTimes.add(b.millis());
			bareSortedTimes.add(s.millis());
			sameTimes.add(m.millis());
			fullTimes.add(f.millis());
			bareHeap = Math.max(bareHeap, Math.max(b.peakHeapMb(), s.peakHeapMb()));
			fullHeap = Math.max(fullHeap, f.peakHeapMb());
			System.out.printf(
					"round %d: bare aggregate + rank %,d ms (%,d accounts); the same on the run's plan %,d ms; same inputs + rank %,d ms; full run %,d ms (run %d)%n",
					i + 1, b.millis(), b.result(), s.millis(), m.millis(), f.millis(), f.result());
		}
		long bareMedian = BenchmarkRuns.median(bareTimes);
		long bareSortedMedian = BenchmarkRuns.median(bareSortedTimes);
		long fullMedian = BenchmarkRuns.median(fullTimes);
		long sameMedian = BenchmarkRuns.median(sameTimes);
		long snapshotRows = jdbc.sql("select count(*) from segmentation_snapshot").query(Long.class).single();
		System.out.printf("%nmedian bare aggregate + rank (one period, one sum), as PostgreSQL plans it: %,d ms%n",
				bareMedian);
		System.out.printf("median bare aggregate + rank on the run's plan (sums along the covering index): %,d ms%n",
				bareSortedMedian);
		System.out.printf(
				"median same inputs + rank (both periods, margin, contact cost; no classes, no writing): %,d ms%n",
				sameMedian);
		System.out.printf("median full run: %,d ms%n", fullMedian);
		System.out.printf("ratio full / bare as planned: %.2f%nratio full / bare on the run's plan: %.2f%n",
				fullMedian / (double) bareMedian, fullMedian / (double) bareSortedMedian);
		System.out.printf("ratio full / same inputs: %.2f%n", fullMedian / (double) sameMedian);
		System.out.printf(
				"JVM heap used, peak while running: bare %d MB, full %d MB (snapshot rows written in all: %,d)%n",
				bareHeap, fullHeap, snapshotRows);
	}

	private static void generate(JdbcClient jdbc, long accounts, long lines) {
		jdbc.sql("""
				insert into app_user (username, display_name, password_hash, role, created_at)
				values ('bench', 'Benchmark Owner', '{noop}x', 'KAM', now())""").update();
		jdbc.sql("select setseed(0.42)").query().listOfRows();
		jdbc.sql("""
				insert into account (name, name_key, owner_id, status, archived, created_at, updated_at)
				select 'Customer ' || x, 'customer ' || x, (select id from app_user where username = 'bench'), 'ACTIVE',
				       false, now(), now()
				from generate_series(1, :n) x""").param("n", accounts).update();
		// Loading without the secondary indexes and building them afterwards is how a
		// bulk load is done; the run itself then works with every index in place.
		jdbc.sql("drop index ix_order_line_account_date").update();
		jdbc.sql("drop index ix_order_line_date").update();
		jdbc.sql("drop index ix_order_line_salesperson").update();
		jdbc.sql("drop index ix_order_line_product").update();
		jdbc.sql("""
				insert into order_line (account_id, order_date, quantity, amount, cost, source, created_at)
				select a, d, 1, amount, round(amount * (0.55 + 0.3 * random())::numeric, 2), 'bench', now()
				from (
				    select 1 + floor(:accounts * power(random(), 2.5))::bigint as a,
				           date '2025-01-01' + floor(random() * 730)::int as d,
				           round(exp(6 + 1.2 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))::numeric, 2)
				               as amount
				    from generate_series(1, :lines)) g""").param("accounts", accounts).param("lines", lines).update();
		jdbc.sql(
				"create index ix_order_line_account_date on order_line (account_id, order_date) include (amount, cost)")
			.update();
		jdbc.sql("create index ix_order_line_date on order_line (order_date)").update();
		jdbc.sql("create index ix_order_line_salesperson on order_line (salesperson_id)").update();
		jdbc.sql("create index ix_order_line_product on order_line (product_id)").update();
		// Contact costs for one account in fifty, some of them above the account's
		// margin.
		jdbc.sql("""
				insert into activity (account_id, type, occurred_at, cost, summary, created_by, created_at)
				select 1 + floor(random() * :accounts)::bigint, 'VISIT',
				       timestamp '2026-01-01' + random() * interval '364 days', round((random() * 2000)::numeric, 2),
				       'Visit', (select id from app_user where username = 'bench'), now()
				from generate_series(1, :n)""")
			.param("accounts", accounts)
			.param("n", Math.max(1, accounts / 50))
			.update();
		jdbc.sql("vacuum analyze").update();
	}

	/**
	 * Where the time goes, for tuning: the plans of the bare SQL and of the run's SELECT.
	 */
	private static void explain(JdbcClient jdbc, DataSource dataSource, SegmentationSettings settings,
			SnapshotWriter.Period period) {
		java.util.Map<String, Object> params = SnapshotWriter.params(period, Measure.REVENUE, settings, null);
		System.out.println("--- bare");
		jdbc.sql("explain (analyze, buffers) " + BARE)
			.param("from", period.from())
			.param("to", period.to())
			.query(String.class)
			.list()
			.forEach(System.out::println);
		DatabaseProduct database = new DatabaseProduct(dataSource);
		SnapshotWriter writer = new SnapshotWriter(jdbc, database, new DerivedTables(jdbc, database));
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		long run = transaction
			.execute((status) -> writer.write(period, Measure.REVENUE, settings, null, "explain", LocalDateTime.now()));
		jdbc.sql("delete from segmentation_snapshot where run_id = :run").param("run", run).update();
		jdbc.sql("vacuum segmentation_snapshot").update();
		params.put("run", run);
		System.out.println("--- insert, on the run's plan");
		transaction.executeWithoutResult((status) -> {
			writer.sumAlongAccounts();
			jdbc.sql("explain (analyze, buffers, wal) " + SnapshotWriter.insertSql(Measure.REVENUE, null))
				.params(params)
				.query(String.class)
				.list()
				.forEach(System.out::println);
		});
	}

	/**
	 * The yardstick: only the period's purchases summed per customer and ranked, written
	 * straight against the tables (a benchmark may; the module composes its owners'
	 * fragments), nothing classified or written.
	 */
	private static final String BARE = """
			select count(*), max(r.rank_no) from (
			    select row_number() over (order by coalesce(p.amount, 0) desc, a.id) as rank_no
			    from account a
			    left join (select o.account_id, sum(o.amount) as amount from order_line o
			               where o.order_date between :from and :to group by o.account_id) p
			           on p.account_id = a.id
			    where a.archived = false and a.status in ('ACTIVE', 'DORMANT')) r""";

	private static long rankOnly(JdbcClient jdbc, SnapshotWriter.Period period) {
		return jdbc.sql(BARE)
			.param("from", period.from())
			.param("to", period.to())
			.query((rs, n) -> rs.getLong(1))
			.single();
	}

	private static long time(Runnable work) {
		long start = System.nanoTime();
		work.run();
		return (System.nanoTime() - start) / 1_000_000;
	}

}
