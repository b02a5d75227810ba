package io.dakehu.shared.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

import io.dakehu.shared.InstanceRestored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells on start-up whether the database is the one whose files are in the imports folder
 * (decision 0022). The database keeps a random mark in {@code instance_mark}; the folder
 * keeps the same mark in a file. A database whose mark the folder lacks was restored from
 * a backup or moved to another folder or host: it starts clean, its sessions dropped and
 * {@link InstanceRestored} published so the old host's pending imports end. A folder
 * holding another database's mark is refused: two databases must never share the files of
 * their imports. Runs as the lifecycle starts, before the web server takes a request.
 */
@Component
class InstanceMark implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(InstanceMark.class);

	static final String FILE_NAME = "instance-mark";

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	private final Path file;

	private final Clock clock;

	private volatile boolean running;

	InstanceMark(JdbcClient jdbc, TransactionTemplate transaction, ApplicationEventPublisher events, Clock clock,
			@Value("${dakehu.imports.directory:${java.io.tmpdir}/dakehu-imports}") Path imports) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.events = events;
		this.clock = clock;
		this.file = imports.resolve(FILE_NAME);
	}

	/** What the start found. */
	enum Outcome {

		/** A new database (or one from before marks): it takes the folder. */
		FIRST,

		/** The database and the folder belong together. */
		SAME,

		/** The database came without its folder: it started clean. */
		RESTORED

	}

	/**
	 * Compares the marks and starts clean when the database was restored.
	 * @throws IllegalStateException when the folder belongs to another database
	 */
	Outcome check() {
		Optional<String> database = this.jdbc.sql("select mark from instance_mark where id = 1")
			.query(String.class)
			.optional();
		Optional<String> folder = readFolderMark();
		if (database.isEmpty()) {
			String mark = UUID.randomUUID().toString();
			try {
				this.jdbc.sql("insert into instance_mark (id, mark, created_at) values (1, :mark, :now)")
					.param("mark", mark)
					.param("now", LocalDateTime.now(this.clock))
					.update();
			}
			catch (DuplicateKeyException ex) {
				// Another instance of a new cluster marked the database first.
				return check();
			}
			writeFolderMark(mark);
			return Outcome.FIRST;
		}
		if (folder.isPresent() && folder.get().equals(database.get())) {
			return Outcome.SAME;
		}
		if (folder.isPresent()) {
			throw new IllegalStateException("The imports folder " + this.file.getParent().toAbsolutePath()
					+ " belongs to another Dakehu database. Give this database a folder of its own"
					+ " (dakehu.imports.directory), or empty that folder if its database is gone.");
		}
		log.warn(
				"This database was restored from a backup or moved (its imports folder {} does not know it): "
						+ "starting clean, every session signed out and the old host's pending imports failed",
				this.file.getParent().toAbsolutePath());
		this.transaction.executeWithoutResult((status) -> {
			this.jdbc.sql("delete from spring_session_attributes").update();
			this.jdbc.sql("delete from spring_session").update();
			this.events.publishEvent(new InstanceRestored());
		});
		writeFolderMark(database.get());
		return Outcome.RESTORED;
	}

	private Optional<String> readFolderMark() {
		if (!Files.isRegularFile(this.file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(Files.readString(this.file, StandardCharsets.UTF_8).strip());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + this.file.toAbsolutePath(), ex);
		}
	}

	private void writeFolderMark(String mark) {
		try {
			Files.createDirectories(this.file.getParent());
			Files.writeString(this.file, mark, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + this.file.toAbsolutePath(), ex);
		}
	}

	@Override
	public void start() {
		check();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Before the web server (which starts late) takes its first request. */
	@Override
	public int getPhase() {
		return 0;
	}

}
