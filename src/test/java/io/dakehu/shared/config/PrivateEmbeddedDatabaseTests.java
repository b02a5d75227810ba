package io.dakehu.shared.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.dakehu.DakehuApplication;
import io.dakehu.support.Lanes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded default keeps its database to itself: no network server, a generated
 * password in an owner-only file, owner-only folders for the database and the uploads,
 * and a database from before with the empty password carried over.
 */
@ResourceLock(Lanes.OWN_DATABASES)
class PrivateEmbeddedDatabaseTests {

	private static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

	@TempDir
	Path folder;

	@Test
	void theFirstStartGeneratesAnOwnerOnlyPasswordThatTheDatabaseThenRequires() throws Exception {
		String url = url("data");
		StandardEnvironment environment = start(url, null);
		String password = environment.getProperty("spring.datasource.password");
		Path file = this.folder.resolve("data").resolve(PrivateEmbeddedDatabase.PASSWORD_FILE);

		assertThat(password).hasSizeGreaterThanOrEqualTo(32);
		assertThat(Files.readString(file, StandardCharsets.UTF_8).strip()).isEqualTo(password);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.folder.resolve("data"))))
			.isEqualTo("rwx------");
		try (Connection connection = DriverManager.getConnection(url, "sa", password)) {
			connection.createStatement().execute("create table kept (n int)");
		}
		assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close()).isInstanceOf(SQLException.class);

		assertThat(start(url, null).getProperty("spring.datasource.password")).as("the next start").isEqualTo(password);
	}

	@Test
	void aDatabaseCreatedWithTheEmptyPasswordGetsTheGeneratedOneAndKeepsItsData() throws Exception {
		String url = url("old");
		Files.createDirectories(this.folder.resolve("old"));
		Files.setPosixFilePermissions(this.folder.resolve("old"), PosixFilePermissions.fromString("rwxr-xr-x"));
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			connection.createStatement().execute("create table account (name varchar(50))");
			connection.createStatement().execute("insert into account values ('上海精密')");
		}

		String password = start(url, null).getProperty("spring.datasource.password");

		assertThat(password).isNotEmpty();
		assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close()).isInstanceOf(SQLException.class);
		try (Connection connection = DriverManager.getConnection(url, "sa", password)) {
			var rows = connection.createStatement().executeQuery("select name from account");
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("上海精密");
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.folder.resolve("old"))))
			.isEqualTo("rwx------");
	}

	@Test
	void aConfiguredPasswordIsUsedAsItIs() {
		String url = url("own");
		assertThat(start(url, "chosen-by-the-operator").getProperty("spring.datasource.password"))
			.isEqualTo("chosen-by-the-operator");
		assertThat(this.folder.resolve("own").resolve(PrivateEmbeddedDatabase.PASSWORD_FILE)).doesNotExist();
	}

	@Test
	void uploadsWaitInAnOwnerOnlyFolderBesideTheDatabase() throws IOException {
		Properties defaults = defaultProperties();
		assertThat(defaults.getProperty("dakehu.imports.directory")).isEqualTo("./data/imports");
		Path imports = this.folder.resolve("data").resolve("imports");
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("dakehu.imports.directory", imports.toString())));
		new PrivateEmbeddedDatabase((destination) -> destination.get()).postProcessEnvironment(environment,
				new SpringApplication());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(imports))).isEqualTo("rwx------");
	}

	@Test
	void theDefaultDatabaseOpensNoServerForAnotherProcess() throws Exception {
		String configured = defaultProperties().getProperty("spring.datasource.url");
		assertThat(configured).startsWith("jdbc:h2:file:./data/dakehu").doesNotContainIgnoringCase("AUTO_SERVER");
		String url = configured.replace("./data/", this.folder.resolve("data").toAbsolutePath() + "/");
		String password = start(url, null).getProperty("spring.datasource.password");
		try (Connection open = DriverManager.getConnection(url, "sa", password)) {
			// Another process on this machine, as the H2 console or a script would try.
			String h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.toString();
			String java = ProcessHandle.current().info().command().orElse("java");
			Process other = new ProcessBuilder(List.of(java, "-cp", h2, "org.h2.tools.Shell", "-url",
					url + ";AUTO_SERVER=TRUE", "-user", "sa", "-password", password, "-sql", "select 1"))
				.redirectErrorStream(true)
				.start();
			assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
			String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(output).as("the other process's answer").contains("90020");
			assertThat(open.isValid(5)).isTrue();
		}
	}

	private String url(String name) {
		return "jdbc:h2:file:" + this.folder.resolve(name).resolve("dakehu").toAbsolutePath() + OPTIONS;
	}

	private StandardEnvironment start(String url, String password) {
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.url", url);
		properties.put("spring.datasource.username", "sa");
		if (password != null) {
			properties.put("spring.datasource.password", password);
		}
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		new PrivateEmbeddedDatabase((destination) -> destination.get()).postProcessEnvironment(environment,
				new SpringApplication());
		return environment;
	}

	private static Properties defaultProperties() throws IOException {
		Properties properties = new Properties();
		try (InputStream in = DakehuApplication.class.getResourceAsStream("/application.properties")) {
			properties.load(in);
		}
		return properties;
	}

}
