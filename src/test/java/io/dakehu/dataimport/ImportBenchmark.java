package io.dakehu.dataimport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.sql.DataSource;

import io.dakehu.DakehuApplication;
import io.dakehu.catalog.Catalog;
import io.dakehu.catalog.ProductInput;
import io.dakehu.catalog.ProductView;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * P2: imports seeded, realistically skewed purchase data (lognormal amounts, Pareto
 * spread over accounts) with full validation, and in the same run loads the same rows
 * with PostgreSQL {@code COPY} as the limit. Skipped unless asked for:
 *
 * <pre>
 * ./mvnw -B test -Dtest=ImportBenchmark -Dbenchmark=true -Dbenchmark.rows=1000000 -Dbenchmark.accounts=100000
 * </pre>
 *
 * Add {@code -Dbenchmark.h2=true} to measure the embedded H2 file database too.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ImportBenchmark {

	private static final String[] PRODUCTS = { "GTX Basic", "GTX Pro", "MG Special", "MG Advanced", "GTX Plus Pro",
			"GTX Plus Basic", "GTK 500" };

	@Test
	void importThroughputAgainstCopy(@TempDir Path dir) throws Exception {
		int rows = Integer.getInteger("benchmark.rows", 200_000);
		int accounts = Integer.getInteger("benchmark.accounts", 100_000);
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			String url = postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
			try (ConfigurableApplicationContext app = start(url, "postgres")) {
				run(app, dir, rows, accounts, true, "PostgreSQL " + postgresVersion(app));
			}
		}
		if (Boolean.getBoolean("benchmark.h2")) {
			String url = "jdbc:h2:file:" + dir.resolve("bench-h2").toAbsolutePath()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
			try (ConfigurableApplicationContext app = start(url, "sa")) {
				run(app, dir, rows, accounts, false, "H2 file");
			}
		}
	}

	/**
	 * P5: 10,000 accounts from an .xlsx file (the peer takes 652 s), on H2 and
	 * PostgreSQL.
	 */
	@Test
	void accountsFromExcel(@TempDir Path dir) throws Exception {
		int count = Integer.getInteger("benchmark.accounts.xlsx", 10_000);
		Path xlsx = dir.resolve("accounts.xlsx");
		AccountSheet.write(xlsx, count);
		String h2 = "jdbc:h2:file:" + dir.resolve("p5-h2").toAbsolutePath()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
		try (ConfigurableApplicationContext app = start(h2, "sa")) {
			importAccounts(app, xlsx, count, "H2 file");
		}
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			try (ConfigurableApplicationContext app = start(
					postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true", "postgres")) {
				importAccounts(app, xlsx, count, "PostgreSQL " + postgresVersion(app));
			}
		}
	}

	private static void importAccounts(ConfigurableApplicationContext app, Path xlsx, int count, String database)
			throws Exception {
		CurrentUser admin = admin(app.getBean(Users.class));
		long started = System.nanoTime();
		ImportJobView job;
		try (InputStream in = Files.newInputStream(xlsx)) {
			job = app.getBean(ImportJobs.class)
				.runNow(admin, ImportRequest.of(ImportType.ACCOUNTS, "accounts.xlsx"), in, "BENCHMARK", false);
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.COMMITTED);
		assertThat(job.committedRows()).isEqualTo(count);
		System.out.printf(
				"%n=== P5 .xlsx import: %s, %,d accounts: %.1f s, %,.0f rows/s (peer: 652 s, 15 rows/s) ===%n",
				database, count, seconds, count / seconds);
	}

	private static ConfigurableApplicationContext start(String url, String user) {
		return new SpringApplicationBuilder(DakehuApplication.class).run("--spring.datasource.url=" + url,
				"--spring.datasource.username=" + user, "--spring.datasource.password=",
				"--dakehu.demo-data.enabled=false", "--dakehu.admin.password=admin-password-1", "--server.port=0",
				"--logging.level.root=WARN");
	}

	private static String postgresVersion(ConfigurableApplicationContext app) {
		return app.getBean(JdbcTemplate.class).queryForObject("show server_version", String.class);
	}

	private void run(ConfigurableApplicationContext app, Path dir, int rows, int accountCount, boolean copy,
			String database) throws Exception {
		JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
		CurrentUser admin = admin(app.getBean(Users.class));
		List<ProductView> products = new ArrayList<>();
		TransactionTemplate tx = new TransactionTemplate(
				app.getBean(org.springframework.transaction.PlatformTransactionManager.class));
		tx.executeWithoutResult((s) -> {
			for (String product : PRODUCTS) {
				products.add(app.getBean(Catalog.class)
					.add(new ProductInput(null, product, product.split(" ")[0], null, null)));
			}
		});
		long[] accountIds = seedAccounts(jdbc, admin.id(), accountCount);

		Path csv = dir.resolve("orders.csv");
		BigDecimal total = generate(csv, rows, accountIds, products, null);

		// Alternating runs, each with its own source, so both see a table of the same
		// size on average; medians count, since the machines are shared.
		int repeats = Integer.getInteger("benchmark.repeats", 3);
		List<Double> importTimes = new ArrayList<>();
		List<Double> copyTimes = new ArrayList<>();
		long peakHeap = 0;
		for (int r = 1; r <= repeats; r++) {
			if (copy) {
				// The same rows again from the same seed, as ids: the harness holds no
				// row in memory either.
				Path copyCsv = dir.resolve("orders-copy.csv");
				assertThat(generate(copyCsv, rows, accountIds, products, "copy-" + r)).isEqualByComparingTo(total);
				DataSource dataSource = app.getBean(DataSource.class);
				long started = System.nanoTime();
				try (Connection connection = dataSource.getConnection();
						Reader reader = Files.newBufferedReader(copyCsv)) {
					connection.setAutoCommit(false);
					connection.unwrap(PGConnection.class)
						.getCopyAPI()
						.copyIn("copy order_line (account_id, order_date, product_id, quantity, amount, source,"
								+ " external_ref, created_at) from stdin with (format csv)", reader);
					connection.commit();
				}
				copyTimes.add((System.nanoTime() - started) / 1e9);
				Files.delete(copyCsv);
			}
			resetPeaks();
			long started = System.nanoTime();
			ImportJobView job;
			try (InputStream in = Files.newInputStream(csv)) {
				job = app.getBean(ImportJobs.class)
					.runNow(admin, new ImportRequest(ImportType.ORDERS, "orders.csv", false, null, "bench-" + r, null),
							in, "BENCHMARK", false);
			}
			importTimes.add((System.nanoTime() - started) / 1e9);
			peakHeap = Math.max(peakHeap, peakHeapMegabytes());
			assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.COMMITTED);
			assertThat(job.committedRows()).isEqualTo(rows);
			assertThat(jdbc.queryForObject("select sum(amount) from order_line where source = ?", BigDecimal.class,
					"bench-" + r))
				.isEqualByComparingTo(total);
		}

		double importSeconds = median(importTimes);
		System.out.printf("%n=== P2 import benchmark: %s, %,d order lines over %,d accounts, %d runs ===%n", database,
				rows, accountCount, repeats);
		System.out.printf(
				"import (validate + write, one transaction): median %.1f s %s, %,.0f rows/s, peak heap %d MB%n",
				importSeconds, seconds(importTimes), rows / importSeconds, peakHeap);
		System.out.printf("this JVM's peak resident size so far (VmHWM): %s, heap limit %d MB%n", peakResident(),
				Runtime.getRuntime().maxMemory() / (1024 * 1024));
		if (copy) {
			double copySeconds = median(copyTimes);
			System.out.printf("COPY of the same rows:                      median %.1f s %s, %,.0f rows/s%n",
					copySeconds, seconds(copyTimes), rows / copySeconds);
			System.out.printf("import throughput / COPY throughput:        %.0f%%%n",
					100 * copySeconds / importSeconds);
		}
	}

	/**
	 * Writes the seeded rows, the same ones on every call: the file to import (with
	 * names), or with a COPY source the rows for {@code COPY} (with ids). Pareto-like
	 * spread: a few accounts buy most often.
	 * @return the total amount
	 */
	private static BigDecimal generate(Path file, int rows, long[] accountIds, List<ProductView> products,
			String copySource) throws IOException {
		int accountCount = accountIds.length;
		Random random = new Random(42);
		BigDecimal total = BigDecimal.ZERO;
		LocalDate start = LocalDate.of(2023, 1, 1);
		try (BufferedWriter out = Files.newBufferedWriter(file)) {
			if (copySource == null) {
				out.write("account,date,product,quantity,amount,reference\n");
			}
			for (int i = 0; i < rows; i++) {
				int account = (int) Math.min(accountCount - 1,
						Math.floor(accountCount * Math.pow(random.nextDouble(), 3)));
				int productIndex = random.nextInt(products.size());
				LocalDate date = start.plusDays(random.nextInt(3 * 365));
				int quantity = 1 + random.nextInt(20);
				BigDecimal amount = BigDecimal.valueOf(Math.exp(7 + 1.2 * random.nextGaussian()))
					.setScale(2, RoundingMode.HALF_UP);
				total = total.add(amount);
				if (copySource == null) {
					out.write(name(account) + ',' + date + ',' + PRODUCTS[productIndex] + ',' + quantity + ',' + amount
							+ ",B" + i + '\n');
				}
				else {
					out.write(accountIds[account] + "," + date + ',' + products.get(productIndex).id() + ',' + quantity
							+ ',' + amount + ',' + copySource + ",B" + i + ",2026-01-01 00:00:00\n");
				}
			}
		}
		return total;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static String seconds(List<Double> values) {
		return values.stream().map((v) -> String.format("%.1f", v)).toList().toString();
	}

	private static String name(int account) {
		return String.format("Account %06d", account);
	}

	/**
	 * Accounts are set-up, not measured: written straight into the table in batches.
	 */
	private static long[] seedAccounts(JdbcTemplate jdbc, long ownerId, int count) {
		List<Object[]> batch = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String name = name(i);
			batch.add(new Object[] { name, name.toLowerCase(), ownerId });
			if (batch.size() == 5000 || i == count - 1) {
				jdbc.batchUpdate("insert into account (name, name_key, owner_id, status, created_at, updated_at)"
						+ " values (?, ?, ?, 'ACTIVE', current_timestamp, current_timestamp)", batch);
				batch.clear();
			}
		}
		List<Long> ids = jdbc.queryForList("select id from account order by name_key", Long.class);
		long[] result = new long[ids.size()];
		for (int i = 0; i < result.length; i++) {
			result[i] = ids.get(i);
		}
		return result;
	}

	/**
	 * The test JVM's own peak resident size, which {@code /usr/bin/time} cannot tell
	 * apart from Maven's JVM and the database's processes.
	 */
	private static String peakResident() {
		try {
			return Files.readAllLines(Path.of("/proc/self/status"))
				.stream()
				.filter((line) -> line.startsWith("VmHWM:"))
				.map((line) -> line.substring("VmHWM:".length()).strip())
				.findFirst()
				.orElse("n/a");
		}
		catch (IOException | RuntimeException ex) {
			return "n/a";
		}
	}

	private static void resetPeaks() {
		System.gc();
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	private static long peakHeapMegabytes() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak / (1024 * 1024);
	}

	private static CurrentUser admin(Users users) {
		UserSummary admin = users.findByUsername("admin").orElseThrow();
		return new CurrentUser(admin.id(), "admin", admin.displayName(), Role.ADMIN,
				RecordScope.everything(admin.id()));
	}

}
