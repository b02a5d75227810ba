package io.dakehu.account;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.dakehu.shared.DatabaseProduct;
import io.dakehu.shared.PostgresCopy;

import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes many new accounts at once, for {@link AccountService#openAll} (decision 0078).
 * On PostgreSQL a chunk's accounts are copied ({@link PostgresCopy}) with ids taken from
 * the table's sequence in one statement: as a batch of inserts each account cost a
 * statement of its own — its statement triggers (the filters' tally, decision 0068) and
 * the mapping layer's binding of each parameter — three times what copying the same rows
 * costs the database, and a third of the import's time in the application. The columns
 * are the ones the mapping writes on a save, read from it, so a field added to
 * {@link Account} is copied without being named here. On H2, and for a handful of
 * accounts, the repository saves them.
 */
@Component
class NewAccounts {

	/** Below this many accounts the repository's batch is as quick. */
	private static final int COPY_FROM = 50;

	private final AccountRepository accounts;

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final boolean postgres;

	private final RelationalPersistentEntity<?> entity;

	private final List<RelationalPersistentProperty> written = new ArrayList<>();

	private final List<String> columns = new ArrayList<>();

	NewAccounts(AccountRepository accounts, JdbcTemplate jdbc, DataSource dataSource, DatabaseProduct database,
			RelationalMappingContext mapping) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.postgres = database.postgres();
		this.entity = mapping.getRequiredPersistentEntity(Account.class);
		this.columns.add(this.entity.getRequiredIdProperty().getColumnName().getReference());
		for (RelationalPersistentProperty property : this.entity) {
			if (property.isIdProperty() || !property.isWritable()) {
				continue;
			}
			if (property.isEntity()) {
				// The team is written below; another collection would be lost silently.
				if (!property.getName().equals("team")) {
					throw new IllegalStateException("NewAccounts does not write Account." + property.getName());
				}
				continue;
			}
			this.written.add(property);
			this.columns.add(property.getColumnName().getReference());
		}
	}

	/**
	 * Inserts the accounts, none of them saved before.
	 * @return the same accounts with their ids and first version, in the same order
	 */
	List<Account> write(List<Account> opened) {
		if (!this.postgres || opened.size() < COPY_FROM) {
			return this.accounts.saveAll(opened);
		}
		List<Long> ids = PostgresCopy.newIds(this.jdbc, this.entity.getTableName().getReference(), opened.size());
		List<List<Object>> rows = new ArrayList<>(opened.size());
		List<Object[]> team = new ArrayList<>();
		for (int i = 0; i < opened.size(); i++) {
			Account account = opened.get(i);
			PersistentPropertyAccessor<Account> accessor = this.entity.getPropertyAccessor(account);
			accessor.setProperty(this.entity.getRequiredIdProperty(), ids.get(i));
			// What a first save sets: the version a new aggregate is written with.
			accessor.setProperty(this.entity.getRequiredVersionProperty(), 1);
			List<Object> row = new ArrayList<>(this.columns.size());
			row.add(ids.get(i));
			for (RelationalPersistentProperty property : this.written) {
				row.add(accessor.getProperty(property));
			}
			rows.add(row);
			for (Long userId : account.teamUserIds()) {
				team.add(new Object[] { ids.get(i), userId });
			}
		}
		PostgresCopy.copy(this.dataSource, this.entity.getTableName().getReference(), this.columns, rows);
		if (!team.isEmpty()) {
			this.jdbc.batchUpdate("insert into account_team_member (account_id, user_id) values (?, ?)", team);
		}
		return opened;
	}

}
