package io.dakehu.dataimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The directory where uploads wait: files staged for the mapping page and files of jobs.
 * An import reads its file twice at most (validation, then a decided commit), so it is
 * kept on disk rather than in memory; every way a job or a staged upload ends deletes its
 * file here, and staged files nobody came back for are cleared a day later.
 */
@Component
class StoredFiles {

	private static final Logger log = LoggerFactory.getLogger(StoredFiles.class);

	private final Path directory;

	private final Clock clock;

	StoredFiles(@Value("${dakehu.imports.directory:${java.io.tmpdir}/dakehu-imports}") Path directory, Clock clock) {
		this.directory = directory;
		this.clock = clock;
	}

	/** Where a file of this name is kept. */
	Path resolve(String name) {
		return this.directory.resolve(name);
	}

	/**
	 * Copies an upload to the given place in the directory.
	 * @throws UncheckedIOException when it cannot be stored; nothing of it is left
	 */
	void store(InputStream content, Path file) {
		try {
			Files.createDirectories(this.directory);
			Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			delete(file.toString());
			throw new UncheckedIOException("Cannot store the uploaded file", ex);
		}
	}

	/**
	 * Deletes staged files of uploads whose mapping page was left a day ago or more: they
	 * would never be imported.
	 */
	void forgetAbandonedStagedFiles() {
		if (!Files.isDirectory(this.directory)) {
			return;
		}
		Instant dayAgo = this.clock.instant().minus(Duration.ofDays(1));
		try (var files = Files.newDirectoryStream(this.directory, "*.staged")) {
			for (Path file : files) {
				if (Files.getLastModifiedTime(file).toInstant().isBefore(dayAgo)) {
					delete(file.toString());
				}
			}
		}
		catch (IOException ex) {
			log.debug("Cannot list staged imports in {}", this.directory, ex);
		}
	}

	/** Whether a file is staged under the token, for any user. */
	boolean anyStaged(String token) {
		if (!Files.isDirectory(this.directory)) {
			return false;
		}
		try (var files = Files.newDirectoryStream(this.directory, token + ".*.staged")) {
			return files.iterator().hasNext();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the staged imports", ex);
		}
	}

	static void delete(String file) {
		if (file != null) {
			try {
				Files.deleteIfExists(Path.of(file));
			}
			catch (IOException ex) {
				log.warn("Could not delete the stored import file {}", file, ex);
			}
		}
	}

}
