package io.dakehu.shared.export;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.dakehu.shared.RuleViolationException;

import org.springframework.http.MediaType;

/**
 * The file formats a list exports to, with the content type and file name extension each
 * is served with.
 */
public enum ExportFormat {

	CSV(new MediaType("text", "csv", StandardCharsets.UTF_8), "csv"),

	XLSX(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "xlsx");

	private final MediaType contentType;

	private final String extension;

	ExportFormat(MediaType contentType, String extension) {
		this.contentType = contentType;
		this.extension = extension;
	}

	public MediaType contentType() {
		return this.contentType;
	}

	public String extension() {
		return this.extension;
	}

	/**
	 * The format a request names, {@code csv} when it names none.
	 * @throws RuleViolationException on {@code format} for anything but csv or xlsx
	 */
	public static ExportFormat parse(String text) {
		if (text == null || text.isBlank()) {
			return CSV;
		}
		return switch (text.strip().toLowerCase(Locale.ROOT)) {
			case "csv" -> CSV;
			case "xlsx" -> XLSX;
			default -> throw new RuleViolationException("format", "export.unknownFormat", text);
		};
	}

}
