package io.dakehu.dataimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dakehu.identity.CurrentUser;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;

import org.springframework.stereotype.Service;

/**
 * Uploads staged for the mapping page: the file is kept under a random token while the
 * user checks how its columns map, and only {@link ImportJobs#submitStaged} makes a job
 * of it. Kept apart from the jobs because a staged file is no job yet: it has no status
 * and no rows read beyond the first few. Its owner is written into the file's name, so a
 * token works only for the user who uploaded the file.
 */
@Service
public class StagedUploads {

	private static final int PREVIEW_ROWS = 5;

	private final Importers importers;

	private final StoredFiles files;

	StagedUploads(Importers importers, StoredFiles files) {
		this.importers = importers;
		this.files = files;
	}

	/**
	 * Stores an upload and reads its header and first rows, so the user can check the
	 * column mapping before anything is validated. The file is read only up to those
	 * rows.
	 * @param mapping a saved mapping to start from; empty for the recognised names only
	 */
	public ImportPreview stage(CurrentUser uploader, ImportType type, String fileName, String charset,
			Map<String, String> mapping, InputStream content) {
		ImportJobs.requireMayCreate(uploader, type);
		FileHead.checkCharset(charset);
		this.files.forgetAbandonedStagedFiles();
		String token = UUID.randomUUID().toString();
		Path file = staged(uploader, token);
		this.files.storeUpload(content, file);
		try {
			return preview(uploader, type, token, fileName, charset, mapping);
		}
		catch (RuleViolationException ex) {
			StoredFiles.delete(file);
			throw ex;
		}
	}

	/**
	 * The header and first rows of a staged file with the mapping the given one leads to
	 * (the user's choice first, then the recognised names): the mapping page, shown again
	 * when the user's choice left a required field without a column.
	 * @throws RuleViolationException when the token names no staged file or the file
	 * cannot be read
	 */
	public ImportPreview preview(CurrentUser uploader, ImportType type, String token, String fileName, String charset,
			Map<String, String> mapping) {
		Path file = stagedFile(uploader, token);
		TableFile.Layout layout;
		try {
			layout = TableFile.detect(file, fileName, charset);
		}
		catch (IOException ex) {
			throw new RuleViolationException("file", "import.unreadable");
		}
		List<String> header = new ArrayList<>();
		List<List<String>> rows = new ArrayList<>();
		FileHead.read(file, layout, header, rows, PREVIEW_ROWS);
		List<Column> columns = this.importers.recognised(type);
		Header mapped = new Header(columns, header, (mapping != null) ? mapping : Map.of());
		Map<String, String> guessed = new LinkedHashMap<>();
		for (Column column : columns) {
			if (mapped.has(column.field())) {
				guessed.put(mapped.columnName(column.field()), column.field());
			}
		}
		return new ImportPreview(token, layout.format(), layout.xlsx() ? null : layout.charset().name(),
				List.copyOf(header), List.copyOf(rows), guessed, columns.stream().map(Column::field).toList(),
				columns.stream().filter(Column::required).map(Column::field).toList());
	}

	/**
	 * The staged file a token names, if the user uploaded it.
	 * @throws RuleViolationException when the token names no staged file (it was imported
	 * already, or the application restarted)
	 * @throws NotFoundException when another user uploaded it
	 */
	Path stagedFile(CurrentUser uploader, String token) {
		String checked;
		try {
			checked = UUID.fromString(token).toString();
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new RuleViolationException("file", "import.stagedGone");
		}
		Path file = staged(uploader, checked);
		if (Files.isRegularFile(file)) {
			return file;
		}
		if (this.files.anyStaged(checked)) {
			throw new NotFoundException("StagedUpload", checked);
		}
		throw new RuleViolationException("file", "import.stagedGone");
	}

	private Path staged(CurrentUser uploader, String token) {
		return this.files.resolve(token + "." + uploader.id() + ".staged");
	}

}
