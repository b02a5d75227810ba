package io.dakehu.shared.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Keeps the embedded H2 file database private (decision 0020): before the datasource
 * exists, the database's folder is made owner-only, and when no password is configured, a
 * random one is generated into {@value #PASSWORD_FILE} in that folder (owner-only) and
 * used. A database created by an earlier version with the empty password gets the
 * generated one on its first start with this version, so it keeps working and is no
 * longer open to whoever can reach the file. The folder for uploads
 * ({@code dakehu.imports.directory}) is created owner-only too.
 */
public class PrivateEmbeddedDatabase implements EnvironmentPostProcessor, Ordered {

	static final String PASSWORD_FILE = "database-password";

	private static final String H2_FILE = "jdbc:h2:file:";

	private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private final Log log;

	public PrivateEmbeddedDatabase(DeferredLogFactory logs) {
		this.log = logs.getLog(PrivateEmbeddedDatabase.class);
	}

	@Override
	public int getOrder() {
		// After application.properties and the command line are read.
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String imports = environment.getProperty("dakehu.imports.directory");
		String url = environment.getProperty("spring.datasource.url", "");
		if (url.startsWith(H2_FILE)) {
			Path database = databasePath(url);
			ownerOnlyFolder(database.getParent());
			if (!StringUtils.hasLength(environment.getProperty("spring.datasource.password"))) {
				String password = passwordFor(url, database,
						environment.getProperty("spring.datasource.username", "sa"));
				if (password != null) {
					environment.getPropertySources()
						.addFirst(new MapPropertySource("dakehuEmbeddedDatabasePassword",
								Map.of("spring.datasource.password", password)));
				}
			}
		}
		if (StringUtils.hasText(imports)) {
			Path folder = Path.of(imports).toAbsolutePath();
			if (!Files.exists(folder)) {
				ownerOnlyFolder(folder);
			}
		}
	}

	/**
	 * The generated password, made on the first start. Null when the database exists with
	 * a password that this class did not generate: it is left as its owner set it.
	 */
	private String passwordFor(String url, Path database, String user) {
		Path file = database.resolveSibling(PASSWORD_FILE);
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.UTF_8).strip();
			}
			String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
			if (Files.exists(database.resolveSibling(database.getFileName() + ".mv.db"))
					&& !setPasswordOfExistingDatabase(url, user, password)) {
				return null;
			}
			writeOwnerOnly(file, password);
			return password;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the embedded database's password in " + file, ex);
		}
	}

	/**
	 * A database from before this version has the empty password: it gets the new one, so
	 * its data carries on and the file no longer opens for anyone.
	 */
	private boolean setPasswordOfExistingDatabase(String url, String user, String password) {
		if (!user.matches("[A-Za-z][A-Za-z0-9_]*")) {
			this.log.warn("The embedded database's user " + user + " is no plain name; its password is left alone");
			return false;
		}
		try (Connection connection = DriverManager.getConnection(url, user, "");
				Statement statement = connection.createStatement()) {
			// Unquoted, so H2 folds the name as it did when it created the user.
			statement.execute("alter user " + user + " set password '" + password + "'");
			this.log.warn("The embedded database had the empty password; it now has a generated one, kept in "
					+ PASSWORD_FILE + " beside it");
			return true;
		}
		catch (SQLException ex) {
			this.log.warn("The embedded database exists with a password of its own (" + ex.getMessage()
					+ "); set spring.datasource.password to open it");
			return false;
		}
	}

	/** The database's path without H2's extension, resolved as H2 resolves it. */
	static Path databasePath(String url) {
		String path = url.substring(H2_FILE.length());
		int options = path.indexOf(';');
		if (options >= 0) {
			path = path.substring(0, options);
		}
		if (path.startsWith("~")) {
			path = System.getProperty("user.home") + path.substring(1);
		}
		return Path.of(path).toAbsolutePath().normalize();
	}

	private static void ownerOnlyFolder(Path folder) {
		try {
			Files.createDirectories(folder);
			if (posix()) {
				Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot make " + folder + " private", ex);
		}
	}

	private static void writeOwnerOnly(Path file, String text) throws IOException {
		if (posix()) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
		}
		Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
	}

	private static boolean posix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

}
