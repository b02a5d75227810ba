package io.dakehu.backup;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.dakehu.support.PostgresIntegrationTest;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * PostgreSQL copied at the SQL level: the tests' server is PostgreSQL 18 from the
 * embedded binaries, which ship no {@code pg_dump}, and the machine's {@code pg_dump} 15
 * refuses a newer server. So the backup is each table's rows in {@code COPY}'s binary
 * format, and the restore a fresh database given the schema by the migrations, the rows
 * copied in (foreign keys checked once every table is in) and the sequences moved past
 * the restored ids: what {@code pg_restore} does with a dump's data, without the tool.
 */
@PostgresIntegrationTest
class BackupRestorePostgresTests extends BackupRestoreTests {

	@Value("${spring.datasource.url}")
	String url;

	@Override
	Restored backUpAndRestore(DataSource source, Path folder) throws Exception {
		String name = "restored_" + UUID.randomUUID().toString().replace("-", "");
		try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		String restoredUrl = this.url.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
		DataSource restored = new SimpleDriverDataSource(new org.postgresql.Driver(), restoredUrl, "postgres", "");
		Flyway.configure()
			.dataSource(restored)
			.locations("classpath:db/migration", "classpath:db/vendor/postgresql")
			.outOfOrder(true)
			.load()
			.migrate();
		try (Connection from = source.getConnection(); Connection to = restored.getConnection()) {
			List<String> tables = tables(from);
			CopyManager out = from.unwrap(PGConnection.class).getCopyAPI();
			CopyManager in = to.unwrap(PGConnection.class).getCopyAPI();
			try (Statement statement = to.createStatement()) {
				// The migrations' own rows give way to the source's, flyway's history
				// too.
				statement.execute("truncate table " + String.join(", ", tables));
				statement.execute("set session_replication_role = replica");
				for (String table : tables) {
					Path file = folder.resolve(table + ".copy");
					try (OutputStream backup = Files.newOutputStream(file)) {
						out.copyOut("copy " + table + " to stdout (format binary)", backup);
					}
					try (InputStream backup = Files.newInputStream(file)) {
						in.copyIn("copy " + table + " from stdin (format binary)", backup);
					}
				}
				statement.execute("set session_replication_role = default");
				for (String[] column : generatedColumns(to)) {
					statement.execute("select setval(pg_get_serial_sequence('" + column[0] + "', '" + column[1]
							+ "'), coalesce(max(" + column[1] + "), 0) + 1, false) from " + column[0]);
				}
			}
		}
		return new Restored(restored, List.of("--spring.datasource.url=" + restoredUrl,
				"--spring.datasource.username=postgres", "--spring.datasource.password="));
	}

	private static List<String> tables(Connection connection) throws Exception {
		List<String> tables = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("""
				select table_name from information_schema.tables
				where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name""")) {
			while (rs.next()) {
				tables.add(rs.getString(1));
			}
		}
		return tables;
	}

	private static List<String[]> generatedColumns(Connection connection) throws Exception {
		List<String[]> columns = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("""
				select table_name, column_name from information_schema.columns
				where table_schema = 'public' and (is_identity = 'YES' or column_default like 'nextval(%')""")) {
			while (rs.next()) {
				columns.add(new String[] { rs.getString(1), rs.getString(2) });
			}
		}
		return columns;
	}

}
