package io.dakehu.dataimport.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.dataimport.DuplicatePolicy;
import io.dakehu.dataimport.ImportJobView;
import io.dakehu.dataimport.ColumnMappings;
import io.dakehu.dataimport.ImportJobs;
import io.dakehu.dataimport.StagedUploads;
import io.dakehu.dataimport.ImportPreview;
import io.dakehu.dataimport.ImportRequest;
import io.dakehu.dataimport.ImportType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.export.ExportFormat;
import io.dakehu.shared.export.TableWriter;
import io.dakehu.shared.web.Labels;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The import pages: pick a type and a file, check the column mapping against the first
 * rows, start the job, then follow it (progress polled by htmx) and decide what to do
 * with a file that has errors. The work is the same {@link ImportJobs},
 * {@link StagedUploads} and {@link ColumnMappings} the API uses.
 */
@Controller
class ImportPages {

	private static final List<String> CHARSETS = List.of("UTF-8", "GB18030");

	private final ImportJobs imports;

	private final ColumnMappings mappings;

	private final StagedUploads staging;

	private final Users users;

	private final Labels labels;

	ImportPages(ImportJobs imports, ColumnMappings mappings, StagedUploads staging, Users users, Labels labels) {
		this.imports = imports;
		this.mappings = mappings;
		this.staging = staging;
		this.users = users;
		this.labels = labels;
	}

	@GetMapping("/imports")
	String start(Model model) {
		CurrentUser me = this.users.current();
		return startPage(me, model, new Choice(ImportType.ACCOUNTS, "", "", DuplicatePolicy.REJECT));
	}

	/**
	 * What the user chose on the first page, carried through the mapping page.
	 */
	record Choice(ImportType type, String charset, String savedMapping, DuplicatePolicy duplicates) {
	}

	private String startPage(CurrentUser me, Model model, Choice choice) {
		List<ImportType> types = types(me);
		Map<ImportType, List<String>> mappings = new LinkedHashMap<>();
		for (ImportType type : types) {
			List<String> names = new ArrayList<>(this.mappings.mappings(me, type).keySet());
			if (!names.isEmpty()) {
				mappings.put(type, names);
			}
		}
		model.addAttribute("types", types);
		model.addAttribute("charsets", CHARSETS);
		model.addAttribute("policies", DuplicatePolicy.values());
		model.addAttribute("mappings", mappings);
		model.addAttribute("choice", choice);
		model.addAttribute("jobs", this.imports.recent(me, 20));
		model.addAttribute("templateFormats", List.of("csv", "xlsx"));
		return "dataimport/start";
	}

	private static List<ImportType> types(CurrentUser me) {
		return Arrays.stream(ImportType.values()).filter((type) -> ImportJobs.mayImport(me, type)).toList();
	}

	/**
	 * Stores the upload and shows its header and first rows with the proposed mapping.
	 */
	@PostMapping("/imports/mapping")
	String mapping(@RequestParam(name = "file", required = false) MultipartFile file, @RequestParam String type,
			@RequestParam(defaultValue = "") String charset, @RequestParam(defaultValue = "") String savedMapping,
			@RequestParam(defaultValue = "") String duplicates, Model model) throws IOException {
		CurrentUser me = this.users.current();
		ImportType importType = ImportType.parse(type);
		DuplicatePolicy policy = policy(duplicates);
		Choice choice = new Choice((importType != null) ? importType : ImportType.ACCOUNTS, charset, savedMapping,
				policy);
		try {
			// A type the user may not create records of is refused by the import itself
			// (403), as the records' own API refuses it.
			if (importType == null || (importType == ImportType.USERS && !me.isAdmin())) {
				throw new RuleViolationException("type", "import.unknownType", type);
			}
			if (file == null || file.isEmpty()) {
				throw new RuleViolationException("file", "import.emptyFile");
			}
			Map<String, String> saved = savedMapping.isBlank() ? Map.of()
					: this.mappings.mapping(me, importType, savedMapping);
			ImportPreview preview;
			try (InputStream content = file.getInputStream()) {
				preview = this.staging.stage(me, importType, file.getOriginalFilename(), blankToNull(charset), saved,
						content);
			}
			model.addAttribute("preview", preview);
			model.addAttribute("choice", choice);
			model.addAttribute("fileName", file.getOriginalFilename());
			model.addAttribute("fieldOf", fieldOfColumn(preview));
			model.addAttribute("fieldLabels", this.mappings.customFieldLabels(importType));
			model.addAttribute("canShare", me.isAdmin());
			return "dataimport/mapping";
		}
		catch (RuleViolationException ex) {
			model.addAttribute("problem", problem(ex));
			return startPage(me, model, choice);
		}
	}

	/**
	 * The field proposed for each column of the file, by position; empty for none.
	 */
	private static List<String> fieldOfColumn(ImportPreview preview) {
		return preview.header().stream().map((name) -> preview.mapping().getOrDefault(name, "")).toList();
	}

	/**
	 * Starts the import of the staged file with the mapping as the user left it, saving
	 * the mapping first when they named it.
	 */
	@PostMapping("/imports/start")
	String begin(@RequestParam String token, @RequestParam String type, @RequestParam(defaultValue = "") String charset,
			@RequestParam(defaultValue = "") String duplicates, @RequestParam(defaultValue = "") String fileName,
			@RequestParam(defaultValue = "") String mappingName,
			@RequestParam(defaultValue = "false") boolean shareMapping, @RequestParam Map<String, String> form,
			Model model, RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		try {
			ImportType importType = ImportType.parse(type);
			// A type the user may not create records of is refused by the import itself
			// (403), as the records' own API refuses it.
			if (importType == null || (importType == ImportType.USERS && !me.isAdmin())) {
				throw new RuleViolationException("type", "import.unknownType", type);
			}
			Map<String, String> mapping = new LinkedHashMap<>();
			// Every column as the user left it; a blank field means "not imported".
			for (int i = 0; form.containsKey("header" + i); i++) {
				if (!form.get("header" + i).isBlank()) {
					mapping.put(form.get("header" + i), form.getOrDefault("field" + i, "").strip());
				}
			}
			if (!mappingName.isBlank()) {
				ImportJobs.requireMayCreate(me, importType);
				this.mappings.saveMapping(me, importType, mappingName, mapping, shareMapping);
			}
			ImportRequest request = new ImportRequest(importType, fileName, false, blankToNull(charset), null, null,
					mapping, policy(duplicates));
			try {
				ImportJobView job = this.imports.submitStaged(me, request, token);
				return "redirect:/imports/" + job.id();
			}
			catch (RuleViolationException ex) {
				if (!"import.columnsNotMapped".equals(ex.messageKey())) {
					throw ex;
				}
				// The file stays staged: the mapping page again, with the user's choices,
				// naming the required fields that have no column.
				ImportPreview preview = this.staging.preview(me, importType, token, fileName, blankToNull(charset),
						mapping);
				model.addAttribute("preview", preview);
				model.addAttribute("choice", new Choice(importType, charset, "", policy(duplicates)));
				model.addAttribute("fileName", fileName);
				model.addAttribute("fieldOf", fieldOfColumn(preview));
				model.addAttribute("fieldLabels", this.mappings.customFieldLabels(importType));
				model.addAttribute("mappingName", mappingName);
				model.addAttribute("canShare", me.isAdmin());
				model.addAttribute("shareMapping", shareMapping);
				model.addAttribute("problem", this.labels.get(ex.messageKey(), ex.args()));
				return "dataimport/mapping";
			}
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", problem(ex));
			return "redirect:/imports";
		}
	}

	/**
	 * An empty file of a record type with the headers the importer recognises, in English
	 * or Chinese, as CSV or Excel: a start that cannot get the columns wrong.
	 */
	@GetMapping("/imports/templates/{type}.{format}")
	ResponseEntity<byte[]> template(@PathVariable String type, @PathVariable String format,
			@RequestParam(defaultValue = "en") String lang) throws IOException {
		CurrentUser me = this.users.current();
		ImportType importType = ImportType.parse(type);
		if (importType == null || !types(me).contains(importType)) {
			throw new NotFoundException("Import template", type);
		}
		Locale locale = "zh".equalsIgnoreCase(lang) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
		List<String> header = this.mappings.templateHeader(importType, locale);
		String name = "import-" + importType.name().toLowerCase(Locale.ROOT) + "-"
				+ (locale.equals(Locale.ENGLISH) ? "en" : "zh");
		// A header row is small: written in memory and answered at once, not streamed.
		ExportFormat exportFormat = ExportFormat.parse(format);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (TableWriter table = TableWriter.of(exportFormat, out)) {
			table.row(header);
		}
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name + "." + exportFormat.extension()).build().toString())
			.contentType(exportFormat.contentType())
			.body(out.toByteArray());
	}

	@GetMapping("/imports/{id}")
	String job(@PathVariable long id, Model model) {
		ImportJobView job = this.imports.get(this.users.current(), id);
		model.addAttribute("job", job);
		return "dataimport/job";
	}

	/**
	 * The live part of the job page, which htmx fetches every second until the job has
	 * stopped moving.
	 */
	@GetMapping("/imports/{id}/progress")
	String progress(@PathVariable long id, Model model) {
		model.addAttribute("job", this.imports.get(this.users.current(), id));
		return "dataimport/job :: progress";
	}

	@PostMapping("/imports/{id}/commit")
	String commit(@PathVariable long id, RedirectAttributes redirect) {
		try {
			this.imports.commit(this.users.current(), id, true);
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", problem(ex));
		}
		return "redirect:/imports/" + id;
	}

	@PostMapping("/imports/{id}/discard")
	String discard(@PathVariable long id, RedirectAttributes redirect) {
		try {
			this.imports.discard(this.users.current(), id);
			redirect.addFlashAttribute("flashSuccess", "import.discarded");
			return "redirect:/imports";
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", problem(ex));
			return "redirect:/imports/" + id;
		}
	}

	@GetMapping("/imports/{id}/errors.csv")
	ResponseEntity<StreamingResponseBody> errors(@PathVariable long id) {
		return ErrorsCsv.of(id, this.imports.errors(this.users.current(), id));
	}

	private static DuplicatePolicy policy(String text) {
		try {
			return DuplicatePolicy.parse(text);
		}
		catch (IllegalArgumentException ex) {
			return DuplicatePolicy.REJECT;
		}
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	private String problem(RuleViolationException ex) {
		return this.labels.field(ex.field()) + ": " + this.labels.get(ex.messageKey(), ex.args());
	}

}
