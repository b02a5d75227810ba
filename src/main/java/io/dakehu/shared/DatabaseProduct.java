package io.dakehu.shared;

import java.sql.DatabaseMetaData;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Which of the two databases Dakehu runs on, asked of the connection once at start-up:
 * the few statements whose fastest form differs between PostgreSQL and the embedded H2
 * (derived tables read once, key lookups, planner settings) choose by it.
 */
@Component
public class DatabaseProduct {

	private final boolean postgres;

	public DatabaseProduct(DataSource dataSource) {
		try {
			String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
			this.postgres = product.toLowerCase(Locale.ROOT).contains("postgres");
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Cannot tell which database the application runs on", ex);
		}
	}

	/** True on PostgreSQL, false on the embedded H2 (the only other database run). */
	public boolean postgres() {
		return this.postgres;
	}

}
