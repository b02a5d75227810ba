package io.dakehu.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.dakehu.DakehuApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the benchmarks that run the application in their own JVM share: an embedded
 * PostgreSQL sized for a million accounts, the application started on it, and the figures
 * printed beside each result (the median, the machine's load).
 */
public final class BenchmarkRuns {

	private BenchmarkRuns() {
	}

	/**
	 * A PostgreSQL with the memory and checkpoint settings the benchmarks are recorded
	 * with (BENCHMARKS.md), and the given memory per sort or hash.
	 */
	public static EmbeddedPostgres postgres(String workMem) throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
		String logMillis = System.getProperty("benchmark.pgLogMillis");
		if (logMillis != null) {
			// Every statement slower than this, with its duration and plan, in a file of
			// benchmark.pgLogDirectory: where a job's time goes.
			builder.setServerConfig("log_min_duration_statement", logMillis)
				.setServerConfig("session_preload_libraries", "auto_explain")
				.setServerConfig("auto_explain.log_min_duration", logMillis)
				// -Dbenchmark.pgLogAnalyze=true: the plans with each node's rows and time
				// (every statement then pays for the timing)
				.setServerConfig("auto_explain.log_analyze", System.getProperty("benchmark.pgLogAnalyze", "false"))
				.setServerConfig("auto_explain.log_triggers", System.getProperty("benchmark.pgLogAnalyze", "false"))
				.setServerConfig("logging_collector", "on")
				.setServerConfig("log_directory", System.getProperty("benchmark.pgLogDirectory", "/tmp/dakehu-pglog"));
		}
		return builder.setServerConfig("shared_buffers", "1GB")
			.setServerConfig("work_mem", workMem)
			.setServerConfig("maintenance_work_mem", "512MB")
			.setServerConfig("max_wal_size", "8GB")
			.setServerConfig("checkpoint_timeout", "30min")
			.setPGStartupWait(Duration.ofSeconds(60))
			.start();
	}

	/** The application on that PostgreSQL, without demo data, quiet in the log. */
	public static ConfigurableApplicationContext application(EmbeddedPostgres postgres) {
		return new SpringApplicationBuilder(DakehuApplication.class).run(
				"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--dakehu.demo-data.enabled=false", "--dakehu.admin.password=admin-password-1", "--server.port=0",
				"--logging.level.root=WARN");
	}

	/**
	 * A company-wide segmentation run in which the accounts, in a random order, fall into
	 * the default tiers by rank (the top 1 % VIP, to 5 % Major, to 20 % Ordinary, the
	 * rest Small): the tier every contact cadence and pool rule reads.
	 */
	public static void rankIntoTiers(JdbcTemplate jdbc, long accounts) {
		jdbc.update("""
				insert into segmentation_run (period_from, period_to, prior_from, prior_to, measure, vip_percent,
				    major_percent, ordinary_percent, abc_a_percent, abc_b_percent, growth_percent, clv_discount_percent,
				    clv_horizon_years, accounts, started_by, started_at)
				values (current_date - 365, current_date - 1, current_date - 730, current_date - 366, 'REVENUE', 1, 5,
				        20, 80, 95, 20, 8, 5, ?, 'bench', localtimestamp)""", accounts);
		jdbc.update("""
				insert into segmentation_snapshot (run_id, account_id, rank_no, amount, revenue, margin, prior_amount,
				    cumulative_amount, tier, abc, abc_rule, value_growth, contact_cost, net_profit, clv)
				select r.id, a.id, a.rank_no, 0, 0, 0, 0, 0,
				       case when a.rank_no <= ? / 100 then 'VIP' when a.rank_no <= ? / 20 then 'MAJOR'
				            when a.rank_no <= ? / 5 then 'ORDINARY' else 'SMALL' end, 'C', 'C', 'STABLE', 0, 0, 0
				from (select id, row_number() over (order by random()) as rank_no from account) a,
				     (select max(id) as id from segmentation_run) r""", accounts, accounts, accounts);
	}

	/**
	 * Prints the database's and the JVM's versions, the maximum heap, the cores and the
	 * load, the first lines of every benchmark's output.
	 */
	public static void printMachine(JdbcTemplate jdbc) {
		System.out.printf("PostgreSQL: %s%nJVM: %s %s, max heap %d MB, %d cores; load %s%n",
				jdbc.queryForObject("select version()", String.class), System.getProperty("java.vm.name"),
				System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024),
				Runtime.getRuntime().availableProcessors(), load());
	}

	/**
	 * Key account managers {@code bench-kam-1} to {@code bench-kam-N}, who never sign in
	 * (their password hash matches nothing).
	 */
	public static void keyAccountManagers(JdbcTemplate jdbc, int count) {
		jdbc.update("""
				insert into app_user (username, display_name, password_hash, role, active, created_at, version)
				select 'bench-kam-' || k, 'Key Account Manager ' || k, '{noop}x', 'KAM', true, now(), 0
				from generate_series(1, ?) k""", count);
	}

	public static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		sorted.sort(Long::compare);
		return sorted.get(sorted.size() / 2);
	}

	/** The load average, printed beside each figure on this shared machine. */
	public static String load() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).substring(0, 14).strip();
		}
		catch (IOException ex) {
			return "n/a";
		}
	}

	/**
	 * Times the work, with the heap used after a GC before and after it and the most used
	 * while it ran (sampled every 20 ms): whether a job's memory stays flat.
	 */
	public static Measurement measure(LongSupplier work) {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		long before = memory.getHeapMemoryUsage().getUsed();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong peak = new AtomicLong(before);
		Thread sampler = new Thread(() -> {
			while (running.get()) {
				peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		sampler.setDaemon(true);
		sampler.start();
		long start = System.nanoTime();
		long result = work.getAsLong();
		long millis = (System.nanoTime() - start) / 1_000_000;
		running.set(false);
		System.gc();
		long after = memory.getHeapMemoryUsage().getUsed();
		long mb = 1024 * 1024;
		return new Measurement(millis, result, before / mb, after / mb, peak.get() / mb);
	}

	/**
	 * A timed piece of work.
	 *
	 * @param millis how long it took
	 * @param result what it returned (a count)
	 * @param heapBeforeMb heap used after a GC before it
	 * @param heapAfterMb heap used after a GC after it
	 * @param peakHeapMb the most heap used while it ran
	 */
	public record Measurement(long millis, long result, long heapBeforeMb, long heapAfterMb, long peakHeapMb) {
	}

}
