package io.dakehu.contract;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.dakehu.DakehuApplication;
import io.dakehu.dataimport.ImportJobView;
import io.dakehu.dataimport.ImportJobs;
import io.dakehu.dataimport.ImportRequest;
import io.dakehu.dataimport.ImportStatus;
import io.dakehu.dataimport.ImportType;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15's figures, on an embedded PostgreSQL, each against a yardstick measured in
 * the same run (BENCHMARKS.md, "Receipts import and receivables aging"). Skipped unless
 * asked for:
 *
 * <pre>
 * ./mvnw -B -o test -Dtest=ReceivablesBenchmark#receiptsImportAgainstCopy -Dbenchmark=true
 * ./mvnw -B -o test -Dtest=ReceivablesBenchmark#agingAtAMillionInstalments -Dbenchmark=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class ReceivablesBenchmark {

	private static final String ADMIN_PASSWORD = "admin-password-1";

	private static final String[] METHODS = { "银行转账", "银行承兑汇票", "支票", "现金" };

	/**
	 * A receipts file from the ERP, imported through the importer exactly as the API runs
	 * it (every row checked, allocated oldest due first, one transaction), against
	 * PostgreSQL's {@code COPY} of the same file into a bare table of the same columns.
	 * Between runs the imported receipts are deleted, so each run meets the same open
	 * instalments.
	 */
	@Test
	void receiptsImportAgainstCopy(@TempDir Path dir) throws Exception {
		int rows = Integer.getInteger("benchmark.rows", 100_000);
		int contracts = Integer.getInteger("benchmark.contracts", 50_000);
		int repeats = Integer.getInteger("benchmark.repeats", 3);
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
				ConfigurableApplicationContext app = start(postgres)) {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			CurrentUser admin = admin(app.getBean(Users.class));
			long seedStarted = System.nanoTime();
			jdbc.execute("select setseed(0.15)");
			jdbc.update("""
					insert into account (name, name_key, owner_id, status, archived, created_at, updated_at, version)
					select 'Customer ' || x, 'customer ' || x, ?, 'ACTIVE', false, now(), now(), 1
					from generate_series(1, ?) x""", admin.id(), Math.max(1, contracts / 2));
			seedContracts(jdbc, contracts, 4);
			jdbc.execute("analyze");
			System.out.printf("seeded %,d contracts, 4 instalments each, in %.1f s%n", contracts,
					(System.nanoTime() - seedStarted) / 1e9);
			Path csv = dir.resolve("receipts.csv");
			BigDecimal total = receiptsFile(csv, rows, contracts);
			jdbc.execute("""
					create table receipt_bare (contract varchar(60), received_on date, amount numeric(19, 2),
					                           method varchar(20), reference varchar(200))""");
			List<Double> copyTimes = new ArrayList<>();
			List<Double> importTimes = new ArrayList<>();
			DataSource dataSource = app.getBean(DataSource.class);
			for (int r = 1; r <= repeats; r++) {
				long started = System.nanoTime();
				try (Connection connection = dataSource.getConnection(); Reader reader = Files.newBufferedReader(csv)) {
					connection.setAutoCommit(false);
					connection.unwrap(PGConnection.class)
						.getCopyAPI()
						.copyIn("copy receipt_bare from stdin with (format csv, header true)", reader);
					connection.commit();
				}
				copyTimes.add((System.nanoTime() - started) / 1e9);
				assertThat(jdbc.queryForObject("select sum(amount) from receipt_bare", BigDecimal.class))
					.isEqualByComparingTo(total);
				jdbc.execute("truncate receipt_bare");

				started = System.nanoTime();
				ImportJobView job;
				try (InputStream in = Files.newInputStream(csv)) {
					job = app.getBean(ImportJobs.class)
						.runNow(admin,
								new ImportRequest(ImportType.RECEIPTS, "receipts.csv", false, null, "bench-" + r, null),
								in, "BENCHMARK", false);
				}
				importTimes.add((System.nanoTime() - started) / 1e9);
				assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.COMMITTED);
				assertThat(job.committedRows()).isEqualTo(rows);
				assertThat(jdbc.queryForObject("select sum(amount) from receipt", BigDecimal.class))
					.isEqualByComparingTo(total);
				long allocations = jdbc.queryForObject("select count(*) from receipt_allocation", Long.class);
				BigDecimal allocated = jdbc.queryForObject("select sum(amount) from receipt_allocation",
						BigDecimal.class);
				System.out.printf("run %d: COPY %.1f s, import %.1f s; %,d allocations, %s allocated, %s credit%n", r,
						copyTimes.get(r - 1), importTimes.get(r - 1), allocations, allocated,
						total.subtract(allocated));
				jdbc.update("delete from audit_log where entity_type = 'Receipt'");
				jdbc.update("delete from receipt");
				jdbc.update("update instalment set paid = 0 where paid > 0");
				jdbc.execute("vacuum analyze instalment");
				jdbc.execute("vacuum analyze receipt");
				jdbc.execute("vacuum analyze receipt_allocation");
			}
			double copy = median(copyTimes);
			double imported = median(importTimes);
			System.out.printf(
					"%n=== receipts import: PostgreSQL %s, %,d rows over %,d contracts, %d runs; load %s ===%n",
					jdbc.queryForObject("show server_version", String.class), rows, contracts, repeats, load());
			System.out.printf("COPY into a bare table: median %.2f s %s, %,.0f rows/s%n", copy, copyTimes, rows / copy);
			System.out.printf(
					"import (check, allocate, write, audit; one transaction): median %.2f s %s, %,.0f rows/s%n",
					imported, importTimes, rows / imported);
			System.out.printf("import / COPY time: %.1f; import throughput / COPY throughput: %.0f%%%n",
					imported / copy, 100 * copy / imported);
		}
	}

	/**
	 * The aging report at a million instalments over 100,000 accounts: a KAM's by
	 * account, a manager's team by owner and the whole company by team, each asked by 20
	 * clients at once through the API ({@code GET /api/v1/receivables/aging}, a personal
	 * access token), against the report's aggregate alone, the same statement with the
	 * scope written out, from 20 JDBC connections, alternating.
	 */
	@Test
	void agingAtAMillionInstalments() throws Exception {
		int accounts = Integer.getInteger("benchmark.accounts", 100_000);
		int contracts = Integer.getInteger("benchmark.contracts", 250_000);
		int seconds = Integer.getInteger("benchmark.seconds", 20);
		int clients = Integer.getInteger("benchmark.clients", 20);
		int writes = Integer.getInteger("benchmark.writes", 10);
		int warmup = Integer.getInteger("benchmark.warmup", Math.max(3, seconds / 4));
		int kams = 100;
		int teams = 10;
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
				ConfigurableApplicationContext app = start(postgres)) {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			long seedStarted = System.nanoTime();
			seedPeople(jdbc, kams, teams);
			jdbc.execute("select setseed(0.15)");
			jdbc.update("""
					insert into account (name, name_key, owner_id, status, archived, created_at, updated_at, version)
					select 'Customer ' || x, 'customer ' || x, k.ids[1 + x % k.n], 'ACTIVE', false, now(), now(), 1
					from generate_series(1, ?) x,
					     (select array_agg(id order by id) ids, count(*)::int n from app_user where role = 'KAM') k""",
					accounts);
			seedContracts(jdbc, contracts, 4);
			seedPayments(jdbc);
			jdbc.execute("analyze");
			System.out.printf("seeded in %.1f s: %s%n", (System.nanoTime() - seedStarted) / 1e9, jdbc.queryForObject("""
					select (select count(*) from account) || ' accounts, ' || (select count(*) from contract)
					       || ' contracts, ' || (select count(*) from instalment) || ' instalments, '
					       || (select count(*) from receipt) || ' receipts, '
					       || (select count(*) from receipt_allocation) || ' allocations'""", String.class));
			long booksStarted = System.nanoTime();
			app.getBean(ReceivableBooks.class).rebuild();
			System.out.printf("books filled in %.1f s (%,d accounts with contracts)%n",
					(System.nanoTime() - booksStarted) / 1e9,
					jdbc.queryForObject("select count(*) from receivable_account", Long.class));
			Users users = app.getBean(Users.class);
			long kam = users.findByUsername("bench-kam-1").orElseThrow().id();
			long manager = users.findByUsername("bench-manager-1").orElseThrow().id();
			long admin = users.findByUsername("admin").orElseThrow().id();
			int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
			HttpClient http = HttpClient.newHttpClient();
			DataSource dataSource = app.getBean(DataSource.class);
			System.out.printf("load before: %s; %d clients, %d s each, alternating%n", load(), clients, seconds);
			List<String> lines = new ArrayList<>();
			for (Scenario scenario : List.of(new Scenario("KAM, by account", "bench-kam-1", kam, AgingScope.ACCOUNT),
					new Scenario("manager's team, by owner", "bench-manager-1", manager, AgingScope.OWNER),
					new Scenario("whole company, by team", "admin", admin, AgingScope.TEAM))) {
				RecordScope scope = users.actingAs(scenario.userId()).orElseThrow().scope();
				String token = token(http, port, scenario.username());
				String bare = bareSql(scope, scenario.by());
				int rows = rows(dataSource, bare);
				Callable<Void> viaApi = () -> {
					HttpResponse<String> response = http.send(HttpRequest
						.newBuilder(URI
							.create("http://127.0.0.1:" + port + "/api/v1/receivables/aging?scope=" + scenario.by()))
						.header("Authorization", "Bearer " + token)
						.build(), HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() != 200) {
						throw new IllegalStateException(response.statusCode() + " " + response.body());
					}
					return null;
				};
				Callable<Void> viaSql = () -> {
					rows(dataSource, bare);
					return null;
				};
				// The first request ages every book of the scope; later ones only those
				// whose version moved.
				long coldStarted = System.nanoTime();
				viaApi.call();
				double cold = (System.nanoTime() - coldStarted) / 1e6;
				// Warm-up: the JIT and the database's cache, not measured.
				measure(viaApi, clients, warmup);
				measure(viaSql, clients, warmup);
				Figures api = measure(viaApi, clients, seconds);
				Figures sql = measure(viaSql, clients, seconds);
				Figures api2 = measure(viaApi, clients, seconds);
				Figures sql2 = measure(viaSql, clients, seconds);
				int[] written = new int[1];
				Figures writing = whileReceiptsAreRecorded(app, writes, written,
						() -> measure(viaApi, clients, seconds));
				lines.add(String.format(
						"%-26s %,7d rows | first request %.0f ms | API %s | bare SQL %s | API %s | bare SQL %s"
								+ " | API while %,d receipts were recorded %s",
						scenario.name(), rows, cold, api, sql, api2, sql2, written[0], writing));
				System.out.println(lines.get(lines.size() - 1) + "  load " + load());
			}
			System.out.printf("%n=== aging: PostgreSQL %s, %d clients, %d s per measurement; load %s ===%n",
					jdbc.queryForObject("show server_version", String.class), clients, seconds, load());
			lines.forEach(System.out::println);
			int hold = Integer.getInteger("benchmark.hold", 0);
			if (hold > 0) {
				// For an outside load generator (wrk) against the same data: the port and
				// a token for each reader, then the application stays up for the given
				// seconds.
				for (String username : List.of("bench-kam-1", "bench-manager-1", "admin")) {
					System.out.printf("hold: port %d, %s token %s%n", port, username, token(http, port, username));
				}
				Thread.sleep(hold * 1000L);
			}
			if (Boolean.getBoolean("benchmark.explain")) {
				for (Scenario scenario : List.of(new Scenario("KAM", "", kam, AgingScope.ACCOUNT),
						new Scenario("company", "", admin, AgingScope.TEAM))) {
					String bare = bareSql(users.actingAs(scenario.userId()).orElseThrow().scope(), scenario.by());
					System.out.println("--- plan, " + scenario.name());
					jdbc.queryForList("explain (analyze, buffers) " + bare, String.class).forEach(System.out::println);
				}
			}
		}
	}

	/**
	 * Runs the measurement while receipts of 10.00 are recorded, {@code perSecond} a
	 * second, on contracts drawn at random: each raises its account's book, which the
	 * next aging that reads the book ages again.
	 */
	private static Figures whileReceiptsAreRecorded(ConfigurableApplicationContext app, int perSecond, int[] written,
			Callable<Figures> measurement) throws Exception {
		JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
		List<Long> contracts = jdbc.queryForList(
				"select id from contract where status = 'ACTIVE' order by md5(cast(id as varchar)) limit 5000",
				Long.class);
		Receipts receipts = app.getBean(Receipts.class);
		CurrentUser admin = admin(app.getBean(Users.class));
		Random random = new Random(15);
		ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
		writer.scheduleAtFixedRate(() -> {
			receipts.record(admin, new ReceiptInput(contracts.get(random.nextInt(contracts.size())), LocalDate.now(),
					new BigDecimal("10.00"), PaymentMethod.BANK_TRANSFER, "bench"));
			written[0]++;
		}, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
		try {
			return measurement.call();
		}
		finally {
			writer.shutdownNow();
			writer.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * The statement {@link Receivables#aging} ran before decision 0058, with the scope's
	 * owners written in, grouped by account for a KAM and by owner otherwise (a team is a
	 * sum of owners).
	 */
	private static String bareSql(RecordScope scope, AgingScope by) {
		LocalDate today = LocalDate.now();
		String key = (by == AgingScope.ACCOUNT) ? "o.account_id" : "o.owner_id";
		String condition = scope.all() ? "1 = 1"
				: "i.account_id in (select sa.id from account sa where sa.owner_id in ("
						+ scope.ownerIds().stream().map(String::valueOf).collect(Collectors.joining(", "))
						+ ") union all select sm.account_id from account_team_member sm where sm.user_id = "
						+ scope.userId() + ")";
		return """
				select %s,
				       sum(case when o.due_date >= date '%s' then o.owed else 0 end),
				       sum(case when o.due_date < date '%s' and o.due_date >= date '%s' then o.owed else 0 end),
				       sum(case when o.due_date < date '%s' and o.due_date >= date '%s' then o.owed else 0 end),
				       sum(case when o.due_date < date '%s' and o.due_date >= date '%s' then o.owed else 0 end),
				       sum(case when o.due_date < date '%s' then o.owed else 0 end)
				from (%s and %s) o group by %s""".formatted(key, today, today,
				AgingBucket.DAYS_1_TO_30.earliestDue(today), AgingBucket.DAYS_1_TO_30.earliestDue(today),
				AgingBucket.DAYS_31_TO_60.earliestDue(today), AgingBucket.DAYS_31_TO_60.earliestDue(today),
				AgingBucket.DAYS_61_TO_90.earliestDue(today), AgingBucket.DAYS_61_TO_90.earliestDue(today),
				Receivables.OWED, condition, key);
	}

	private static int rows(DataSource dataSource, String sql) throws Exception {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rs = statement.executeQuery()) {
			int rows = 0;
			while (rs.next()) {
				rs.getBigDecimal(2);
				rows++;
			}
			return rows;
		}
	}

	/** Clients sending one request after another for the given time. */
	private static Figures measure(Callable<Void> request, int clients, int seconds) throws Exception {
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<List<Long>>> futures = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				futures.add(pool.submit(() -> {
					List<Long> times = new ArrayList<>();
					do {
						long started = System.nanoTime();
						request.call();
						times.add(System.nanoTime() - started);
					}
					while (System.nanoTime() < end);
					return times;
				}));
			}
			List<Long> all = new ArrayList<>();
			for (Future<List<Long>> future : futures) {
				all.addAll(future.get());
			}
			Collections.sort(all);
			return new Figures(all.size(), all.size() / (double) seconds, percentile(all, 50), percentile(all, 99));
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static double percentile(List<Long> sorted, int percent) {
		int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index)) / 1e6;
	}

	private static String token(HttpClient http, int port, String username) throws Exception {
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me/tokens"))
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString((username + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"days\":1}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return response.body().replaceAll(".*\"token\":\"([^\"]*)\".*", "$1");
	}

	/**
	 * KAMs and managers in teams, sharing the administrator's password hash, so each
	 * signs in with the administrator's password.
	 */
	private static void seedPeople(JdbcTemplate jdbc, int kams, int teams) {
		jdbc.update("""
				insert into app_user (username, display_name, password_hash, role, active, created_at, version)
				select 'bench-kam-' || k, 'Key Account Manager ' || k, u.password_hash, 'KAM', true, now(), 0
				from generate_series(1, ?) k, app_user u where u.username = 'admin'""", kams);
		jdbc.update("""
				insert into app_user (username, display_name, password_hash, role, active, created_at, version)
				select 'bench-manager-' || m, 'Manager ' || m, u.password_hash, 'MANAGER', true, now(), 0
				from generate_series(1, ?) m, app_user u where u.username = 'admin'""", teams);
		jdbc.update("""
				insert into team (name, manager_id, created_at, version)
				select 'Team ' || substr(u.username, 15), u.id, now(), 0 from app_user u
				where u.username like 'bench-manager-%'""");
		jdbc.update(
				"""
						update app_user u set team_id = t.id from team t
						where t.name = 'Team ' || (1 + (substr(u.username, 11)::int - 1) % ?) and u.username like 'bench-kam-%'""",
				teams);
		jdbc.update("update app_user u set team_id = t.id from team t where t.manager_id = u.id");
	}

	/**
	 * Active contracts on random accounts (a few accounts hold many), owned by the
	 * account's owner, signed over the last three years, each paid in equal quarterly
	 * instalments from its signing.
	 */
	private static void seedContracts(JdbcTemplate jdbc, int contracts, int instalments) {
		jdbc.update(
				"""
						insert into contract (number, account_id, signed_date, start_date, amount, owner_id, status,
						                      created_by, created_at, version)
						select 'HT-B-' || lpad(x::text, 7, '0'), a.id, g.signed, g.signed, g.amount, a.owner_id, 'ACTIVE',
						       a.owner_id, now(), 0
						from (select x, (select min(id) from account) + floor((select count(*) from account) * power(random(), 2))::int
						             as account, current_date - floor(random() * 1095)::int as signed,
						             round((? * exp(9 + 1.1 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::numeric,
						                   0) as amount
						      from generate_series(1, ?) x) g
						join account a on a.id = g.account""",
				instalments, contracts);
		jdbc.update("""
				insert into instalment (contract_id, account_id, due_date, amount)
				select c.id, c.account_id, c.signed_date + 30 + 91 * (k - 1), c.amount / ?
				from contract c, generate_series(1, ?) k
				order by c.account_id, k""", instalments, instalments);
	}

	/**
	 * Of the instalments due before today, three in four paid in full and one in ten half
	 * paid, each by a receipt allocated to it; the rest owed.
	 */
	private static void seedPayments(JdbcTemplate jdbc) {
		long admin = jdbc.queryForObject("select id from app_user where username = 'admin'", Long.class);
		jdbc.update("""
				insert into receipt (contract_id, account_id, received_on, amount, method, reference, recorded_by,
				                     recorded_at)
				select p.contract_id, p.account_id, least(current_date, p.due_date - 10 + floor(random() * 40)::int),
				       p.pay, 'BANK_TRANSFER', 'I' || p.id, ?, now()
				from (select i.*, case when u < 0.75 then i.amount when u < 0.85 then round(i.amount / 2, 2) end as pay
				      from (select i.*, random() as u from instalment i where i.due_date < current_date) i) p
				where p.pay is not null""", admin);
		jdbc.update("""
				insert into receipt_allocation (receipt_id, instalment_id, amount)
				select r.id, cast(substr(r.reference, 2) as bigint), r.amount from receipt r""");
		jdbc.update("""
				update instalment i set paid = a.amount from receipt_allocation a where a.instalment_id = i.id""");
	}

	/**
	 * Receipts for seeded contracts, a few contracts paid far more often (Pareto-like),
	 * lognormal amounts, dates in the last two years, the methods by their Chinese
	 * labels.
	 * @return the total amount
	 */
	private static BigDecimal receiptsFile(Path file, int rows, int contracts) throws IOException {
		Random random = new Random(15);
		LocalDate today = LocalDate.now();
		BigDecimal total = BigDecimal.ZERO;
		try (BufferedWriter out = Files.newBufferedWriter(file)) {
			out.write("合同编号,回款日期,回款金额,回款方式,银行流水号\n");
			for (int i = 0; i < rows; i++) {
				int contract = 1
						+ (int) Math.min(contracts - 1, Math.floor(contracts * Math.pow(random.nextDouble(), 3)));
				BigDecimal amount = BigDecimal.valueOf(Math.exp(8 + random.nextGaussian()))
					.setScale(2, RoundingMode.HALF_UP)
					.max(new BigDecimal("0.01"));
				total = total.add(amount);
				out.write(String.format("HT-B-%07d,%s,%s,%s,ERP-%d%n", contract, today.minusDays(random.nextInt(730)),
						amount.toPlainString(), METHODS[random.nextInt(METHODS.length)], i));
			}
		}
		return total;
	}

	private static ConfigurableApplicationContext start(EmbeddedPostgres postgres) {
		String url = postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
		return new SpringApplicationBuilder(DakehuApplication.class).run("--spring.datasource.url=" + url,
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--spring.datasource.hikari.maximum-pool-size=30", "--dakehu.demo-data.enabled=false",
				"--dakehu.admin.password=" + ADMIN_PASSWORD, "--server.port=0", "--logging.level.root=WARN");
	}

	private static CurrentUser admin(Users users) {
		UserSummary admin = users.findByUsername("admin").orElseThrow();
		return new CurrentUser(admin.id(), "admin", admin.displayName(), Role.ADMIN,
				RecordScope.everything(admin.id()));
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static String load() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).substring(0, 14).strip();
		}
		catch (IOException ex) {
			return "n/a";
		}
	}

	private record Scenario(String name, String username, long userId, AgingScope by) {
	}

	private record Figures(int requests, double perSecond, double p50, double p99) {

		@Override
		public String toString() {
			return String.format("%,d req, %.1f/s, p50 %.1f ms, p99 %.1f ms", this.requests, this.perSecond, this.p50,
					this.p99);
		}

	}

}
