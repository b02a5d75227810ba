package io.dakehu.dataimport.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

import io.dakehu.dataimport.DuplicatePolicy;
import io.dakehu.dataimport.ImportJobView;
import io.dakehu.dataimport.ColumnMappings;
import io.dakehu.dataimport.ImportJobs;
import io.dakehu.dataimport.ImportRefused;
import io.dakehu.dataimport.ImportRequest;
import io.dakehu.dataimport.ImportType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Labels;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Import jobs over the API: upload (202, validated in the background), poll, decide
 * (commit the valid rows or discard), download the errors.
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ImportJobs imports;

	private final ColumnMappings mappings;

	private final Users users;

	private final Labels labels;

	ImportApi(ImportJobs imports, ColumnMappings mappings, Users users, Labels labels) {
		this.imports = imports;
		this.mappings = mappings;
		this.users = users;
		this.labels = labels;
	}

	/**
	 * A file too large (413) or one import too many running (429): a problem with the
	 * rule in the caller's language, as a refused rule has, and the status a client acts
	 * on.
	 */
	@ExceptionHandler(ImportRefused.class)
	ProblemDetail refused(ImportRefused ex) {
		String message = this.labels.field(ex.field()) + ": " + this.labels.get(ex.messageKey(), ex.args());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(ex.status()), message);
		problem.setTitle(this.labels.get("error.invalid.title"));
		problem.setProperty("errors",
				List.of(Map.of("field", ex.field(), "label", this.labels.field(ex.field()), "message", message)));
		return problem;
	}

	record Accepted(long id, String status) {
	}

	record CommitRequest(Boolean validRowsOnly) {
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Accepted> submit(@RequestParam("file") MultipartFile file, @RequestParam("type") String type,
			@RequestParam(defaultValue = "false") boolean preview, @RequestParam(required = false) String charset,
			@RequestParam(required = false) String source, @RequestParam(required = false) String mapping,
			@RequestParam(required = false) String mappingName, @RequestParam(required = false) String duplicates,
			@RequestParam(defaultValue = "false") boolean shareMapping) throws IOException {
		ImportType importType = type(type);
		if (file.isEmpty()) {
			throw new RuleViolationException("file", "import.emptyFile");
		}
		CurrentUser editor = this.users.current();
		// Refused before the mapping is saved, so a refused import leaves nothing behind.
		ImportJobs.requireMayCreate(editor, importType);
		Map<String, String> columns = Map.of();
		if (mapping != null && !mapping.isBlank()) {
			columns = parse(mapping);
			if (mappingName != null && !mappingName.isBlank()) {
				this.mappings.saveMapping(editor, importType, mappingName, columns, shareMapping);
			}
		}
		else if (mappingName != null && !mappingName.isBlank()) {
			columns = this.mappings.mapping(editor, importType, mappingName);
		}
		DuplicatePolicy policy;
		try {
			policy = DuplicatePolicy.parse(duplicates);
		}
		catch (IllegalArgumentException ex) {
			throw new RuleViolationException("duplicates", "import.unknownPolicy", duplicates);
		}
		ImportRequest request = new ImportRequest(importType, file.getOriginalFilename(), preview, charset, source,
				null, columns, policy);
		ImportJobView job;
		try (InputStream content = file.getInputStream()) {
			job = this.imports.submit(editor, request, content);
		}
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/imports/" + job.id()))
			.body(new Accepted(job.id(), job.status().name()));
	}

	/**
	 * The caller's newest import jobs, without their errors.
	 */
	@GetMapping
	List<ImportJobView> recent(@RequestParam(defaultValue = "20") int limit) {
		return this.imports.recent(this.users.current(), limit);
	}

	/**
	 * The saved column mappings of a type the caller may use, by name: {@code {"erp":
	 * {"客户全称": "account"}}}: the ones administrators shared and the caller's own.
	 */
	@GetMapping("/mappings")
	Map<String, Map<String, String>> mappings(@RequestParam String type) {
		return this.mappings.mappings(this.users.current(), type(type));
	}

	private static ImportType type(String type) {
		ImportType importType = ImportType.parse(type);
		if (importType == null) {
			throw new RuleViolationException("type", "import.unknownType", type);
		}
		return importType;
	}

	/**
	 * A mapping as JSON, file header to field: {@code {"客户全称":"account"}}; a header
	 * mapped to null or "" is not imported.
	 */
	private static Map<String, String> parse(String mapping) {
		try {
			Map<String, String> parsed = JSON.readValue(mapping, new TypeReference<Map<String, String>>() {
			});
			// A header mapped to null stays out of the import, as one mapped to "".
			Map<String, String> cleaned = new java.util.LinkedHashMap<>();
			parsed.forEach((header, field) -> cleaned.put(header, (field != null) ? field : ""));
			return cleaned;
		}
		catch (JacksonException ex) {
			throw new RuleViolationException("mapping", "import.badMapping");
		}
	}

	@GetMapping("/{id}")
	ImportJobView get(@PathVariable long id) {
		return this.imports.get(this.users.current(), id);
	}

	@PostMapping("/{id}/commit")
	ResponseEntity<ImportJobView> commit(@PathVariable long id, @RequestBody(required = false) CommitRequest body) {
		boolean validRowsOnly = body != null && Boolean.TRUE.equals(body.validRowsOnly());
		return ResponseEntity.accepted().body(this.imports.commit(this.users.current(), id, validRowsOnly));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> discard(@PathVariable long id) {
		this.imports.discard(this.users.current(), id);
		return ResponseEntity.noContent().build();
	}

	/**
	 * The rejected cells as CSV, to fix the file by.
	 */
	@GetMapping("/{id}/errors")
	ResponseEntity<StreamingResponseBody> errors(@PathVariable long id) {
		return ErrorsCsv.of(id, this.imports.errors(this.users.current(), id));
	}

}
