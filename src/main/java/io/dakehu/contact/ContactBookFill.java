package io.dakehu.contact;

import java.sql.SQLException;
import java.sql.Statement;

import io.dakehu.account.AccountBookSql;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import org.springframework.stereotype.Component;

/**
 * Migration 179: puts the contacts stored before migration 178 in their accounts' books
 * (decision 0069), by the account module's own rule of whose book an account is in, in
 * one statement. Spring Boot hands Flyway every {@link JavaMigration} bean.
 */
@Component
class ContactBookFill implements JavaMigration {

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("179");
	}

	@Override
	public String getDescription() {
		return "contact book owner fill";
	}

	@Override
	public Integer getChecksum() {
		return 179;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		String owner = AccountBookSql.ownerOf("c.account_id");
		try (Statement update = context.getConnection().createStatement()) {
			// Only the rows whose book differs: those of archived and pooled accounts
			// stay as they are, and a second run writes nothing.
			update
				.executeUpdate("update contact c set book_owner_id = " + owner + " where c.book_owner_id <> " + owner);
		}
	}

}
