package io.dakehu.shared;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets a set-based statement join a heavy derived table (a fragment another module
 * publishes, with a window or a grouping inside) on H2 as cheaply as on PostgreSQL.
 * <p>
 * H2 evaluates a derived table on the inner side of a join once per row of the outer
 * side: a churn run joining the purchase rhythm (a window over every order line) to 89
 * demo customers took 36 seconds, and the time grew with customers × order lines.
 * PostgreSQL plans the same join as one pass over each side. So on H2 the derived table
 * is first written to a temporary table keyed by its unique column, read by the join
 * through that key; the table belongs to the caller's transaction (created without ending
 * it, dropped when it commits or rolls back). On PostgreSQL the derived table is returned
 * as it is.
 */
@Component
public class DerivedTables {

	private static final AtomicLong names = new AtomicLong();

	private final JdbcClient jdbc;

	private final boolean h2;

	public DerivedTables(JdbcClient jdbc, DatabaseProduct database) {
		this.jdbc = jdbc;
		this.h2 = !database.postgres();
	}

	/**
	 * What to write after {@code from} or {@code join} to read the derived table once.
	 * @param derivedTable a parenthesised sub-select with at most one row per value of
	 * {@code uniqueColumn} (H2 refuses a second, so a fragment that breaks its promise
	 * fails loudly instead of doubling rows)
	 * @param uniqueColumn the column the join reads it by
	 * @param params the derived table's parameters
	 */
	public String readOnce(String derivedTable, String uniqueColumn, Map<String, Object> params) {
		if (!this.h2) {
			return derivedTable;
		}
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			// Outside a transaction the table would be dropped as soon as it is filled.
			throw new IllegalStateException("A derived table is read once only inside a transaction");
		}
		String name = "derived_once_" + names.incrementAndGet();
		this.jdbc
			.sql("create local temporary table " + name + " (primary key (" + uniqueColumn
					+ ")) on commit drop transactional as select * from " + derivedTable + " d")
			.params(params)
			.update();
		// Dropped before the commit too: H2 (2.3) drops a table made to go with its
		// commit after the commit, and its session then holds the lock on H2's own
		// tables until the connection is handed back. What runs after the commit in the
		// same thread and draws from an identity's sequence on another connection waited
		// for that lock and failed at its timeout: the notices a churn run asks for,
		// delivered once it commits, were lost on the embedded database. A rollback
		// drops the table with the rest and leaves no lock.
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void beforeCommit(boolean readOnly) {
				DerivedTables.this.jdbc.sql("drop table if exists " + name).update();
			}
		});
		return name;
	}

}
