package io.dakehu.dataimport.web;

import java.util.Arrays;
import java.util.List;

import io.dakehu.dataimport.ImportJobView;
import io.dakehu.shared.export.ExportFormat;
import io.dakehu.shared.export.TableDownload;

import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A job's rejected cells as a CSV download, the same for the API and the job page,
 * written like every export by the one guarded writer: a byte order mark so Excel opens
 * it as UTF-8, and a cell that a spreadsheet would run as a formula written as text.
 */
final class ErrorsCsv {

	private ErrorsCsv() {
	}

	static ResponseEntity<StreamingResponseBody> of(long id, List<ImportJobView.Error> errors) {
		return TableDownload.of("import-" + id + "-errors", ExportFormat.CSV, (table) -> {
			table.row(List.of("row", "column", "value", "reason"));
			for (ImportJobView.Error error : errors) {
				table.row(Arrays.asList(error.row(), error.column(), error.value(), error.reason()));
			}
		});
	}

}
