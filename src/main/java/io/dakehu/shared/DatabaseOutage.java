package io.dakehu.shared;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure to reach the database from every other failure, so that the web layer
 * answers 503 rather than 500 and a background job waits for the database rather than
 * being left half-way. The pool gives up after {@code spring.datasource.hikari
 * .connection-timeout} with {@link SQLTransientConnectionException}; Spring wraps that in
 * {@code CannotGetJdbcConnectionException} (a {@link DataAccessResourceFailureException})
 * or, when a transaction was to begin, in {@link CannotCreateTransactionException}; a
 * driver that loses its connection says so with SQL state class {@code 08}.
 */
public final class DatabaseOutage {

	private DatabaseOutage() {
	}

	/** Whether the failure, or any of its causes, is the database being out of reach. */
	public static boolean causedBy(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof CannotCreateTransactionException) {
				return true;
			}
			if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
					&& sql.getSQLState().startsWith("08")) {
				return true;
			}
		}
		return false;
	}

}
