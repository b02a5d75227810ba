package io.dakehu.opportunity;

import java.sql.SQLException;
import java.sql.Statement;

import io.dakehu.account.AccountScopeSql;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import org.springframework.stereotype.Component;

/**
 * Migration 185: keeps on the deals stored before migration 184 their accounts' owners
 * (decision 0074), by the account module's own expression, in one statement. Spring Boot
 * hands Flyway every {@link JavaMigration} bean.
 */
@Component
class OpportunityAccountOwnerFill implements JavaMigration {

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("185");
	}

	@Override
	public String getDescription() {
		return "opportunity account owner fill";
	}

	@Override
	public Integer getChecksum() {
		return 185;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		String owner = AccountScopeSql.ownerOf("o.account_id");
		try (Statement update = context.getConnection().createStatement()) {
			// Only the deals whose account has an owner to keep: those without an account
			// or on a pooled one stay at 0, and a second run writes nothing.
			update.executeUpdate(
					"update opportunity o set account_owner_id = " + owner + " where o.account_owner_id <> " + owner);
		}
	}

}
