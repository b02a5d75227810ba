package io.dakehu.dataimport;

import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.BadSqlGrammarException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A job stopped by a database outage ends FAILED once the database answers again, rather
 * than staying VALIDATING or COMMITTING, which nobody may discard: marking it failed is
 * tried again while the database is out of reach, and given up for no other failure.
 */
class ImportOutageTest {

	private final JobStore store = mock(JobStore.class);

	private final ImportJobs jobs = new ImportJobs(this.store, mock(ImportPass.class), mock(StagedUploads.class),
			mock(ColumnMappings.class), mock(StoredFiles.class), mock(JobViews.class),
			mock(io.dakehu.shared.web.Labels.class), Clock.systemUTC(), 2);

	@AfterEach
	void stop() {
		this.jobs.stop();
	}

	@Test
	void aJobIsMarkedFailedOnceTheDatabaseAnswersAgain() {
		CannotGetJdbcConnectionException outage = new CannotGetJdbcConnectionException("Failed to obtain connection",
				new SQLTransientConnectionException("Connection is not available, request timed out after 3000ms"));
		doThrow(outage).doThrow(outage)
			.doNothing()
			.when(this.store)
			.finish(anyLong(), eq(ImportStatus.FAILED), eq("import.databaseUnavailable"));
		when(this.store.find(7L)).thenReturn(java.util.Optional.empty());
		this.jobs.failOnceTheDatabaseAnswers(7L, Duration.ofMillis(1));
		verify(this.store, times(3)).finish(7L, ImportStatus.FAILED, "import.databaseUnavailable");
	}

	@Test
	void anotherFailureIsNotRetried() {
		doThrow(new BadSqlGrammarException("finish", "update import_job", new java.sql.SQLException("bad")))
			.when(this.store)
			.finish(anyLong(), eq(ImportStatus.FAILED), eq("import.databaseUnavailable"));
		assertThatThrownBy(() -> this.jobs.failOnceTheDatabaseAnswers(8L, Duration.ofMillis(1)))
			.isInstanceOf(BadSqlGrammarException.class);
		verify(this.store, times(1)).finish(8L, ImportStatus.FAILED, "import.databaseUnavailable");
	}

}
