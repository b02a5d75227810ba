package io.dakehu.dataimport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.identity.CurrentUser;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Labels;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * How a file's columns map to an importer's fields: the names an importer recognises (and
 * the template that uses them), the mappings users save under a name for the next file
 * from the same source, and the checks that a mapping names known fields and leaves no
 * required field without a column. A job keeps its mapping as the JSON written here.
 */
@Service
public class ColumnMappings {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JobStore jobs;

	private final Importers importers;

	private final Labels labels;

	ColumnMappings(JobStore jobs, Importers importers, Labels labels) {
		this.jobs = jobs;
		this.importers = importers;
		this.labels = labels;
	}

	/**
	 * Saves a column mapping under a name, so the next file from the same source maps the
	 * same way: for the editor only, or, by an administrator, shared with everyone. Each
	 * user's names are their own, so nobody overwrites a colleague's mapping, and a
	 * shared one changes only by an administrator's hand.
	 * @throws AccessDeniedException when someone else than an administrator shares one
	 */
	public void saveMapping(CurrentUser editor, ImportType type, String name, Map<String, String> mapping,
			boolean shared) {
		if (shared && !editor.isAdmin()) {
			throw new AccessDeniedException("Only administrators share column mappings");
		}
		if (name == null || name.isBlank() || name.strip().length() > 100) {
			throw new RuleViolationException("mappingName", "import.tooLong", 100);
		}
		checkMapping(type, mapping);
		this.jobs.saveMapping(type, name.strip(), json(mapping), shared ? null : editor.id(), editor.id());
	}

	/**
	 * A saved mapping the reader may use: their own of that name, else the shared one.
	 * @throws RuleViolationException when there is none of that name
	 */
	public Map<String, String> mapping(CurrentUser reader, ImportType type, String name) {
		return this.jobs.mapping(type, (name != null) ? name.strip() : "", reader.id())
			.map(ColumnMappings::parseMapping)
			.orElseThrow(() -> new RuleViolationException("mappingName", "import.unknownMapping", name));
	}

	/**
	 * The saved mappings of a type the reader may use, by name: the shared ones and their
	 * own (which wins over a shared one of the same name).
	 */
	public Map<String, Map<String, String>> mappings(CurrentUser reader, ImportType type) {
		Map<String, Map<String, String>> mappings = new LinkedHashMap<>();
		this.jobs.mappings(type, reader.id()).forEach((name, saved) -> mappings.put(name, parseMapping(saved.json())));
		return mappings;
	}

	/**
	 * The header row of the downloadable template of a type in a language: every field
	 * the importer understands, worded so that it recognises them again, a required one
	 * marked with {@code *} (which header matching ignores).
	 */
	public List<String> templateHeader(ImportType type, Locale locale) {
		return this.importers.columns(type)
			.stream()
			.map((column) -> this.importers.templateHeader(type, column.field(), locale)
					+ (column.required() ? "*" : ""))
			.toList();
	}

	/**
	 * A field of an import type in the reader's language: a custom field by the label of
	 * that type's field, since a key may name a field of accounts and one of contacts.
	 */
	String fieldLabel(ImportType type, String field) {
		if (field.startsWith(AccountImporter.CUSTOM)) {
			return this.importers.templateHeader(type, field, LocaleContextHolder.getLocale());
		}
		return this.labels.get("imports.field." + field);
	}

	/**
	 * The labels of a type's fields that the message files cannot name: its custom
	 * fields', in the reader's language, for the mapping page.
	 */
	public Map<String, String> customFieldLabels(ImportType type) {
		Map<String, String> labels = new HashMap<>();
		for (Column column : this.importers.columns(type)) {
			if (column.field().startsWith(AccountImporter.CUSTOM)) {
				labels.put(column.field(), fieldLabel(type, column.field()));
			}
		}
		return labels;
	}

	/**
	 * Refuses a file in which a required field has no column, by the recognised names or
	 * the user's mapping, before a job is made of it: the user hears which columns to map
	 * (in their language) while they can still map them.
	 * @throws RuleViolationException naming the first missing field, the message all of
	 * them; or naming a header that appears twice
	 */
	void requireMapped(ImportType type, Path file, TableFile.Layout layout, Map<String, String> mapping) {
		List<String> header = new ArrayList<>();
		FileHead.read(file, layout, header, new ArrayList<>(), 0);
		Header mapped = new Header(this.importers.recognised(type), header, mapping);
		if (!mapped.duplicates().isEmpty()) {
			throw new RuleViolationException("file", "import.duplicateHeader",
					Cells.visible(mapped.duplicates().get(0)));
		}
		List<String> missing = mapped.missing();
		if (!missing.isEmpty()) {
			String separator = "zh".equals(LocaleContextHolder.getLocale().getLanguage()) ? "、" : ", ";
			throw new RuleViolationException(missing.get(0), "import.columnsNotMapped",
					String.join(separator, missing.stream().map((field) -> fieldLabel(type, field)).toList()));
		}
	}

	/**
	 * @throws RuleViolationException when the mapping names a field the importer does not
	 * know, or is too long to keep with the job
	 */
	void checkMapping(ImportType type, Map<String, String> mapping) {
		List<Column> columns = this.importers.columns(type);
		for (Map.Entry<String, String> entry : mapping.entrySet()) {
			// A blank field keeps that header out of the import.
			if (entry.getValue() == null || (!entry.getValue().isBlank()
					&& columns.stream().noneMatch((column) -> column.field().equalsIgnoreCase(entry.getValue())))) {
				throw new RuleViolationException("mapping", "import.unknownField", entry.getValue(),
						String.join(", ", columns.stream().map(Column::field).toList()));
			}
		}
		if (json(mapping).length() > 4000) {
			throw new RuleViolationException("mapping", "import.tooLong", 4000);
		}
	}

	/** A mapping as a job and a saved mapping keep it. */
	static String json(Map<String, String> mapping) {
		return JSON.writeValueAsString(mapping);
	}

	static Map<String, String> parseMapping(String json) {
		return (json != null) ? JSON.readValue(json, new TypeReference<Map<String, String>>() {
		}) : Map.of();
	}

}
