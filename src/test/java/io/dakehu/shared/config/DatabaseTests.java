package io.dakehu.shared.config;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite really runs on the database it claims, with every migration applied by
 * Flyway.
 */
abstract class DatabaseTests extends ApiTestSupport {

	@Autowired
	List<JavaMigration> javaMigrations;

	@Autowired
	private DataSource dataSource;

	/** As the JDBC driver names it: {@code H2} or {@code PostgreSQL}. */
	abstract String expectedProduct();

	@Test
	void runsOnTheExpectedDatabase() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo(expectedProduct());
		}
	}

	@Test
	void appliedEveryMigrationSuccessfully() throws IOException {
		// The common migrations plus this database's own folder (db/vendor/h2 or
		// db/vendor/postgresql), and the migrations written in Java.
		String vendor = expectedProduct().toLowerCase(java.util.Locale.ROOT);
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		List<String> files = java.util.stream.Stream
			.concat(Arrays.stream(resolver.getResources("classpath:db/migration/V*__*.sql")),
					Arrays.stream(resolver.getResources("classpath:db/vendor/" + vendor + "/V*__*.sql")))
			.map(Resource::getFilename)
			.map((name) -> name.substring(1, name.indexOf("__")))
			.collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
		this.javaMigrations.forEach((migration) -> files.add(migration.getVersion().getVersion()));
		List<String> applied = this.jdbc
			.sql("select version from flyway_schema_history where success = true and version is not null")
			.query(String.class)
			.list()
			.stream()
			.sorted()
			.toList();
		assertThat(files).isNotEmpty();
		assertThat(applied).containsExactlyInAnyOrderElementsOf(files);
	}

	@Test
	void reportsHealthUpWithoutLogin() {
		Response health = this.api.get(null, "/actuator/health").expect(200);
		assertThat(health.text("status")).isEqualTo("UP");
	}

	@Test
	void createdTheFirstAdministratorOnTheEmptyDatabase() {
		assertThat(this.jdbc.sql("select role from app_user where username = 'admin'").query(String.class).single())
			.isEqualTo("ADMIN");
	}

}
