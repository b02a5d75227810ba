package io.dakehu.backup;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.SignedIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's backup and restore (decision 0022): a database with data of every kind, a
 * signed-in session and an import waiting for its owner's decision is backed up and
 * restored into a fresh database, which holds every table (as the catalogue lists them)
 * with the same rows. Started on the restored copy beside a folder of its own, the
 * application starts clean: the old host's pending import fails without touching the live
 * instance's file, and the old session cookie no longer signs anyone in.
 */
abstract class BackupRestoreTests extends ApiTestSupport {

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Autowired
	ImportJobs imports;

	@Autowired
	Users users;

	@Value("${dakehu.imports.directory}")
	Path liveImports;

	/** Backs the source up into the folder and restores it into a fresh database. */
	abstract Restored backUpAndRestore(DataSource source, Path folder) throws Exception;

	/** A fresh database holding a restored copy, and how the application reaches it. */
	record Restored(DataSource dataSource, List<String> arguments) {
	}

	@Test
	void aRestoredCopyHoldsEveryTableAndStartsClean(@TempDir Path folder) throws Exception {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Backup Co")).expect(201).id();
		this.given.contact(kam, account, Fixtures.unique("Backup Contact")).expect(201);
		this.given.activity(kam, account, "Quarterly review before the backup").expect(201);
		ImportJobView pending = pendingImport();
		Path pendingFile = storedFile(pending.id());
		assertThat(pendingFile).as("the pending import's upload, in the live folder").exists();
		SignedIn session = SignedIn.as(this.port, kam, Api.USER_PASSWORD);
		assertThat(session.get("/profile", "en").status()).isEqualTo(200);

		Map<String, String> before = null;
		Restored restored = null;
		// The application's own jobs (the mail outbox retrying, the session cleaner) may
		// write while the copy is made: the comparison only means something for a copy
		// taken while the source stood still, so a copy the source moved under is taken
		// again.
		for (int attempt = 1; attempt <= 5 && restored == null; attempt++) {
			Map<String, String> start = fingerprints(this.dataSource);
			Restored copy = backUpAndRestore(this.dataSource,
					java.nio.file.Files.createDirectories(folder.resolve("attempt-" + attempt)));
			if (contentsOnly(fingerprints(this.dataSource)).equals(contentsOnly(start))) {
				before = start;
				restored = copy;
			}
		}
		assertThat(restored).as("a copy taken while the source stood still, in five attempts").isNotNull();
		Map<String, String> after = fingerprints(restored.dataSource());

		assertThat(before).as("tables of the source")
			.containsKeys("account", "contact", "activity", "import_job", "spring_session", "instance_mark",
					"flyway_schema_history");
		assertThat(before.get("import_job")).doesNotStartWith("0 rows");
		assertThat(before.get("spring_session")).doesNotStartWith("0 rows");
		assertThat(contentsOnly(after)).as("every table's row count and checksum").isEqualTo(contentsOnly(before));

		List<String> arguments = new ArrayList<>(restored.arguments());
		arguments.addAll(List.of("--server.port=0", "--dakehu.demo-data.enabled=false",
				"--dakehu.imports.directory=" + folder.resolve("imports")));
		try (ConfigurableApplicationContext copy = new SpringApplicationBuilder(DakehuApplication.class)
			.profiles("test")
			.run(arguments.toArray(String[]::new))) {
			int copyPort = ((WebServerApplicationContext) copy).getWebServer().getPort();
			ImportJobView failed = copy.getBean(ImportJobs.class).get(admin(copy.getBean(Users.class)), pending.id());
			assertThat(failed.status()).isEqualTo(ImportStatus.FAILED);
			assertThat(failed.message()).contains("restored");
			assertThat(failed.committedRows()).isZero();
			assertThat(count(copy.getBean(DataSource.class), "spring_session")).isZero();
			String cookie = session.cookie("SESSION");
			assertThat(profile(this.port, cookie).statusCode()).as("the session cookie on the live instance")
				.isEqualTo(200);
			HttpResponse<String> oldCookie = profile(copyPort, cookie);
			assertThat(oldCookie.statusCode()).as("the old session cookie on the restored copy").isEqualTo(302);
			assertThat(oldCookie.headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
		}
		assertThat(pendingFile).as("the live instance's upload").exists();
		assertThat(this.imports.get(admin(this.users), pending.id()).status()).as("the live instance's import")
			.isEqualTo(ImportStatus.VALIDATED);
		assertThat(session.get("/profile", "en").status()).as("the live session").isEqualTo(200);
	}

	/** The profile page as a browser holding only this session cookie asks for it. */
	private static HttpResponse<String> profile(int port, String sessionCookie) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/profile"))
				.header("Cookie", "SESSION=" + sessionCookie)
				.header("Accept", "text/html,application/xhtml+xml,*/*")
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** An order import with a rejected row: it waits for its owner's decision. */
	private ImportJobView pendingImport() {
		String csv = "account,date,amount,reference\nNobody Ltd " + Fixtures.unique("x") + ",2024-01-16,10,B1\n";
		ImportJobView job = this.imports.runNow(admin(this.users),
				new ImportRequest(ImportType.ORDERS, "orders.csv", false, null, Fixtures.unique("backup"), null),
				new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "TEST", false);
		assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.VALIDATED);
		return job;
	}

	private Path storedFile(long job) {
		String stored = this.jdbc.sql("select stored_file from import_job where id = :id")
			.param("id", job)
			.query(String.class)
			.single();
		assertThat(stored).as("stored relative to the imports folder").doesNotContain("/").doesNotContain("\\");
		return this.liveImports.resolve(stored);
	}

	private static CurrentUser admin(Users users) {
		UserSummary admin = users.findByUsername(Api.ADMIN).orElseThrow();
		return new CurrentUser(admin.id(), Api.ADMIN, "Administrator", Role.ADMIN, RecordScope.everything(admin.id()));
	}

	static long count(DataSource dataSource, String table) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/**
	 * Every table of the public schema, as the catalogue lists them, with its row count
	 * and a SHA-256 over its rows (each row's columns as text, binary columns in hex; the
	 * rows sorted, so the order they are read in does not count).
	 */
	static Map<String, String> fingerprints(DataSource dataSource) throws Exception {
		Map<String, String> fingerprints = new TreeMap<>();
		try (Connection connection = dataSource.getConnection()) {
			List<String> tables = new ArrayList<>();
			try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("""
					select table_name from information_schema.tables
					where lower(table_schema) = 'public' and table_type = 'BASE TABLE'""")) {
				while (rs.next()) {
					tables.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
				}
			}
			for (String table : tables) {
				fingerprints.put(table, fingerprint(connection, table));
			}
		}
		return fingerprints;
	}

	private static String fingerprint(Connection connection, String table) throws Exception {
		List<String> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select * from " + table)) {
			ResultSetMetaData columns = rs.getMetaData();
			while (rs.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= columns.getColumnCount(); i++) {
					int type = columns.getColumnType(i);
					boolean binary = type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY
							|| type == Types.BLOB;
					byte[] bytes = binary ? rs.getBytes(i) : null;
					String text = binary ? ((bytes != null) ? HexFormat.of().formatHex(bytes) : null) : rs.getString(i);
					row.append((text != null) ? text : "\u0000null").append('\u0001');
				}
				rows.add(row.toString());
			}
		}
		Collections.sort(rows);
		MessageDigest sha = MessageDigest.getInstance("SHA-256");
		for (String row : rows) {
			sha.update(row.getBytes(StandardCharsets.UTF_8));
			sha.update((byte) '\n');
		}
		return rows.size() + " rows, sha256 " + HexFormat.of().formatHex(sha.digest());
	}

	/**
	 * The fingerprints with the nodes' coordination rows (the scheduled jobs' locks and
	 * the heartbeat, which the running application rewrites every few seconds while the
	 * copy is made) reduced to their row count: they are no data a restore must keep.
	 */
	private static Map<String, String> contentsOnly(Map<String, String> fingerprints) {
		Map<String, String> contents = new java.util.TreeMap<>(fingerprints);
		for (String table : List.of("shedlock", "app_node")) {
			contents.computeIfPresent(table, (name, print) -> print.replaceFirst(", sha256 .*", ""));
		}
		return contents;
	}

}
