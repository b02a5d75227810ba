package io.dakehu.dataimport.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;

import io.dakehu.dataimport.Exports;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Exports over the API: {@code GET /api/v1/exports/orders?format=xlsx}. The file holds
 * only what the caller's record scope shows.
 */
@RestController
class ExportApi {

	private static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private final Exports exports;

	private final Users users;

	ExportApi(Exports exports, Users users) {
		this.exports = exports;
		this.users = users;
	}

	@GetMapping("/api/v1/exports/{type}")
	ResponseEntity<StreamingResponseBody> export(@PathVariable String type,
			@RequestParam(defaultValue = "csv") String format) {
		Exports.Kind kind = Exports.Kind.parse(type);
		boolean xlsx = "xlsx".equalsIgnoreCase(format.strip());
		if (!xlsx && !"csv".equalsIgnoreCase(format.strip())) {
			throw new io.dakehu.shared.RuleViolationException("format", "export.unknownFormat", format);
		}
		CurrentUser reader = this.users.current();
		String fileName = kind.name().toLowerCase(Locale.ROOT) + "-" + LocalDate.now() + (xlsx ? ".xlsx" : ".csv");
		StreamingResponseBody body = (out) -> this.exports.export(reader, kind, xlsx ? "xlsx" : "csv", out);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
			.contentType(xlsx ? XLSX : new MediaType("text", "csv", StandardCharsets.UTF_8))
			.body(body);
	}

}
