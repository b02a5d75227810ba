package io.dakehu.dataimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.dakehu.identity.CurrentUser;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Labels;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Import jobs: a file is stored, validated in the background, and committed when it is
 * clean or when its owner decides. Both passes stream the file chunk by chunk, so memory
 * does not grow with its size; the commit is one database transaction, so a failure, a
 * kill or a crash midway leaves none of its rows.
 */
@Service
public class ImportJobs {

	private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

	/** Rows checked (and written) together: one account lookup and one batch each. */
	static final int CHUNK = 5000;

	private static final int SHOWN_ERRORS = 1000;

	private static final int PREVIEW_ROWS = 5;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JobStore jobs;

	private final Importers importers;

	private final TransactionTemplate transaction;

	private final Labels labels;

	private final Clock clock;

	private final Path directory;

	private final ExecutorService executor;

	private final java.util.Map<Long, String> passwords = new java.util.concurrent.ConcurrentHashMap<>();

	ImportJobs(JobStore jobs, Importers importers, PlatformTransactionManager transactions, Labels labels, Clock clock,
			@Value("${dakehu.imports.directory:${java.io.tmpdir}/dakehu-imports}") Path directory) {
		this.jobs = jobs;
		this.importers = importers;
		this.transaction = new TransactionTemplate(transactions);
		this.labels = labels;
		this.clock = clock;
		this.directory = directory;
		AtomicInteger threads = new AtomicInteger();
		// Two imports at a time at most: each keeps a core busy, and the rest wait their
		// turn rather than slow everyone down.
		this.executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), (task) -> {
			Thread thread = new Thread(task, "import-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@PreDestroy
	void stop() {
		this.executor.shutdownNow();
	}

	/**
	 * Stores the file and starts validating it in the background.
	 */
	public ImportJobView submit(CurrentUser editor, ImportRequest request, InputStream content) {
		long id = start(editor, request, content, "API");
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		this.executor.execute(() -> as(authentication, () -> validate(editor, id)));
		return view(id);
	}

	/**
	 * Stores an upload and reads its header and first rows, so the user can check the
	 * column mapping before anything is validated. The file is read only up to those
	 * rows.
	 * @param mapping a saved mapping to start from; empty for the recognised names only
	 */
	public ImportPreview stage(ImportType type, String fileName, String charset, Map<String, String> mapping,
			InputStream content) {
		checkCharset(charset);
		forgetAbandonedStagedFiles();
		String token = UUID.randomUUID().toString();
		Path file = staged(token);
		try {
			Files.createDirectories(this.directory);
			Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			deleteFile(file.toString());
			throw new UncheckedIOException("Cannot store the uploaded file", ex);
		}
		try {
			return preview(type, token, fileName, charset, mapping);
		}
		catch (RuleViolationException ex) {
			deleteFile(file.toString());
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
	public ImportPreview preview(ImportType type, String token, String fileName, String charset,
			Map<String, String> mapping) {
		Path file = stagedFile(token);
		TableFile.Layout layout;
		try {
			layout = TableFile.detect(file, fileName, charset);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the staged file", ex);
		}
		List<String> header = new ArrayList<>();
		List<List<String>> rows = new ArrayList<>();
		firstRows(file, layout, header, rows, PREVIEW_ROWS);
		List<Column> columns = this.importers.recognised(type);
		Header mapped = new Header(columns, header, (mapping != null) ? mapping : Map.of());
		Map<String, String> guessed = new java.util.LinkedHashMap<>();
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
	 * Reads the header (cleaned of byte order marks and spaces) and up to {@code max}
	 * rows of a stored file, and no more of it.
	 * @throws RuleViolationException when the file cannot be read as far as that
	 */
	private static void firstRows(Path file, TableFile.Layout layout, List<String> header, List<List<String>> rows,
			int max) {
		try {
			TableFile.read(file, layout, new RowSink() {
				@Override
				public void header(List<String> names) {
					header.addAll(names.stream()
						.map((name) -> (name != null) ? name.replace("\uFEFF", "").strip() : "")
						.toList());
					if (max == 0) {
						throw new EnoughRows();
					}
				}

				@Override
				public void row(long number, List<String> cells) {
					rows.add(cells.stream().map((cell) -> (cell != null) ? cell : "").toList());
					if (rows.size() >= max) {
						throw new EnoughRows();
					}
				}
			});
		}
		catch (EnoughRows ex) {
			// Read as far as needed; the rest of the file is read by the import.
		}
		catch (IOException | RuntimeException ex) {
			// A spreadsheet reader may wrap the stop signal; a file that really cannot be
			// read as far as that is refused.
			if (header.isEmpty() || rows.size() < max) {
				throw new RuleViolationException("file", "import.unreadable");
			}
		}
	}

	/**
	 * Refuses a file in which a required field has no column, by the recognised names or
	 * the user's mapping, before a job is made of it: the user hears which columns to map
	 * (in their language) while they can still map them.
	 * @throws RuleViolationException naming the first missing field, the message all of
	 * them
	 */
	private void requireMapped(ImportType type, Path file, TableFile.Layout layout, Map<String, String> mapping) {
		List<String> header = new ArrayList<>();
		firstRows(file, layout, header, new ArrayList<>(), 0);
		List<String> missing = new Header(this.importers.recognised(type), header, mapping).missing();
		if (!missing.isEmpty()) {
			String separator = "zh".equals(LocaleContextHolder.getLocale().getLanguage()) ? "、" : ", ";
			throw new RuleViolationException(missing.get(0), "import.columnsNotMapped",
					String.join(separator, missing.stream().map(this::fieldLabel).toList()));
		}
	}

	/**
	 * The header row of the downloadable template of a type in a language: every field
	 * the importer understands, worded so that it recognises them again, a required one
	 * marked with {@code *} (which header matching ignores).
	 */
	public List<String> templateHeader(ImportType type, java.util.Locale locale) {
		return Importers.columns(type)
			.stream()
			.map((column) -> this.importers.templateHeader(type, column.field(), locale)
					+ (column.required() ? "*" : ""))
			.toList();
	}

	/**
	 * An import field in the reader's language, as the mapping page names it.
	 */
	String fieldLabel(String field) {
		return this.labels.get("imports.field." + field);
	}

	private static void checkCharset(String charset) {
		if (charset != null && !charset.isBlank()) {
			try {
				TableFile.charset(charset);
			}
			catch (IllegalArgumentException ex) {
				throw new RuleViolationException("charset", "import.unknownCharset", charset);
			}
		}
	}

	private Path stagedFile(String token) {
		Path file;
		try {
			file = staged(UUID.fromString(token).toString());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new RuleViolationException("file", "import.stagedGone");
		}
		if (!Files.isRegularFile(file)) {
			throw new RuleViolationException("file", "import.stagedGone");
		}
		return file;
	}

	/**
	 * Starts the import of a staged file, as {@link #submit} does for an upload, and
	 * drops the staged copy.
	 * @throws RuleViolationException when the token names no staged file (it was imported
	 * already, or the application restarted)
	 */
	public ImportJobView submitStaged(CurrentUser editor, ImportRequest request, String token) {
		Path file = stagedFile(token);
		// A required field without a column keeps the staged file, so the user can map
		// it.
		try {
			requireMapped(request.type(), file, TableFile.detect(file, request.fileName(), request.charset()),
					request.mapping());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the staged file", ex);
		}
		try (InputStream content = Files.newInputStream(file)) {
			return submit(editor, request, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the staged file", ex);
		}
		finally {
			deleteFile(file.toString());
		}
	}

	/**
	 * Deletes staged files of uploads whose mapping page was left a day ago or more: they
	 * would never be imported.
	 */
	private void forgetAbandonedStagedFiles() {
		if (!Files.isDirectory(this.directory)) {
			return;
		}
		java.time.Instant dayAgo = this.clock.instant().minus(Duration.ofDays(1));
		try (var files = Files.newDirectoryStream(this.directory, "*.staged")) {
			for (Path file : files) {
				if (Files.getLastModifiedTime(file).toInstant().isBefore(dayAgo)) {
					deleteFile(file.toString());
				}
			}
		}
		catch (IOException ex) {
			log.debug("Cannot list staged imports in {}", this.directory, ex);
		}
	}

	private Path staged(String token) {
		return this.directory.resolve(token + ".staged");
	}

	/** Stops reading a file once the preview has its rows. */
	private static final class EnoughRows extends RuntimeException {

		EnoughRows() {
			super(null, null, false, false);
		}

	}

	/**
	 * Imports a file in the calling thread, validating and (when clean or when
	 * {@code validRowsOnly}) committing it, for start-up data and the command line.
	 */
	public ImportJobView runNow(CurrentUser editor, ImportRequest request, InputStream content, String origin,
			boolean validRowsOnly) {
		long id = start(editor, request, content, origin);
		validate(editor, id);
		JobStore.Job job = this.jobs.find(id).orElseThrow();
		if (job.status() == ImportStatus.VALIDATED && validRowsOnly && !request.preview()
				&& this.jobs.move(id, ImportStatus.VALIDATED, ImportStatus.COMMITTING, null)) {
			commitPass(editor, id, true);
		}
		return view(id);
	}

	private long start(CurrentUser editor, ImportRequest request, InputStream content, String origin) {
		if (request.type() == null) {
			throw new RuleViolationException("type", "import.unknownType");
		}
		if (request.type() == ImportType.USERS && !editor.isAdmin()) {
			throw new RuleViolationException("type", "import.adminOnly");
		}
		checkMapping(request.type(), request.mapping());
		checkCharset(request.charset());
		Path file = this.directory.resolve(UUID.randomUUID() + ".upload");
		TableFile.Layout layout;
		try {
			Files.createDirectories(this.directory);
			Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
			layout = TableFile.detect(file, request.fileName(), request.charset());
		}
		catch (IOException ex) {
			deleteFile(file.toString());
			throw new UncheckedIOException("Cannot store the uploaded file", ex);
		}
		try {
			requireMapped(request.type(), file, layout, request.mapping());
		}
		catch (RuleViolationException ex) {
			deleteFile(file.toString());
			throw ex;
		}
		String name = (request.fileName() != null && !request.fileName().isBlank()) ? request.fileName() : "upload";
		if (request.sourceOrDefault().length() > 50) {
			throw new RuleViolationException("source", "import.tooLong", 50);
		}
		long id = this.jobs.create(request.type(), origin, cut(name, 255), file.toString(), layout,
				request.sourceOrDefault(),
				request.mapping().isEmpty() ? null : JSON.writeValueAsString(request.mapping()), request.duplicates(),
				request.preview(), editor.id());
		if (request.defaultPassword() != null) {
			this.passwords.put(id, request.defaultPassword());
		}
		return id;
	}

	private static void checkMapping(ImportType type, Map<String, String> mapping) {
		List<Column> columns = Importers.columns(type);
		for (Map.Entry<String, String> entry : mapping.entrySet()) {
			// A blank field keeps that header out of the import.
			if (entry.getValue() == null || (!entry.getValue().isBlank()
					&& columns.stream().noneMatch((column) -> column.field().equalsIgnoreCase(entry.getValue())))) {
				throw new RuleViolationException("mapping", "import.unknownField", entry.getValue(),
						String.join(", ", columns.stream().map(Column::field).toList()));
			}
		}
		if (JSON.writeValueAsString(mapping).length() > 4000) {
			throw new RuleViolationException("mapping", "import.tooLong", 4000);
		}
	}

	/**
	 * Saves a column mapping under a name, so the next file from the same source maps the
	 * same way.
	 */
	public void saveMapping(CurrentUser editor, ImportType type, String name, Map<String, String> mapping) {
		if (name == null || name.isBlank() || name.strip().length() > 100) {
			throw new RuleViolationException("mappingName", "import.tooLong", 100);
		}
		checkMapping(type, mapping);
		this.jobs.saveMapping(type, name.strip(), JSON.writeValueAsString(mapping), editor.id());
	}

	/**
	 * A saved mapping.
	 * @throws RuleViolationException when there is none of that name
	 */
	public Map<String, String> mapping(ImportType type, String name) {
		return this.jobs.mapping(type, (name != null) ? name.strip() : "")
			.map(ImportJobs::parseMapping)
			.orElseThrow(() -> new RuleViolationException("mappingName", "import.unknownMapping", name));
	}

	/**
	 * The saved mappings of a type by name.
	 */
	public Map<String, Map<String, String>> mappings(ImportType type) {
		Map<String, Map<String, String>> mappings = new java.util.LinkedHashMap<>();
		this.jobs.mappings(type).forEach((name, json) -> mappings.put(name, parseMapping(json)));
		return mappings;
	}

	private static Map<String, String> parseMapping(String json) {
		return (json != null) ? JSON.readValue(json, new TypeReference<Map<String, String>>() {
		}) : Map.of();
	}

	private static String cut(String text, int max) {
		return (text.length() > max) ? text.substring(0, max) : text;
	}

	/**
	 * The job, if the caller started it or is an administrator.
	 * @throws NotFoundException otherwise
	 */
	public ImportJobView get(CurrentUser reader, long id) {
		load(reader, id);
		return view(id);
	}

	/**
	 * The caller's newest jobs (an administrator's: everyone's), newest first, without
	 * their errors: what a user comes back to after leaving the page.
	 */
	public List<ImportJobView> recent(CurrentUser reader, int limit) {
		return this.jobs.recent(reader.isAdmin() ? null : reader.id(), Math.min(Math.max(limit, 1), 100))
			.stream()
			.map((id) -> view(id, false))
			.toList();
	}

	/**
	 * Commits a validated job in the background.
	 * @param validRowsOnly whether to import the valid rows of a file that has errors;
	 * without it a file with errors is refused
	 */
	public ImportJobView commit(CurrentUser editor, long id, boolean validRowsOnly) {
		JobStore.Job job = load(editor, id);
		if (job.status() != ImportStatus.VALIDATED) {
			throw new RuleViolationException("status", "import.notValidated", job.status().name());
		}
		if (job.errorRows() > 0 && !validRowsOnly) {
			throw new RuleViolationException("validRowsOnly", "import.hasErrors", job.errorRows());
		}
		if (job.errorRows() > JobStore.MAX_STORED_ERRORS) {
			throw new RuleViolationException("validRowsOnly", "import.tooManyErrors", JobStore.MAX_STORED_ERRORS);
		}
		if (!this.jobs.move(id, ImportStatus.VALIDATED, ImportStatus.COMMITTING, null)) {
			throw new RuleViolationException("status", "import.notValidated", job.status().name());
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		this.executor.execute(() -> as(authentication, () -> commitPass(editor, id, validRowsOnly)));
		return view(id);
	}

	/**
	 * Drops a job that waits for a decision, and its stored file; nothing of it was
	 * written.
	 */
	public void discard(CurrentUser editor, long id) {
		JobStore.Job job = load(editor, id);
		if (job.status() == ImportStatus.DISCARDED) {
			return;
		}
		if (job.status() != ImportStatus.VALIDATED && job.status() != ImportStatus.FAILED) {
			throw new RuleViolationException("status", "import.busy", job.status().name());
		}
		if (this.jobs.move(id, job.status(), ImportStatus.DISCARDED, null)) {
			forget(job);
		}
	}

	/**
	 * Every stored error of a job, for a download the user can fix the file with.
	 */
	public List<ImportJobView.Error> errors(CurrentUser reader, long id) {
		load(reader, id);
		return this.jobs.errors(id, JobStore.MAX_STORED_ERRORS).stream().map(this::words).toList();
	}

	/**
	 * Whether any job of this origin (such as the demo data) was ever started.
	 */
	public boolean anyFrom(String origin) {
		return this.jobs.anyFrom(origin);
	}

	/**
	 * Marks jobs a previous run left unfinished as failed: their transaction died with
	 * the process, so nothing of them is in the database.
	 */
	void failInterrupted() {
		for (String file : this.jobs.failInterrupted("import.interrupted")) {
			deleteFile(file);
		}
	}

	private JobStore.Job load(CurrentUser reader, long id) {
		JobStore.Job job = this.jobs.find(id).orElseThrow(() -> new NotFoundException("Import", id));
		if (job.createdBy() != reader.id() && !reader.isAdmin()) {
			throw new NotFoundException("Import", id);
		}
		return job;
	}

	/**
	 * Validates the stored file in one pass inside one transaction. A file meant to
	 * commit straight away (no preview) is written as it is checked, so a clean file
	 * costs one read, not two. When a row is rejected, or a preview was asked for, the
	 * transaction is rolled back at the end, leaving the job at VALIDATED with nothing
	 * written. An importer that leaves its unique keys to the database
	 * ({@link RecordImporter#keysInDatabase}) keeps writing the valid rows until the end
	 * in any case, so later chunks meet the earlier ones; the others stop writing at the
	 * first rejected row and do not write a preview at all.
	 */
	private void validate(CurrentUser editor, long id) {
		JobStore.Job job = this.jobs.find(id).orElseThrow();
		ImportRequest request = request(job);
		ImportContext context = new ImportContext(id, editor, request, !job.preview(), LocalDateTime.now(this.clock));
		try {
			Pass pass = new Pass(id, job, context, this.importers.create(job.type()), null);
			this.transaction.executeWithoutResult((status) -> {
				runUnchecked(pass);
				if (pass.rollsBack()) {
					status.setRollbackOnly();
				}
				else {
					this.jobs.committed(id, pass.written, pass.total);
				}
			});
			if (job.preview() || pass.spoiled) {
				this.jobs.progress(id, pass.total, context.rejectedCount(), pass.total);
				this.jobs.finish(id, ImportStatus.VALIDATED, header(pass));
			}
			else {
				this.jobs.progress(id, pass.total, 0, pass.total);
				forget(job);
			}
		}
		catch (FileProblem ex) {
			fail(job, ex.getMessage());
		}
		catch (RuleViolationException ex) {
			fail(job, "import.rejectedAtCommit:" + this.labels.get(ex.messageKey(), ex.args()));
		}
		catch (RuntimeException ex) {
			log.warn("Import {} failed; nothing of it was written", id, ex);
			fail(job, "import.failed:" + reason(ex));
		}
	}

	private static void runUnchecked(Pass pass) {
		try {
			pass.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String header(Pass pass) {
		return (pass.ignored != null && !pass.ignored.isEmpty())
				? "import.ignoredColumns:" + String.join(", ", pass.ignored) : null;
	}

	private void commitPass(CurrentUser editor, long id, boolean validRowsOnly) {
		JobStore.Job job = this.jobs.find(id).orElseThrow();
		ImportContext context = new ImportContext(id, editor, request(job), true, LocalDateTime.now(this.clock));
		BitSet skip = validRowsOnly ? this.jobs.rejectedRows(id) : new BitSet();
		try {
			this.transaction.executeWithoutResult((status) -> {
				Pass pass = new Pass(id, job, context, this.importers.create(job.type()), skip);
				runUnchecked(pass);
				this.jobs.committed(id, pass.written, pass.total);
			});
			forget(job);
		}
		catch (ChangedSinceValidation ex) {
			fail(job, "import.changedSinceValidation");
		}
		catch (FileProblem ex) {
			fail(job, ex.getMessage());
		}
		catch (RuleViolationException ex) {
			fail(job, "import.rejectedAtCommit:" + this.labels.get(ex.messageKey(), ex.args()));
		}
		catch (RuntimeException ex) {
			log.warn("Import {} failed while committing; nothing of it was written", id, ex);
			fail(job, "import.failed:" + reason(ex));
		}
	}

	/**
	 * What went wrong, for the job's message: some exceptions carry no message, and the
	 * user should read a cause rather than "null".
	 */
	private static String reason(RuntimeException ex) {
		Throwable cause = ex;
		while (cause.getMessage() == null && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	private void fail(JobStore.Job job, String message) {
		this.jobs.finish(job.id(), ImportStatus.FAILED, cut(message, 2000));
		forget(job);
	}

	private void forget(JobStore.Job job) {
		this.passwords.remove(job.id());
		deleteFile(job.storedFile());
	}

	private static void deleteFile(String file) {
		if (file != null) {
			try {
				Files.deleteIfExists(Path.of(file));
			}
			catch (IOException ex) {
				log.warn("Could not delete the stored import file {}", file, ex);
			}
		}
	}

	/**
	 * The request a job was started with. A default password for user imports is kept in
	 * memory only, never in the job table.
	 */
	private ImportRequest request(JobStore.Job job) {
		return new ImportRequest(job.type(), job.fileName(), job.preview(), job.charset(), job.source(),
				this.passwords.get(job.id()), parseMapping(job.mapping()), job.duplicates());
	}

	private static void as(Authentication authentication, Runnable task) {
		SecurityContextHolder.getContext().setAuthentication(authentication);
		try {
			task.run();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private ImportJobView view(long id) {
		return view(id, true);
	}

	private ImportJobView view(long id, boolean withErrors) {
		JobStore.Job job = this.jobs.find(id).orElseThrow(() -> new NotFoundException("Import", id));
		List<ImportJobView.Error> errors = withErrors
				? this.jobs.errors(id, SHOWN_ERRORS).stream().map(this::words).toList() : List.of();
		long rate = 0;
		if (job.startedAt() != null && job.processedRows() > 0) {
			LocalDateTime end = job.status().finished() || job.status() == ImportStatus.VALIDATED ? job.updatedAt()
					: LocalDateTime.now(this.clock);
			long millis = Math.max(1, Duration.between(job.startedAt(), end).toMillis());
			rate = job.processedRows() * 1000 / millis;
		}
		return new ImportJobView(job.id(), job.type(), job.status(), job.fileName(), job.format(), job.charset(),
				job.preview(), job.totalRows(), job.validRows(), job.errorRows(), job.processedRows(),
				job.committedRows(), rate, message(job.message()), job.createdAt(), job.updatedAt(), errors);
	}

	private ImportJobView.Error words(ImportJobView.Error stored) {
		// A reason without a detail gets an empty one, so no message ever reads "null".
		String detail = (stored.code() != null) ? stored.code() : "";
		if ("import.missingColumn".equals(stored.reason()) && stored.code() != null) {
			detail = fieldLabel(stored.code());
		}
		String reason = this.labels.get(stored.reason(), detail);
		// A close product name, or the stored account a rejected name duplicates.
		String suggestion = (stored.reason() != null
				&& (stored.reason().endsWith("DidYouMean") || stored.reason().equals("import.duplicateStored")))
						? stored.code() : null;
		return new ImportJobView.Error(stored.row(), stored.column(), stored.value(), reason, stored.reason(),
				suggestion);
	}

	private String message(String stored) {
		if (stored == null) {
			return null;
		}
		int colon = stored.indexOf(':');
		return (colon < 0) ? this.labels.get(stored)
				: this.labels.get(stored.substring(0, colon), stored.substring(colon + 1));
	}

	/**
	 * A file that cannot be imported at all, such as one without a required column.
	 */
	static final class FileProblem extends RuntimeException {

		FileProblem(String message) {
			super(message);
		}

	}

	/**
	 * A row that passed validation fails at commit: the database changed in between.
	 */
	static final class ChangedSinceValidation extends RuntimeException {

		ChangedSinceValidation() {
			super("changed since validation");
		}

	}

	/**
	 * One pass over the stored file: reads it in chunks, checks each chunk and, in the
	 * commit pass, writes its valid rows.
	 */
	private final class Pass implements RowSink {

		private final long jobId;

		private final JobStore.Job job;

		private final ImportContext context;

		private final RecordImporter importer;

		private final BitSet skip;

		/**
		 * Set when the first pass meets a rejected row: the caller rolls back, and an
		 * importer that keeps its keys in memory stops writing.
		 */
		private boolean spoiled;

		private final List<Row> chunk = new ArrayList<>(CHUNK);

		private Header header;

		private List<String> ignored;

		private long total;

		private long written;

		private int storedErrors;

		Pass(long jobId, JobStore.Job job, ImportContext context, RecordImporter importer, BitSet skip) {
			this.jobId = jobId;
			this.job = job;
			this.context = context;
			this.importer = importer;
			this.skip = skip;
		}

		void run() throws IOException {
			if (this.skip == null) {
				ImportJobs.this.jobs.clearErrors(this.jobId);
			}
			TableFile.Layout layout = new TableFile.Layout(this.job.format(),
					(this.job.charset() != null) ? TableFile.charset(this.job.charset()) : null,
					(this.job.delimiter() != null) ? this.job.delimiter().charAt(0) : ',',
					"UTF-8".equals(this.job.charset()) && startsWithBom(this.job.storedFile()));
			TableFile.read(Path.of(this.job.storedFile()), layout, this);
			flush();
			this.importer.checkEnd(this.context);
			settleErrors();
			if (writing() && !rollsBack()) {
				this.importer.writeEnd(this.context);
			}
		}

		/**
		 * Whether this pass still writes: the commit pass always (it stops at any error);
		 * the first pass of an importer that keeps its keys in the database always too
		 * (to roll back at the end if need be), of any other until its first rejected row
		 * and not for a preview.
		 */
		private boolean writing() {
			return decided() || this.importer.keysInDatabase() || (this.context.writing() && !this.spoiled);
		}

		/**
		 * Whether what this pass wrote is to be rolled back: a first pass that met a
		 * rejected row or was asked for a preview.
		 */
		boolean rollsBack() {
			return !decided() && (this.spoiled || !this.context.writing());
		}

		/**
		 * The commit a user decided on, as opposed to the first pass over a file.
		 */
		private boolean decided() {
			return this.skip != null;
		}

		private boolean startsWithBom(String file) throws IOException {
			try (InputStream in = Files.newInputStream(Path.of(file))) {
				byte[] head = in.readNBytes(3);
				return head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
						&& (head[2] & 0xFF) == 0xBF;
			}
		}

		@Override
		public void header(List<String> names) {
			this.header = new Header(ImportJobs.this.importers.recognised(this.job.type()), names,
					this.context.request().mapping());
			this.ignored = this.header.ignored();
			if (!this.header.missing().isEmpty()) {
				List<ImportJobView.Error> errors = this.header.missing()
					.stream()
					.map((field) -> new ImportJobView.Error(1, field, null, "import.missingColumn", field))
					.toList();
				this.storedErrors = ImportJobs.this.jobs.addErrors(this.jobId, errors, this.storedErrors);
				throw new FileProblem("import.missingColumn:" + String.join(", ", this.header.missing()));
			}
		}

		@Override
		public void row(long number, List<String> cells) {
			this.total++;
			if (this.skip != null && number <= Integer.MAX_VALUE && this.skip.get((int) number)) {
				return;
			}
			this.chunk.add(this.header.row(number, cells));
			if (this.chunk.size() >= CHUNK) {
				flush();
			}
		}

		private void flush() {
			if (this.chunk.isEmpty()) {
				return;
			}
			this.importer.check(this.chunk, this.context);
			settleErrors();
			if (writing()) {
				List<Row> valid = valid(this.chunk);
				this.written += this.importer.keysInDatabase() ? writeChecked(valid)
						: this.importer.write(valid, this.context);
			}
			this.chunk.clear();
			if (decided()) {
				ImportJobs.this.jobs.processed(this.jobId, this.total);
			}
			else {
				ImportJobs.this.jobs.progress(this.jobId, this.total, this.context.rejectedCount(), this.total);
			}
		}

		private static List<Row> valid(List<Row> rows) {
			return rows.stream().filter((row) -> !row.rejected() && row.prepared() != null).toList();
		}

		/**
		 * Writes a chunk after rejecting the rows whose unique key is taken, by a row of
		 * an earlier chunk (written in this transaction, so visible to it) or one stored
		 * before: one indexed lookup per chunk. Measured against writing each chunk under
		 * a savepoint and looking up only a chunk that clashed, it costs no measurable
		 * throughput (BENCHMARKS.md, P2) and needs no subtransactions.
		 */
		private int writeChecked(List<Row> rows) {
			this.importer.rejectTaken(rows, this.context);
			settleErrors();
			// A clash now means a concurrent import took a key since the lookup; it fails
			// the job and rolls everything back.
			return this.importer.write(valid(rows), this.context);
		}

		/**
		 * Stores new errors. In a decided commit any new error stops it, since the user
		 * decided on the errors validation showed, not on these; in the first pass it
		 * stops the writing.
		 */
		private void settleErrors() {
			List<ImportJobView.Error> errors = this.context.drainErrors();
			if (errors.isEmpty()) {
				return;
			}
			if (decided()) {
				ImportJobs.this.jobs.clearErrors(this.jobId);
				ImportJobs.this.jobs.addErrors(this.jobId, errors, 0);
				throw new ChangedSinceValidation();
			}
			this.spoiled = true;
			this.storedErrors = ImportJobs.this.jobs.addErrors(this.jobId, errors, this.storedErrors);
		}

	}

}
