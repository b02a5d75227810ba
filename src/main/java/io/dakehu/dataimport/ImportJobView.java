package io.dakehu.dataimport;

import java.time.LocalDateTime;
import java.util.List;

/**
 * An import job as its owner sees it: status, counts, progress and the rejected cells.
 *
 * @param totalRows data rows read so far (all of them once validation has finished)
 * @param processedRows rows handled by the current pass, for a progress bar
 * @param rowsPerSecond speed of the current pass
 * @param errors the first rejected cells, in file order (row 1 is the header)
 */
public record ImportJobView(long id, ImportType type, ImportStatus status, String fileName, String format,
		String charset, boolean preview, long totalRows, long validRows, long errorRows, long processedRows,
		long committedRows, long rowsPerSecond, String message, LocalDateTime createdAt, LocalDateTime updatedAt,
		List<Error> errors) {

	/**
	 * One rejected cell or row.
	 *
	 * @param column the column as named in the file; null when the whole row is wrong
	 * @param reason the reason in the reader's language
	 * @param code the reason as a stable key, for programs
	 * @param suggestion the close match the reason proposes (a product name); null for
	 * none
	 */
	public record Error(long row, String column, String value, String reason, String code, String suggestion) {

		public Error(long row, String column, String value, String reason, String code) {
			this(row, column, value, reason, code, null);
		}

	}

}
