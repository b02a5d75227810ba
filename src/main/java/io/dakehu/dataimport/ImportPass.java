package io.dakehu.dataimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A pass over a job's stored file: reads it in chunks, has the importer check each chunk
 * and writes the valid rows, all inside one transaction, so a failure, a kill or a crash
 * midway leaves none of its rows. What the job's status becomes afterwards is for
 * {@link ImportJobs} to decide; a pass only reports what it read and throws what stopped
 * it.
 */
@Component
class ImportPass {

	/**
	 * Rows checked (and written) together, unless {@code dakehu.imports.chunk-rows} says
	 * otherwise: one account lookup and one batch each.
	 */
	static final int CHUNK = 5000;

	private final int chunkRows;

	private final JobStore jobs;

	private final Importers importers;

	private final TransactionTemplate transaction;

	private final StoredFiles files;

	/**
	 * @param chunkRows rows per chunk: more rows, fewer statements and more memory (the
	 * tests take a few hundred, so a file longer than a chunk is a short file)
	 */
	ImportPass(JobStore jobs, Importers importers, PlatformTransactionManager transactions, StoredFiles files,
			@Value("${dakehu.imports.chunk-rows:" + CHUNK + "}") int chunkRows) {
		if (chunkRows < 1) {
			throw new IllegalArgumentException("dakehu.imports.chunk-rows must be 1 or more, not " + chunkRows);
		}
		this.chunkRows = chunkRows;
		this.jobs = jobs;
		this.importers = importers;
		this.files = files;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Validates the stored file in one pass inside one transaction. A file meant to
	 * commit straight away (no preview) is written as it is checked, so a clean file
	 * costs one read, not two. When a row is rejected, or a preview was asked for, the
	 * transaction is rolled back at the end, leaving nothing written. An importer that
	 * leaves its unique keys to the database ({@link RecordImporter#keysInDatabase})
	 * keeps writing the valid rows until the end in any case, so later chunks meet the
	 * earlier ones; the others stop writing at the first rejected row and do not write a
	 * preview at all.
	 */
	Outcome first(JobStore.Job job, ImportContext context) {
		Pass pass = new Pass(job.id(), job, context, this.importers.create(job.type()), null);
		this.transaction.executeWithoutResult((status) -> {
			runUnchecked(pass);
			if (pass.rollsBack()) {
				status.setRollbackOnly();
			}
			else {
				this.jobs.progress(job.id(), pass.total, 0, pass.total);
				this.jobs.committed(job.id(), pass.written, pass.total);
			}
		});
		return new Outcome(pass.total, pass.spoiled, header(pass));
	}

	/**
	 * The commit a user decided on: writes every row but the ones validation rejected
	 * ({@code skip}), in one transaction.
	 * @throws ChangedSinceValidation when a row validation passed is rejected now
	 */
	void decided(JobStore.Job job, ImportContext context, BitSet skip) {
		this.transaction.executeWithoutResult((status) -> {
			Pass pass = new Pass(job.id(), job, context, this.importers.create(job.type()), skip);
			runUnchecked(pass);
			this.jobs.committed(job.id(), pass.written, pass.total);
		});
	}

	/**
	 * What a first pass read: its rows, whether any was rejected, and the message about
	 * ignored columns the job keeps (null when none was ignored).
	 */
	record Outcome(long total, boolean spoiled, String message) {
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

		private final List<Row> chunk = new ArrayList<>(ImportPass.this.chunkRows);

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
				ImportPass.this.jobs.clearErrors(this.jobId);
			}
			TableFile.Layout layout = new TableFile.Layout(this.job.format(),
					(this.job.charset() != null) ? TableFile.charset(this.job.charset()) : null,
					(this.job.delimiter() != null) ? this.job.delimiter().charAt(0) : ',',
					"UTF-8".equals(this.job.charset()) && startsWithBom(this.job.storedFile()));
			TableFile.read(ImportPass.this.files.locate(this.job.storedFile()), layout, this);
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
			try (InputStream in = Files.newInputStream(ImportPass.this.files.locate(file))) {
				byte[] head = in.readNBytes(3);
				return head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
						&& (head[2] & 0xFF) == 0xBF;
			}
		}

		@Override
		public void header(List<String> names) {
			this.header = new Header(ImportPass.this.importers.recognised(this.job.type()), names,
					this.context.request().mapping());
			this.ignored = this.header.ignored();
			if (!this.header.duplicates().isEmpty()) {
				String duplicate = Cells.visible(this.header.duplicates().get(0));
				this.storedErrors = ImportPass.this.jobs.addErrors(this.jobId,
						List.of(new ImportJobView.Error(1, duplicate, null, "import.duplicateHeader", duplicate)),
						this.storedErrors);
				throw new FileProblem("import.duplicateHeader:" + duplicate);
			}
			if (!this.header.missing().isEmpty()) {
				List<ImportJobView.Error> errors = this.header.missing()
					.stream()
					.map((field) -> new ImportJobView.Error(1, field, null, "import.missingColumn", field))
					.toList();
				this.storedErrors = ImportPass.this.jobs.addErrors(this.jobId, errors, this.storedErrors);
				throw new FileProblem("import.missingColumn:" + String.join(", ", this.header.missing()));
			}
		}

		@Override
		public void row(long number, List<String> cells) {
			this.total++;
			if (this.skip != null && number <= Integer.MAX_VALUE && this.skip.get((int) number)) {
				return;
			}
			Row row = this.header.row(number, cells);
			row.checkText(this.context);
			this.chunk.add(row);
			if (this.chunk.size() >= ImportPass.this.chunkRows) {
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
				ImportPass.this.jobs.processed(this.jobId, this.total);
			}
			else {
				ImportPass.this.jobs.progress(this.jobId, this.total, this.context.rejectedCount(), this.total);
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
				ImportPass.this.jobs.clearErrors(this.jobId);
				ImportPass.this.jobs.addErrors(this.jobId, errors, 0);
				throw new ChangedSinceValidation();
			}
			this.spoiled = true;
			this.storedErrors = ImportPass.this.jobs.addErrors(this.jobId, errors, this.storedErrors);
		}

	}

}
