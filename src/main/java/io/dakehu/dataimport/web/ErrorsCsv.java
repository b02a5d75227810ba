package io.dakehu.dataimport.web;

import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.dakehu.dataimport.ImportJobView;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A job's rejected cells as a CSV download, the same for the API and the job page. It
 * starts with a byte order mark so Excel opens it as UTF-8.
 */
final class ErrorsCsv {

	private ErrorsCsv() {
	}

	static ResponseEntity<StreamingResponseBody> of(long id, List<ImportJobView.Error> errors) {
		StreamingResponseBody body = (out) -> {
			OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			writer.write('\uFEFF');
			try (CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
				printer.printRecord("row", "column", "value", "reason");
				for (ImportJobView.Error error : errors) {
					printer.printRecord(error.row(), error.column(), neutralised(error.value()), error.reason());
				}
			}
		};
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + id + "-errors.csv\"")
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.body(body);
	}

	/** A value that a spreadsheet would run as a formula is written as text. */
	private static String neutralised(String text) {
		return (text != null && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) ? "'" + text : text;
	}

}
