package io.dakehu.shared;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What counts as the database being out of reach (503, a job that waits) and what is any
 * other failure (500), as each driver and Spring report them.
 */
class DatabaseOutageCausesTests {

	@Test
	void thePoolGivingUpIsAnOutageHoweverSpringWrapsIt() {
		SQLTransientConnectionException timeout = new SQLTransientConnectionException(
				"HikariPool-1 - Connection is not available, request timed out after 3000ms.");
		assertThat(DatabaseOutage.causedBy(timeout)).isTrue();
		assertThat(DatabaseOutage.causedBy(new CannotGetJdbcConnectionException("Failed to obtain", timeout))).isTrue();
		assertThat(DatabaseOutage
			.causedBy(new CannotCreateTransactionException("Could not open JDBC Connection", timeout))).isTrue();
		assertThat(DatabaseOutage.causedBy(new IllegalStateException("rendering failed",
				new CannotGetJdbcConnectionException("Failed to obtain", timeout))))
			.isTrue();
	}

	@Test
	void aDriverThatLostItsConnectionSaysSoWithStateClass08() {
		// PostgreSQL's server gone mid-request: state 08006.
		assertThat(DatabaseOutage.causedBy(new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE)))
			.isTrue();
		// PostgreSQL refusing the connection at start: 08001.
		assertThat(DatabaseOutage
			.causedBy(new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT))).isTrue();
		// H2's database closed under the connection.
		assertThat(DatabaseOutage.causedBy(DbException.getJdbcSQLException(ErrorCode.DATABASE_IS_CLOSED))).isTrue();
	}

	@Test
	void everyOtherFailureIsNot() {
		assertThat(DatabaseOutage.causedBy(new PSQLException("duplicate key", PSQLState.UNIQUE_VIOLATION))).isFalse();
		assertThat(DatabaseOutage
			.causedBy(new DataIntegrityViolationException("duplicate", new SQLException("duplicate key", "23505"))))
			.isFalse();
		assertThat(DatabaseOutage.causedBy(new SQLException("no state"))).isFalse();
		assertThat(DatabaseOutage.causedBy(new IllegalArgumentException("bad input"))).isFalse();
	}

}
