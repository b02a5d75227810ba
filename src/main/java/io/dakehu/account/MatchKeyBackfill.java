package io.dakehu.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import org.springframework.stereotype.Component;

/**
 * Migration 86: fills {@code account.match_key} (added by migration 85) for the accounts
 * stored before it, with the same Java rule the application writes it by
 * ({@link AccountNames#matchKey}), which SQL cannot express alike on H2 and PostgreSQL.
 * Reads and writes in pages of ids, so memory stays flat however many accounts there are.
 * Spring Boot hands Flyway every {@link JavaMigration} bean.
 */
@Component
class MatchKeyBackfill implements JavaMigration {

	private static final int PAGE = 1000;

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("86");
	}

	@Override
	public String getDescription() {
		return "account match key backfill";
	}

	@Override
	public Integer getChecksum() {
		return 86;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		long after = 0;
		int read;
		do {
			read = 0;
			try (PreparedStatement select = connection.prepareStatement(
					"select id, name from account where id > ? order by id fetch first " + PAGE + " rows only");
					PreparedStatement update = connection
						.prepareStatement("update account set match_key = ? where id = ?")) {
				select.setLong(1, after);
				try (ResultSet rows = select.executeQuery()) {
					while (rows.next()) {
						after = rows.getLong(1);
						update.setString(1, AccountNames.matchKey(rows.getString(2)));
						update.setLong(2, after);
						update.addBatch();
						read++;
					}
				}
				if (read > 0) {
					update.executeBatch();
				}
			}
		}
		while (read == PAGE);
	}

}
