package io.dakehu.shared.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.dakehu.shared.InstanceRestored;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The start-up's four cases (decision 0022), on a database of the two tables it touches:
 * a new database takes the folder, a database beside its own folder carries on, one
 * beside a folder without a mark was restored and starts clean, and one beside another
 * database's folder is refused.
 */
class InstanceMarkTests {

	@TempDir
	Path imports;

	private JdbcClient jdbc;

	private TransactionTemplate transaction;

	private final List<Object> events = new ArrayList<>();

	@BeforeEach
	void database() {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:mark-" + UUID.randomUUID() + ";DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
		new ResourceDatabasePopulator(new ClassPathResource("db/migration/V9__shared_http_sessions.sql"),
				new ClassPathResource("db/migration/V105__shared_instance_mark.sql"))
			.execute(dataSource);
		this.jdbc = JdbcClient.create(dataSource);
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	private InstanceMark mark(Path folder) {
		return new InstanceMark(this.jdbc, this.transaction, this.events::add, Clock.systemUTC(), folder);
	}

	@Test
	void aNewDatabaseMarksItselfAndItsFolderAndKeepsItsSessionsOnTheNextStart() throws Exception {
		assertThat(mark(this.imports).check()).isEqualTo(InstanceMark.Outcome.FIRST);
		String database = this.jdbc.sql("select mark from instance_mark").query(String.class).single();
		assertThat(Files.readString(this.imports.resolve(InstanceMark.FILE_NAME), StandardCharsets.UTF_8))
			.isEqualTo(database);
		session("kam");

		assertThat(mark(this.imports).check()).isEqualTo(InstanceMark.Outcome.SAME);
		assertThat(sessions()).isEqualTo(1);
		assertThat(this.events).isEmpty();
	}

	@Test
	void aDatabaseBesideAFolderWithoutItsMarkWasRestoredAndStartsClean(@TempDir Path elsewhere) throws Exception {
		mark(this.imports).check();
		session("kam");
		session("manager");

		assertThat(mark(elsewhere).check()).isEqualTo(InstanceMark.Outcome.RESTORED);
		assertThat(sessions()).isZero();
		assertThat(this.jdbc.sql("select count(*) from spring_session_attributes").query(Long.class).single()).isZero();
		assertThat(this.events).containsExactly(new InstanceRestored());
		// The new folder is the database's now: the next start carries on.
		session("kam");
		assertThat(mark(elsewhere).check()).isEqualTo(InstanceMark.Outcome.SAME);
		assertThat(sessions()).isEqualTo(1);
	}

	@Test
	void aFolderOfAnotherDatabaseIsRefusedAndLeftAsItWas() throws Exception {
		Files.writeString(this.imports.resolve(InstanceMark.FILE_NAME), "another-database");
		this.jdbc.sql("insert into instance_mark (id, mark, created_at) values (1, 'this-database', current_timestamp)")
			.update();
		session("kam");

		assertThatIllegalStateException().isThrownBy(() -> mark(this.imports).check())
			.withMessageContaining("belongs to another Dakehu database");
		assertThat(Files.readString(this.imports.resolve(InstanceMark.FILE_NAME))).isEqualTo("another-database");
		assertThat(sessions()).isEqualTo(1);
		assertThat(this.events).isEmpty();
	}

	private void session(String user) {
		String id = UUID.randomUUID().toString();
		this.jdbc.sql("""
				insert into spring_session (primary_id, session_id, creation_time, last_access_time,
				                            max_inactive_interval, expiry_time, principal_name)
				values (:id, :id, 0, 0, 28800, 9999999999999, :user)""").param("id", id).param("user", user).update();
		this.jdbc.sql("""
				insert into spring_session_attributes (session_primary_id, attribute_name, attribute_bytes)
				values (:id, 'SPRING_SECURITY_CONTEXT', X'00')""").param("id", id).update();
	}

	private long sessions() {
		return this.jdbc.sql("select count(*) from spring_session").query(Long.class).single();
	}

}
