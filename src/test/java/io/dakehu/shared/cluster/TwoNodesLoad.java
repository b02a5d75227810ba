package io.dakehu.shared.cluster;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load of {@code bench/two-nodes.sh}: a number of users (50 by default) behind the
 * load balancer, each with its own cookies, for a bounded time, doing a mix of what KAMs
 * do (account list, search, account page, edit with version, import of a small CSV) with
 * a think time between steps. Before the clock starts, each user signs in once through
 * the login form (the pages then go by the session cookie, as a browser's do) and makes a
 * personal access token with their password (the API calls then carry it as a bearer
 * token, as an integration's do): a password checked on every request would measure
 * bcrypt, and a burst of fifty from one address is what the sign-in throttle is there to
 * refuse; the first user is the administrator and also starts a segmentation run every 20
 * seconds. Halfway through, one node is killed with SIGKILL. Afterwards every
 * acknowledged write is looked up in the database (an edit's value or a later one of the
 * same user, an import's rows, a run's row) and the figures are printed: requests, errors
 * in flight at the kill and elsewhere, p50/p99 outside the kill window, lost writes. Not
 * a test of the build: run by the script, with system properties {@code bench.url},
 * {@code bench.jdbc}, {@code bench.seconds}, {@code bench.users}, {@code bench.kill-pid},
 * {@code bench.password}, {@code bench.admin-password}.
 */
public final class TwoNodesLoad {

	/** After the kill, the time the load balancer takes to notice; reported apart. */
	private static final long KILL_WINDOW_NANOS = Duration.ofSeconds(5).toNanos();

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

	private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

	private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]*)\"");

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]*)\"");

	private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");

	private final String url = System.getProperty("bench.url", "http://127.0.0.1:18090");

	private final int users = Integer.getInteger("bench.users", 50);

	private final int seconds = Integer.getInteger("bench.seconds", 300);

	private final long thinkMillis = Long.getLong("bench.think-ms", 1000);

	private final long killPid = Long.getLong("bench.kill-pid", 0);

	private final String password = System.getProperty("bench.password", "Quiet-Harbor-7319");

	private final String adminPassword = System.getProperty("bench.admin-password", "bench-secret");

	private final int warmupSeconds = Integer.getInteger("bench.warmup-seconds", 30);

	/**
	 * When the measured part starts: the calls of the warm-up before it are only counted.
	 */
	private long origin = System.nanoTime();

	private final java.util.concurrent.atomic.AtomicLong warmupCalls = new java.util.concurrent.atomic.AtomicLong();

	private final java.util.concurrent.atomic.AtomicLong warmupErrors = new java.util.concurrent.atomic.AtomicLong();

	private volatile long killedAt = -1;

	private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

	/** Per account: the highest edit number acknowledged, and its user. */
	private final Map<Long, Long> acknowledgedEdits = new ConcurrentHashMap<>();

	/** Import jobs acknowledged (202/201) with the account names of their file. */
	private final Map<Long, List<String>> imports = new ConcurrentHashMap<>();

	/** Import jobs' owners, to read them back. */
	private final Map<Long, Integer> importOwners = new ConcurrentHashMap<>();

	/** Segmentation runs acknowledged. */
	private final List<Long> runs = java.util.Collections.synchronizedList(new ArrayList<>());

	record Call(String kind, long start, long end, int status) {

		boolean failed() {
			return this.status <= 0 || this.status >= 500 || (this.status >= 400 && this.status != 429);
		}

	}

	public static void main(String[] args) throws Exception {
		new TwoNodesLoad().run();
	}

	private void run() throws Exception {
		List<User> people = new ArrayList<>();
		for (int u = 0; u < this.users; u++) {
			User user = new User(u);
			user.signIn();
			people.add(user);
		}
		System.out.printf("%d users signed in and holding a token%n", people.size());
		// Fresh JVMs compile as they go: the first half minute of the same mix warms both
		// nodes (and fills their caches) before anything is measured.
		this.origin = System.nanoTime() + Duration.ofSeconds(this.warmupSeconds).toNanos();
		long end = this.origin + Duration.ofSeconds(this.seconds).toNanos();
		CountDownLatch done = new CountDownLatch(this.users);
		for (int u = 0; u < this.users; u++) {
			User user = people.get(u);
			Thread thread = new Thread(() -> {
				try {
					user.work(end);
				}
				finally {
					done.countDown();
				}
			}, "user-" + u);
			thread.start();
		}
		if (this.killPid > 0) {
			Thread.sleep(Duration.ofSeconds(this.warmupSeconds).toMillis());
			Thread.sleep(Duration.ofSeconds(this.seconds).toMillis() / 2);
			this.killedAt = System.nanoTime();
			boolean killed = ProcessHandle.of(this.killPid).map(ProcessHandle::destroyForcibly).orElse(false);
			System.out.printf("killed node pid %d with SIGKILL at %.1f s: %s%n", this.killPid,
					seconds(this.killedAt - this.origin), killed);
		}
		done.await();
		report();
	}

	private final class User {

		private final int number;

		private final Random random;

		private final HttpClient http;

		private final String username;

		private final String secret;

		/** The personal access token, once {@link #signIn()} has made it. */
		private String auth;

		private final List<Long> accounts = new ArrayList<>();

		private long edits;

		private long nextRun;

		User(int number) {
			this.number = number;
			this.random = new Random(42 + number);
			this.http = HttpClient.newBuilder()
				.cookieHandler(new CookieManager())
				.connectTimeout(Duration.ofSeconds(5))
				.version(HttpClient.Version.HTTP_1_1)
				.build();
			this.username = admin() ? "admin" : "bench-kam-" + number;
			this.secret = admin() ? TwoNodesLoad.this.adminPassword : TwoNodesLoad.this.password;
		}

		/** The login form for the session cookie, then a token made with the password. */
		void signIn() throws IOException, InterruptedException {
			String form = this.http
				.send(HttpRequest.newBuilder(URI.create(TwoNodesLoad.this.url + "/login")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			Matcher csrf = CSRF.matcher(form);
			if (!csrf.find()) {
				throw new IllegalStateException("no sign-in form token on /login");
			}
			String fields = "username=" + encode(this.username) + "&password=" + encode(this.secret) + "&_csrf="
					+ encode(csrf.group(1));
			HttpResponse<String> signedIn = this.http
				.send(HttpRequest.newBuilder(URI.create(TwoNodesLoad.this.url + "/login"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(fields))
					.build(), HttpResponse.BodyHandlers.ofString());
			String landing = signedIn.headers().firstValue("Location").orElse("");
			if (signedIn.statusCode() != 302 || landing.contains("error")) {
				throw new IllegalStateException(this.username + " could not sign in: " + signedIn.statusCode());
			}
			String basic = "Basic " + Base64.getEncoder()
				.encodeToString((this.username + ":" + this.secret).getBytes(StandardCharsets.UTF_8));
			HttpResponse<String> token = this.http
				.send(HttpRequest.newBuilder(URI.create(TwoNodesLoad.this.url + "/api/v1/me/tokens"))
					.header("Authorization", basic)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"two nodes\",\"days\":1}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			Matcher made = TOKEN.matcher(token.body());
			if (token.statusCode() != 201 || !made.find()) {
				throw new IllegalStateException(this.username + " got no token: " + token.statusCode());
			}
			this.auth = "Bearer " + made.group(1);
		}

		private boolean admin() {
			return this.number == 0;
		}

		void work(long end) {
			// Spread the users' starts over the first think time.
			sleep(this.random.nextInt((int) Math.max(1, TwoNodesLoad.this.thinkMillis)));
			HttpResponse<String> own = send("list", get("/api/v1/accounts?size=100&owner=bench-kam-" + this.number));
			if (own != null && own.statusCode() == 200) {
				Matcher ids = ID.matcher(own.body());
				while (ids.find()) {
					this.accounts.add(Long.parseLong(ids.group(1)));
				}
			}
			this.nextRun = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (System.nanoTime() < end) {
				step();
				sleep((long) (TwoNodesLoad.this.thinkMillis * (0.5 + this.random.nextDouble())));
			}
		}

		private void step() {
			if (admin() && System.nanoTime() >= this.nextRun) {
				this.nextRun = System.nanoTime() + Duration.ofSeconds(20).toNanos();
				HttpResponse<String> run = send("segmentation run",
						post("/api/v1/segmentation/runs", "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
				if (run != null && run.statusCode() == 201) {
					TwoNodesLoad.this.runs.add(id(run.body()));
				}
				return;
			}
			double r = this.random.nextDouble();
			if (r < 0.30 || this.accounts.isEmpty()) {
				send("list", get("/api/v1/accounts?page=" + this.random.nextInt(5) + "&sort=name"));
			}
			else if (r < 0.50) {
				send("search", get("/api/v1/accounts?q=customer%20" + (1 + this.random.nextInt(999))));
			}
			else if (r < 0.70) {
				send("account page", page("/accounts/" + account()));
			}
			else if (r < 0.97) {
				edit(account());
			}
			else {
				upload();
			}
		}

		private long account() {
			return this.accounts.get(this.random.nextInt(this.accounts.size()));
		}

		/** Reads the account and writes a new description with the version read. */
		private void edit(long id) {
			HttpResponse<String> read = send("edit: read", get("/api/v1/accounts/" + id));
			if (read == null || read.statusCode() != 200) {
				return;
			}
			long edit = ++this.edits;
			String body = "{\"name\":" + quoted(NAME.matcher(read.body())) + ",\"description\":\"u" + this.number + "-"
					+ edit + "\",\"version\":" + first(VERSION.matcher(read.body())) + "}";
			HttpResponse<String> written = send("edit: write",
					HttpRequest.newBuilder(URI.create(TwoNodesLoad.this.url + "/api/v1/accounts/" + id))
						.header("Authorization", this.auth)
						.header("Content-Type", "application/json")
						.PUT(HttpRequest.BodyPublishers.ofString(body)));
			if (written != null && written.statusCode() == 200) {
				TwoNodesLoad.this.acknowledgedEdits.merge(id, edit, Math::max);
			}
		}

		private void upload() {
			List<String> names = new ArrayList<>();
			StringBuilder csv = new StringBuilder("name,industry\n");
			String batch = UUID.randomUUID().toString().substring(0, 8);
			for (int i = 1; i <= 5; i++) {
				String name = "Imported " + batch + " " + i;
				names.add(name);
				csv.append(name).append(",Bench\n");
			}
			String boundary = UUID.randomUUID().toString();
			String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\naccounts\r\n--"
					+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"accounts.csv\"\r\n"
					+ "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
			HttpResponse<String> answer = send("import", post("/api/v1/imports",
					"multipart/form-data; boundary=" + boundary, body.getBytes(StandardCharsets.UTF_8)));
			if (answer != null && answer.statusCode() / 100 == 2) {
				long job = id(answer.body());
				TwoNodesLoad.this.imports.put(job, names);
				TwoNodesLoad.this.importOwners.put(job, this.number);
			}
		}

		private HttpRequest.Builder get(String path) {
			return HttpRequest.newBuilder(URI.create(TwoNodesLoad.this.url + path))
				.header("Authorization", this.auth)
				.timeout(Duration.ofSeconds(30));
		}

		/** A page goes by the session cookie alone, as a browser's request does. */
		private HttpRequest.Builder page(String path) {
			return HttpRequest.newBuilder(URI.create(TwoNodesLoad.this.url + path)).timeout(Duration.ofSeconds(30));
		}

		private HttpRequest.Builder post(String path, String type, byte[] body) {
			return HttpRequest.newBuilder(URI.create(TwoNodesLoad.this.url + path))
				.header("Authorization", this.auth)
				.header("Content-Type", type)
				.timeout(Duration.ofSeconds(60))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		}

		HttpResponse<String> send(String kind, HttpRequest.Builder request) {
			long start = System.nanoTime();
			try {
				HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				record(new Call(kind, start, System.nanoTime(), response.statusCode()));
				return response;
			}
			catch (IOException ex) {
				record(new Call(kind, start, System.nanoTime(), 0));
				return null;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}

	}

	private void record(Call call) {
		if (call.start() < this.origin) {
			this.warmupCalls.incrementAndGet();
			this.warmupErrors.addAndGet(call.failed() ? 1 : 0);
		}
		else {
			this.calls.add(call);
		}
	}

	private static String encode(String value) {
		return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String quoted(Matcher matcher) {
		return matcher.find() ? "\"" + matcher.group(1) + "\"" : "\"?\"";
	}

	private static String first(Matcher matcher) {
		return matcher.find() ? matcher.group(1) : "0";
	}

	private static long id(String body) {
		Matcher matcher = ID.matcher(body);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private void report() throws SQLException {
		List<Call> all = new ArrayList<>(this.calls);
		long kill = this.killedAt;
		List<Call> inFlight = new ArrayList<>();
		List<Call> window = new ArrayList<>();
		List<Call> outside = new ArrayList<>();
		for (Call call : all) {
			if (kill > 0 && call.start() <= kill && call.end() >= kill) {
				inFlight.add(call);
			}
			else if (kill > 0 && call.start() > kill && call.start() <= kill + KILL_WINDOW_NANOS) {
				window.add(call);
			}
			else {
				outside.add(call);
			}
		}
		System.out.printf("warm-up: %d requests in %d s, %d errors (not in the figures below)%n",
				this.warmupCalls.get(), this.warmupSeconds, this.warmupErrors.get());
		System.out.printf("requests: %d in %d s by %d users (%.1f/s)%n", all.size(), this.seconds, this.users,
				all.size() / (double) this.seconds);
		Map<String, int[]> kinds = new java.util.TreeMap<>();
		for (Call call : all) {
			int[] counts = kinds.computeIfAbsent(call.kind(), (k) -> new int[3]);
			counts[0]++;
			counts[1] += call.failed() ? 1 : 0;
			counts[2] += (call.status() == 429) ? 1 : 0;
		}
		kinds.forEach((kind, counts) -> {
			List<Call> steady = outside.stream().filter((c) -> c.kind().equals(kind)).toList();
			System.out.printf("  %-18s %6d requests, %d errors%s; outside the kill window p50 %.1f ms, p99 %.1f ms%n",
					kind, counts[0], counts[1],
					(counts[2] > 0) ? ", " + counts[2] + " refused 429 (per-user import limit)" : "",
					percentile(steady, 50), percentile(steady, 99));
		});
		System.out.printf("errors: %d in flight at the kill (of %d in flight), %d in the %d s after it, %d elsewhere%n",
				inFlight.stream().filter(Call::failed).count(), inFlight.size(),
				window.stream().filter(Call::failed).count(), KILL_WINDOW_NANOS / 1_000_000_000L,
				outside.stream().filter(Call::failed).count());
		java.util.stream.Stream.of(inFlight, window, outside)
			.flatMap(List::stream)
			.filter(Call::failed)
			.limit(20)
			.forEach((call) -> System.out.printf("  error: %s status %d at %.1f s%n", call.kind(), call.status(),
					seconds(call.start() - this.origin)));
		System.out.printf("latency outside the kill window: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d requests)%n",
				percentile(outside, 50), percentile(outside, 99), percentile(outside, 100), outside.size());
		System.out.printf("latency of all requests:         p50 %.1f ms, p99 %.1f ms%n", percentile(all, 50),
				percentile(all, 99));
		checkWrites();
	}

	private static double percentile(List<Call> calls, int p) {
		if (calls.isEmpty()) {
			return 0;
		}
		long[] durations = calls.stream().mapToLong((c) -> c.end() - c.start()).sorted().toArray();
		int index = Math.min(durations.length - 1, (int) Math.ceil(p / 100.0 * durations.length) - 1);
		return durations[Math.max(0, index)] / 1e6;
	}

	/**
	 * Every acknowledged write, looked up in the database after the imports settled.
	 */
	private void checkWrites() throws SQLException {
		String jdbc = System.getProperty("bench.jdbc");
		if (jdbc == null) {
			return;
		}
		try (Connection db = DriverManager.getConnection(jdbc, System.getProperty("bench.jdbc-user", "postgres"),
				System.getProperty("bench.jdbc-password", "x"))) {
			// Imports still running on the survivor finish; those of the killed node are
			// failed by recovery once its heartbeat is 30 s old.
			long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (count(db, "select count(*) from import_job where status in ('VALIDATING', 'COMMITTING')") > 0
					&& System.nanoTime() < deadline) {
				sleep(1000);
			}
			long lostEdits = 0;
			for (Map.Entry<Long, Long> edit : this.acknowledgedEdits.entrySet()) {
				try (PreparedStatement read = db.prepareStatement("select description from account where id = ?")) {
					read.setLong(1, edit.getKey());
					try (ResultSet rs = read.executeQuery()) {
						String value = rs.next() ? rs.getString(1) : null;
						long stored = (value != null && value.contains("-"))
								? Long.parseLong(value.substring(value.indexOf('-') + 1)) : -1;
						// One user edits an account; a later edit (in flight at the kill,
						// committed but not answered) may stand in its place.
						if (stored < edit.getValue()) {
							lostEdits++;
							System.out.printf("  lost edit: account %d has %s, edit %d was acknowledged%n",
									edit.getKey(), value, edit.getValue());
						}
					}
				}
			}
			Map<String, Integer> statuses = new java.util.TreeMap<>();
			long lostImports = 0;
			for (Map.Entry<Long, List<String>> job : this.imports.entrySet()) {
				String status = string(db, "select status from import_job where id = " + job.getKey());
				statuses.merge(String.valueOf(status), 1, Integer::sum);
				if ("COMMITTED".equals(status)) {
					try (PreparedStatement read = db
						.prepareStatement("select count(*) from account where name = any (?)")) {
						read.setArray(1, db.createArrayOf("varchar", job.getValue().toArray()));
						try (ResultSet rs = read.executeQuery()) {
							rs.next();
							if (rs.getLong(1) != job.getValue().size()) {
								lostImports++;
							}
						}
					}
				}
			}
			long lostRuns = 0;
			for (long run : this.runs) {
				lostRuns += count(db, "select count(*) from segmentation_run where id = " + run) == 1 ? 0 : 1;
			}
			long interrupted = count(db,
					"select count(*) from import_job where status = 'FAILED' and message = 'import.interrupted'");
			System.out.printf(
					"acknowledged writes: %d accounts edited (last edit of each checked), %d imports %s,"
							+ " %d segmentation runs%n",
					this.acknowledgedEdits.size(), this.imports.size(), statuses, this.runs.size());
			System.out.printf("imports failed as interrupted (their node was killed): %d%n", interrupted);
			System.out.printf("lost writes: %d (edits %d, committed imports missing rows %d, runs %d)%n",
					lostEdits + lostImports + lostRuns, lostEdits, lostImports, lostRuns);
		}
	}

	private static long count(Connection db, String sql) throws SQLException {
		try (ResultSet rs = db.createStatement().executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static String string(Connection db, String sql) throws SQLException {
		try (ResultSet rs = db.createStatement().executeQuery(sql)) {
			return rs.next() ? rs.getString(1) : null;
		}
	}

}
