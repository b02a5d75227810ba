package io.dakehu.shared.config;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The postgres profile is production: starting it against anything but PostgreSQL is a
 * misconfiguration that would silently lose data into a file, so start-up stops. On H2 a
 * warning says it is not for production.
 */
@Component
@Order(0)
class DatabaseGuard implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DatabaseGuard.class);

	private final DataSource dataSource;

	private final boolean requirePostgres;

	DatabaseGuard(DataSource dataSource, @Value("${dakehu.database.require-postgres:false}") boolean requirePostgres) {
		this.dataSource = dataSource;
		this.requirePostgres = requirePostgres;
		check();
	}

	private void check() {
		String product;
		try (Connection connection = this.dataSource.getConnection()) {
			product = connection.getMetaData().getDatabaseProductName();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach the database", ex);
		}
		boolean postgres = product.toLowerCase().contains("postgres");
		if (this.requirePostgres && !postgres) {
			throw new IllegalStateException(
					"The postgres profile needs a PostgreSQL database (DAKEHU_DB_URL), but found " + product);
		}
		if (!postgres) {
			log.warn("Running on the embedded {} database: fine for trying Dakehu, not for production data", product);
		}
	}

	@Override
	public void run(ApplicationArguments args) {
		// The check runs at construction, before the web server accepts requests.
	}

}
