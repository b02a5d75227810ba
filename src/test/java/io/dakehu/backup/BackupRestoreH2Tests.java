package io.dakehu.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.sql.DataSource;

import io.dakehu.support.H2IntegrationTest;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 as the README backs it up: {@code SCRIPT TO} from the running database (the tests'
 * is in memory, where {@code BACKUP TO} has no files to copy), {@code RUNSCRIPT} into a
 * fresh file database, then that file database's online {@code BACKUP TO} a zip, unpacked
 * into another folder: the copy compared and started is the last one, so both ways the
 * README names are on the path.
 */
@H2IntegrationTest
class BackupRestoreH2Tests extends BackupRestoreTests {

	private static final String SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

	@Override
	Restored backUpAndRestore(DataSource source, Path folder) throws Exception {
		Path script = folder.resolve("dakehu.sql");
		try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("script to '" + script + "'");
		}
		Path zip = folder.resolve("dakehu-backup.zip");
		String scripted = "jdbc:h2:file:" + folder.resolve("scripted").resolve("dakehu") + SETTINGS;
		try (Connection connection = DriverManager.getConnection(scripted, "sa", "");
				Statement statement = connection.createStatement()) {
			statement.execute("runscript from '" + script + "'");
			statement.execute("backup to '" + zip + "'");
		}
		Path restored = Files.createDirectories(folder.resolve("restored"));
		try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(zip))) {
			for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
				Files.copy(entries, restored.resolve(Path.of(entry.getName()).getFileName().toString()));
			}
		}
		assertThat(restored.resolve("dakehu.mv.db")).as("the database file in the backup").exists();
		String url = "jdbc:h2:file:" + restored.resolve("dakehu") + SETTINGS;
		return new Restored(new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", ""),
				List.of("--spring.datasource.url=" + url));
	}

}
