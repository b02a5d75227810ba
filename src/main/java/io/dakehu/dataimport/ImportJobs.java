package io.dakehu.dataimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.dakehu.identity.CurrentUser;
import io.dakehu.shared.DatabaseOutage;
import io.dakehu.shared.InstanceRestored;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Labels;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The life of an import job: a file is stored, validated in the background, and committed
 * when it is clean or when its owner decides; a job waiting for a decision can be
 * discarded, and jobs a stopped instance left running are failed on start-up. Every way a
 * job ends deletes its stored file. The passes over the file are {@link ImportPass}'s;
 * this class decides which pass runs when, on which thread, and what the job's status
 * becomes.
 */
@Service
public class ImportJobs {

	private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

	private final JobStore jobs;

	private final ImportPass pass;

	private final StagedUploads staging;

	private final ColumnMappings mappings;

	private final StoredFiles files;

	private final JobViews views;

	private final Labels labels;

	/**
	 * The first wait between attempts to mark a job failed; it doubles up to a minute.
	 */
	static final Duration OUTAGE_RETRY = Duration.ofSeconds(1);

	private final Clock clock;

	private final ExecutorService executor;

	/**
	 * A default password for user imports, kept in memory only, never in the job table.
	 */
	private final Map<Long, String> passwords = new ConcurrentHashMap<>();

	/**
	 * Imports one user may have running (validating or committing) at once.
	 */
	private final int maxRunningPerUser;

	ImportJobs(JobStore jobs, ImportPass pass, StagedUploads staging, ColumnMappings mappings, StoredFiles files,
			JobViews views, Labels labels, Clock clock,
			@Value("${dakehu.imports.max-running-per-user:2}") int maxRunningPerUser) {
		this.jobs = jobs;
		this.maxRunningPerUser = maxRunningPerUser;
		this.pass = pass;
		this.staging = staging;
		this.mappings = mappings;
		this.files = files;
		this.views = views;
		this.labels = labels;
		this.clock = clock;
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
		return submit(editor, request, content, true);
	}

	private ImportJobView submit(CurrentUser editor, ImportRequest request, InputStream content, boolean upload) {
		int running = this.jobs.runningOf(editor.id());
		if (running >= this.maxRunningPerUser) {
			throw new ImportRefused(429, "import.tooManyRunning", this.maxRunningPerUser);
		}
		long id = start(editor, request, content, "API", upload);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		this.executor.execute(() -> as(authentication, () -> untilTheEnd(id, () -> validate(editor, id))));
		return this.views.view(id);
	}

	/**
	 * Starts the import of a staged file, as {@link #submit} does for an upload, and
	 * drops the staged copy.
	 * @throws RuleViolationException when the token names no staged file (it was imported
	 * already, or the application restarted)
	 */
	public ImportJobView submitStaged(CurrentUser editor, ImportRequest request, String token) {
		Path file = this.staging.stagedFile(editor, token);
		// A required field without a column keeps the staged file, so the user can map
		// it.
		try {
			this.mappings.requireMapped(request.type(), file,
					TableFile.detect(file, request.fileName(), request.charset()), request.mapping());
		}
		catch (IOException ex) {
			throw new RuleViolationException("file", "import.unreadable");
		}
		try (InputStream content = Files.newInputStream(file)) {
			return submit(editor, request, content, false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the staged file", ex);
		}
		finally {
			StoredFiles.delete(file);
		}
	}

	/**
	 * Imports a file in the calling thread, validating and (when clean or when
	 * {@code validRowsOnly}) committing it, for start-up data and the command line.
	 */
	public ImportJobView runNow(CurrentUser editor, ImportRequest request, InputStream content, String origin,
			boolean validRowsOnly) {
		long id = start(editor, request, content, origin, false);
		validate(editor, id);
		JobStore.Job job = this.jobs.find(id).orElseThrow();
		if (job.status() == ImportStatus.VALIDATED && validRowsOnly && !request.preview()
				&& this.jobs.move(id, ImportStatus.VALIDATED, ImportStatus.COMMITTING, null)) {
			commitPass(editor, id, true);
		}
		return this.views.view(id);
	}

	/**
	 * Stores the file and makes a job of it.
	 * @param upload whether the file comes from a user over the web, and so is held to
	 * the largest file an upload may be
	 */
	private long start(CurrentUser editor, ImportRequest request, InputStream content, String origin, boolean upload) {
		if (request.type() == null) {
			throw new RuleViolationException("type", "import.unknownType");
		}
		if (request.type() == ImportType.USERS && !editor.isAdmin()) {
			throw new RuleViolationException("type", "import.adminOnly");
		}
		requireMayCreate(editor, request.type());
		this.mappings.checkMapping(request.type(), request.mapping());
		FileHead.checkCharset(request.charset());
		Path file = this.files.resolve(UUID.randomUUID() + ".upload");
		if (upload) {
			this.files.storeUpload(content, file);
		}
		else {
			this.files.store(content, file);
		}
		TableFile.Layout layout;
		try {
			layout = TableFile.detect(file, request.fileName(), request.charset());
			this.mappings.requireMapped(request.type(), file, layout, request.mapping());
		}
		catch (IOException ex) {
			StoredFiles.delete(file);
			throw new RuleViolationException("file", "import.unreadable");
		}
		catch (RuntimeException ex) {
			StoredFiles.delete(file);
			throw ex;
		}
		String name = (request.fileName() != null && !request.fileName().isBlank()) ? request.fileName() : "upload";
		if (request.sourceOrDefault().length() > 50) {
			throw new RuleViolationException("source", "import.tooLong", 50);
		}
		long id = this.jobs.create(request.type(), origin, cut(name, 255), StoredFiles.storedName(file), layout,
				request.sourceOrDefault(), request.mapping().isEmpty() ? null : ColumnMappings.json(request.mapping()),
				request.duplicates(), request.preview(), editor.id());
		if (request.defaultPassword() != null) {
			this.passwords.put(id, request.defaultPassword());
		}
		return id;
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
		return this.views.view(id);
	}

	/**
	 * The caller's newest jobs (an administrator's: everyone's), newest first, without
	 * their errors: what a user comes back to after leaving the page.
	 */
	public List<ImportJobView> recent(CurrentUser reader, int limit) {
		return this.jobs.recent(reader.isAdmin() ? null : reader.id(), Math.min(Math.max(limit, 1), 100))
			.stream()
			.map((id) -> this.views.view(id, false))
			.toList();
	}

	/**
	 * Commits a validated job in the background.
	 * @param validRowsOnly whether to import the valid rows of a file that has errors;
	 * without it a file with errors is refused
	 */
	public ImportJobView commit(CurrentUser editor, long id, boolean validRowsOnly) {
		JobStore.Job job = load(editor, id);
		requireMayCreate(editor, job.type());
		if (job.status() != ImportStatus.VALIDATED) {
			throw new RuleViolationException("status", "import.notValidated", job.status().name());
		}
		if (job.errorRows() > 0 && !validRowsOnly) {
			throw new RuleViolationException("validRowsOnly", "import.hasErrors", job.errorRows());
		}
		if (job.errorRows() > JobStore.MAX_STORED_ERRORS) {
			throw new RuleViolationException("validRowsOnly", "import.tooManyErrors", JobStore.MAX_STORED_ERRORS);
		}
		if (this.jobs.runningOf(editor.id()) >= this.maxRunningPerUser) {
			throw new ImportRefused(429, "import.tooManyRunning", this.maxRunningPerUser);
		}
		if (!this.jobs.move(id, ImportStatus.VALIDATED, ImportStatus.COMMITTING, null)) {
			throw new RuleViolationException("status", "import.notValidated", job.status().name());
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		this.executor
			.execute(() -> as(authentication, () -> untilTheEnd(id, () -> commitPass(editor, id, validRowsOnly))));
		return this.views.view(id);
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
		ImportType type = load(reader, id).type();
		return this.jobs.errors(id, JobStore.MAX_STORED_ERRORS)
			.stream()
			.map((error) -> this.views.words(type, error))
			.toList();
	}

	/**
	 * Whether any job of this origin (such as the demo data) was ever started.
	 */
	public boolean anyFrom(String origin) {
		return this.jobs.anyFrom(origin);
	}

	/**
	 * Marks the jobs of nodes that are gone as failed: their transaction died with the
	 * node's process, so nothing of them is in the database (decision 0027). Jobs of live
	 * nodes go on.
	 * @param live the ids of the nodes alive now
	 * @return how many jobs it failed
	 */
	int failInterrupted(List<String> live) {
		List<String> files = this.jobs.failInterrupted("import.interrupted", live);
		files.forEach(this.files::forget);
		return files.size();
	}

	/**
	 * A restored database starts without the old host's uploads: its running and pending
	 * jobs are failed, in the start-up's transaction, before anyone can commit them.
	 */
	@EventListener
	void restored(InstanceRestored restored) {
		int failed = this.jobs.failRestored("import.restored");
		if (failed > 0) {
			log.warn("{} import jobs of the database's old host were failed: their files did not come with it", failed);
		}
	}

	/**
	 * An import creates records, so it is for those who may create them one by one:
	 * products are added by administrators and directors, as the products API allows.
	 * @throws AccessDeniedException otherwise
	 */
	public static void requireMayCreate(CurrentUser editor, ImportType type) {
		if (type == ImportType.PRODUCTS && !editor.role().seesEverything()) {
			throw new AccessDeniedException("Only administrators and directors add products");
		}
	}

	/** Whether the user may import records of the type at all. */
	public static boolean mayImport(CurrentUser editor, ImportType type) {
		return (type != ImportType.USERS || editor.isAdmin())
				&& (type != ImportType.PRODUCTS || editor.role().seesEverything());
	}

	/**
	 * Fails the running jobs that recorded no progress for the given time (a pass records
	 * it at every chunk of 5,000 rows): their thread died or hangs, and their owners can
	 * discard them and start again. A pass that wakes up later finds its job ended and
	 * rolls back.
	 * @return how many jobs it failed
	 */
	int failStalled(Duration quietFor) {
		List<String> files = this.jobs.failStalled(LocalDateTime.now(this.clock).minus(quietFor), "import.stalled");
		files.forEach(this.files::forget);
		return files.size();
	}

	private JobStore.Job load(CurrentUser reader, long id) {
		JobStore.Job job = this.jobs.find(id).orElseThrow(() -> new NotFoundException("Import", id));
		if (job.createdBy() != reader.id() && !reader.isAdmin()) {
			throw new NotFoundException("Import", id);
		}
		return job;
	}

	/**
	 * The first pass ({@link ImportPass#first}): the job ends at VALIDATED when a row was
	 * rejected or a preview was asked for, else it is done, its rows written.
	 */
	private void validate(CurrentUser editor, long id) {
		JobStore.Job job = this.jobs.find(id).orElseThrow();
		ImportRequest request = request(job);
		ImportContext context = new ImportContext(id, editor, request, !job.preview(), LocalDateTime.now(this.clock));
		try {
			ImportPass.Outcome outcome = this.pass.first(job, context);
			if (job.preview() || outcome.spoiled()) {
				this.jobs.progress(id, outcome.total(), context.rejectedCount(), outcome.total());
				this.jobs.finish(id, ImportStatus.VALIDATED, outcome.message());
			}
			else {
				forget(job);
			}
		}
		catch (Throwable ex) {
			failed(job, ex);
		}
	}

	private void commitPass(CurrentUser editor, long id, boolean validRowsOnly) {
		JobStore.Job job = this.jobs.find(id).orElseThrow();
		ImportContext context = new ImportContext(id, editor, request(job), true, LocalDateTime.now(this.clock));
		BitSet skip = validRowsOnly ? this.jobs.rejectedRows(id) : new BitSet();
		try {
			this.pass.decided(job, context, skip);
			forget(job);
		}
		catch (Throwable ex) {
			failed(job, ex);
		}
	}

	/**
	 * Ends a job whose pass stopped with an exception or an error (out of memory, stack
	 * overflow included: the pass's transaction is rolled back either way, so nothing of
	 * it is written). The job's message is one of ours, in words the user can act on; the
	 * exception's own text (which may hold SQL or a server path) goes to the log only.
	 */
	private void failed(JobStore.Job job, Throwable ex) {
		if (ex instanceof ImportPass.ChangedSinceValidation) {
			fail(job, "import.changedSinceValidation");
		}
		else if (ex instanceof ImportPass.FileProblem) {
			fail(job, ex.getMessage());
		}
		else if (ex instanceof RuleViolationException rule) {
			fail(job, "import.rejectedAtCommit:" + this.labels.get(rule.messageKey(), rule.args()));
		}
		else if (ex instanceof JobStore.Abandoned) {
			// The watchdog failed the job, or it was discarded, while this pass ran; its
			// status says so already.
			forget(job);
		}
		else if (DatabaseOutage.causedBy(ex)) {
			// Marking it failed needs the database too: while it is out of reach this
			// throws, and the pass's runner tries again until it answers.
			log.warn("Import {} stopped: the database is out of reach; nothing of it was written", job.id());
			fail(job, "import.databaseUnavailable");
		}
		else if (ex instanceof UncheckedIOException) {
			log.warn("Import {} could not read its file; nothing of it was written", job.id(), ex);
			fail(job, "import.fileUnreadable");
		}
		else {
			log.error("Import {} failed; nothing of it was written", job.id(), ex);
			fail(job, (ex instanceof OutOfMemoryError) ? "import.outOfMemory" : "import.failed");
		}
		if (ex instanceof Error error && !(ex instanceof OutOfMemoryError) && !(ex instanceof StackOverflowError)) {
			// Other errors (a class that cannot load, a thread death) are not the file's
			// doing; the job is failed, and the error goes on.
			throw error;
		}
	}

	/**
	 * Runs a pass in the background so that the job ends, whatever happens: when the
	 * database went out of reach during the pass (its own transaction rolled back, so
	 * nothing of it was written) the job could not even be marked failed, so that is
	 * retried until the database answers again, rather than leaving the job VALIDATING or
	 * COMMITTING, which no one may discard.
	 */
	private void untilTheEnd(long id, Runnable pass) {
		try {
			pass.run();
		}
		catch (RuntimeException ex) {
			if (!DatabaseOutage.causedBy(ex)) {
				throw ex;
			}
			log.warn("Import {} stopped: the database is out of reach; nothing of it was written", id);
			failOnceTheDatabaseAnswers(id, OUTAGE_RETRY);
		}
	}

	/**
	 * Marks the job failed, trying again while the database is out of reach. Gives up
	 * only when the application stops (the executor interrupts its threads); the job is
	 * then failed at the next start ({@link InterruptedJobs}).
	 */
	void failOnceTheDatabaseAnswers(long id, Duration firstWait) {
		Duration wait = firstWait;
		while (true) {
			try {
				this.jobs.finish(id, ImportStatus.FAILED, "import.databaseUnavailable");
				this.passwords.remove(id);
				this.jobs.find(id).ifPresent((job) -> this.files.forget(job.storedFile()));
				return;
			}
			catch (RuntimeException ex) {
				if (!DatabaseOutage.causedBy(ex)) {
					throw ex;
				}
			}
			try {
				Thread.sleep(wait.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			wait = (wait.compareTo(Duration.ofSeconds(30)) < 0) ? wait.multipliedBy(2) : Duration.ofMinutes(1);
		}
	}

	private void fail(JobStore.Job job, String message) {
		this.jobs.finish(job.id(), ImportStatus.FAILED, cut(message, 2000));
		forget(job);
	}

	private void forget(JobStore.Job job) {
		this.passwords.remove(job.id());
		this.files.forget(job.storedFile());
	}

	/**
	 * The request a job was started with, its default password from memory.
	 */
	private ImportRequest request(JobStore.Job job) {
		return new ImportRequest(job.type(), job.fileName(), job.preview(), job.charset(), job.source(),
				this.passwords.get(job.id()), ColumnMappings.parseMapping(job.mapping()), job.duplicates());
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

}
