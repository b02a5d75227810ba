package io.dakehu.dataimport;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import io.dakehu.identity.CurrentUser;
import io.dakehu.shared.RuleViolationException;

/**
 * What one pass over a file shares between the engine and the importer: who imports, the
 * request, and the rejected cells found so far.
 */
final class ImportContext {

	private final long jobId;

	private final CurrentUser editor;

	private final ImportRequest request;

	private final boolean writing;

	private final List<ImportJobView.Error> pending = new ArrayList<>();

	private final BitSet rejectedRows = new BitSet();

	private long rejectedCount;

	private final LocalDateTime startedAt;

	/**
	 * @param jobId the job the pass serves, for what an importer stages in the database
	 * @param startedAt when the pass started, by the clock stored rows are stamped with:
	 * a row written at or after it was written by this pass
	 */
	ImportContext(long jobId, CurrentUser editor, ImportRequest request, boolean writing, LocalDateTime startedAt) {
		this.jobId = jobId;
		this.editor = editor;
		this.request = request;
		this.writing = writing;
		this.startedAt = startedAt;
	}

	long jobId() {
		return this.jobId;
	}

	CurrentUser editor() {
		return this.editor;
	}

	ImportRequest request() {
		return this.request;
	}

	/**
	 * Whether the rows are meant to be kept: false for a preview, which only shows what
	 * would be imported.
	 */
	boolean writing() {
		return this.writing;
	}

	void reject(Row row, String field, String reason, String detail) {
		row.reject();
		reject(row.number(), (field != null) ? row.column(field) : null, (field != null) ? row.get(field) : null,
				reason, detail);
	}

	void reject(Row row, RuleViolationException ex, String fallbackField) {
		String field = (ex.field() != null) ? ex.field() : fallbackField;
		Object[] args = ex.args();
		reject(row, field, ex.messageKey(),
				(args != null && args.length > 0 && args[0] != null) ? args[0].toString() : null);
	}

	/**
	 * Rejects a row whose unique key the database holds already. The row holding it is
	 * either this file's own, written by this pass in an earlier chunk (the pass writes
	 * as it goes, in the transaction it commits or rolls back at the end), or one stored
	 * before the pass started; the time it was written tells which, so the database
	 * serves as the memory of the file's keys.
	 */
	void rejectTaken(Row row, String field, LocalDateTime writtenAt) {
		reject(row, field, writtenByThisPass(writtenAt) ? "import.duplicateInFile" : "import.duplicateStored", null);
	}

	/**
	 * Whether a stored row stamped with this time was written by this pass (see
	 * {@link #rejectTaken}).
	 */
	boolean writtenByThisPass(LocalDateTime writtenAt) {
		return !writtenAt.isBefore(this.startedAt);
	}

	/**
	 * Rejects a row that is no longer in memory, for checks that need the whole file.
	 */
	void reject(long rowNumber, String column, String value, String reason, String detail) {
		if (rowNumber <= Integer.MAX_VALUE && !this.rejectedRows.get((int) rowNumber)) {
			this.rejectedRows.set((int) rowNumber);
			this.rejectedCount++;
		}
		this.pending.add(new ImportJobView.Error(rowNumber, Cells.visible(column), Cells.visible(value), reason,
				Cells.visible(detail)));
	}

	List<ImportJobView.Error> drainErrors() {
		List<ImportJobView.Error> drained = List.copyOf(this.pending);
		this.pending.clear();
		return drained;
	}

	long rejectedCount() {
		return this.rejectedCount;
	}

}
