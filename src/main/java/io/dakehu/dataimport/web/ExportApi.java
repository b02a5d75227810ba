package io.dakehu.dataimport.web;

import java.util.Locale;

import io.dakehu.dataimport.Exports;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.shared.export.ExportFormat;
import io.dakehu.shared.export.TableDownload;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Exports over the API: {@code GET /api/v1/exports/orders?format=xlsx}, for accounts,
 * orders, opportunities and contacts. The file holds only what the caller's record scope
 * shows.
 */
@RestController
class ExportApi {

	private final Exports exports;

	private final Users users;

	ExportApi(Exports exports, Users users) {
		this.exports = exports;
		this.users = users;
	}

	@GetMapping("/api/v1/exports/{type}")
	ResponseEntity<StreamingResponseBody> export(@PathVariable String type,
			@RequestParam(defaultValue = "csv") String format, Locale locale) {
		Exports.Kind kind = Exports.Kind.parse(type);
		ExportFormat file = ExportFormat.parse(format);
		CurrentUser reader = this.users.current();
		return TableDownload.of(kind.name().toLowerCase(Locale.ROOT), file,
				(table) -> this.exports.export(reader, kind, locale, table));
	}

}
