package io.dakehu.dataimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import org.springframework.util.unit.DataSize;

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

	private final long maxUploadBytes;

	StoredFiles(@Value("${dakehu.imports.directory:${java.io.tmpdir}/dakehu-imports}") Path directory,
			@Value("${dakehu.imports.max-file-size:512MB}") DataSize maxUpload, Clock clock) {
		this.directory = directory;
		this.maxUploadBytes = maxUpload.toBytes();
		this.clock = clock;
	}

	/**
	 * Copies an upload to the given place, refusing it once it grows past the largest
	 * file an import may be ({@code dakehu.imports.max-file-size}): counted as it is
	 * copied, so a file too large is never stored whole.
	 * @throws ImportRefused (413) when it is too large; nothing of it is left
	 */
	void storeUpload(InputStream content, Path file) {
		try {
			Files.createDirectories(this.directory);
			try (OutputStream out = Files.newOutputStream(file)) {
				byte[] buffer = new byte[64 * 1024];
				long total = 0;
				int read;
				while ((read = content.read(buffer)) != -1) {
					total += read;
					if (total > this.maxUploadBytes) {
						throw new ImportRefused(413, "import.fileTooLarge", megabytes(this.maxUploadBytes));
					}
					out.write(buffer, 0, read);
				}
			}
		}
		catch (IOException ex) {
			delete(file);
			throw new UncheckedIOException("Cannot store the uploaded file", ex);
		}
		catch (ImportRefused ex) {
			delete(file);
			throw ex;
		}
	}

	private static String megabytes(long bytes) {
		return java.math.BigDecimal.valueOf(bytes)
			.divide(java.math.BigDecimal.valueOf(1024 * 1024), 1, java.math.RoundingMode.DOWN)
			.stripTrailingZeros()
			.toPlainString();
	}

	/** Where a file of this name is kept. */
	Path resolve(String name) {
		return this.directory.resolve(name);
	}

	/**
	 * What a job stores of its file: the name inside this directory, never a path, so a
	 * copy of the database restored elsewhere on this host reads and deletes only files
	 * in its own directory.
	 */
	static String storedName(Path file) {
		return file.getFileName().toString();
	}

	/**
	 * The file a job stored. Only the last part of the stored text counts: jobs of
	 * versions before 2026-12 stored absolute paths, and those now mean a file of that
	 * name in this directory, never one outside it.
	 */
	Path locate(String stored) {
		String name = stored.substring(Math.max(stored.lastIndexOf('/'), stored.lastIndexOf('\\')) + 1);
		return this.directory.resolve(name);
	}

	/** Deletes a job's file, if it is still in this directory. */
	void forget(String stored) {
		if (stored != null) {
			delete(locate(stored));
		}
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
			delete(file);
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
					delete(file);
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

	static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete the stored import file {}", file.getFileName(), ex);
		}
	}

}
