package io.dakehu.shared.export;

import java.io.IOException;
import java.time.LocalDate;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The HTTP answer to an export button: the file streamed as it is written, with its
 * content type and a dated attachment name ({@code segment-accounts-2026-03-01.xlsx}).
 * <p>
 * The body runs after the request thread has returned, without the signed-in user or the
 * request's locale: a controller resolves the reader's scope and the header labels first
 * and hands the writing over as a {@link Rows}.
 */
public final class TableDownload {

	private TableDownload() {
	}

	/**
	 * What writes the file's rows, header first.
	 */
	@FunctionalInterface
	public interface Rows {

		void writeTo(TableWriter table) throws IOException;

	}

	/**
	 * The response that streams the rows as a file named {@code name-<today>.<format>}.
	 */
	public static ResponseEntity<StreamingResponseBody> of(String name, ExportFormat format, Rows rows) {
		StreamingResponseBody body = (out) -> {
			try (TableWriter table = TableWriter.of(format, out)) {
				rows.writeTo(table);
			}
		};
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(name + "-" + LocalDate.now() + "." + format.extension())
						.build()
						.toString())
			.contentType(format.contentType())
			.body(body);
	}

}
