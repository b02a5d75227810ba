package io.dakehu.dataimport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which file column holds which field, worked out from the header row.
 */
final class Header {

	private final Map<String, Integer> fieldIndex = new HashMap<>();

	private final Map<String, String> columnNames = new HashMap<>();

	private final int[] fileColumnOfField;

	private final List<String> fields;

	private final List<String> missing = new ArrayList<>();

	private final List<String> ignored = new ArrayList<>();

	private final List<String> duplicates = new ArrayList<>();

	Header(List<Column> columns, List<String> names) {
		this(columns, names, Map.of());
	}

	/**
	 * @param mapping file header to field name, chosen by the user; it wins over the
	 * recognised names
	 */
	Header(List<Column> columns, List<String> names, Map<String, String> mapping) {
		this.fields = columns.stream().map(Column::field).toList();
		this.fileColumnOfField = new int[columns.size()];
		boolean[] used = new boolean[names.size()];
		Map<String, String> chosen = new HashMap<>();
		mapping.forEach((header, field) -> chosen.put(Column.key(header), field));
		// A header the user mapped to no field stays out, even when its name is one
		// Dakehu would recognise.
		boolean[] skipped = new boolean[names.size()];
		for (int c = 0; c < names.size(); c++) {
			String field = (names.get(c) != null) ? chosen.get(Column.key(names.get(c))) : null;
			skipped[c] = field != null && field.isBlank();
		}
		for (int f = 0; f < columns.size(); f++) {
			this.fileColumnOfField[f] = -1;
			for (int c = 0; c < names.size(); c++) {
				String field = (names.get(c) != null) ? chosen.get(Column.key(names.get(c))) : null;
				if (!used[c] && field != null && field.equalsIgnoreCase(columns.get(f).field())) {
					this.fileColumnOfField[f] = c;
					used[c] = true;
					this.columnNames.put(columns.get(f).field(), names.get(c).replace("\uFEFF", "").strip());
					break;
				}
			}
		}
		for (int f = 0; f < columns.size(); f++) {
			Column column = columns.get(f);
			this.fieldIndex.put(column.field(), f);
			if (this.fileColumnOfField[f] >= 0) {
				continue;
			}
			for (int c = 0; c < names.size(); c++) {
				if (!used[c] && !skipped[c] && names.get(c) != null && column.matches(names.get(c))) {
					this.fileColumnOfField[f] = c;
					used[c] = true;
					this.columnNames.put(column.field(), names.get(c).replace("\uFEFF", "").strip());
					break;
				}
			}
			if (this.fileColumnOfField[f] < 0 && column.required()) {
				this.missing.add(column.field());
			}
		}
		for (int c = 0; c < names.size(); c++) {
			if (!used[c] && names.get(c) != null && !names.get(c).isBlank()) {
				this.ignored.add(names.get(c).strip());
			}
		}
		java.util.Set<String> chosenFields = new java.util.HashSet<>();
		chosen.values().forEach((field) -> chosenFields.add(field.toLowerCase(java.util.Locale.ROOT)));
		// A second column for a field already read (the same header again, or another
		// name of the same field, such as "name" beside "客户名称"): which of the two
		// the user meant cannot be told, so neither is taken silently.
		for (int c = 0; c < names.size(); c++) {
			if (used[c] || skipped[c] || names.get(c) == null || names.get(c).isBlank()) {
				continue;
			}
			String name = names.get(c);
			String field = chosen.get(Column.key(name));
			for (int f = 0; f < columns.size(); f++) {
				// A column the user mapped a field to wins over one recognised by name.
				boolean same = (field != null) ? field.equalsIgnoreCase(columns.get(f).field())
						: columns.get(f).matches(name)
								&& !chosenFields.contains(columns.get(f).field().toLowerCase(java.util.Locale.ROOT));
				if (same && this.fileColumnOfField[f] >= 0) {
					this.duplicates.add(name.replace("\uFEFF", "").strip());
					break;
				}
			}
		}
	}

	/**
	 * The headers of columns that would be read for a field another column is read for
	 * already.
	 */
	List<String> duplicates() {
		return this.duplicates;
	}

	/** The fields of the importer, whether the file has a column for them or not. */
	List<String> fields() {
		return this.fields;
	}

	List<String> missing() {
		return this.missing;
	}

	List<String> ignored() {
		return this.ignored;
	}

	boolean has(String field) {
		Integer index = this.fieldIndex.get(field);
		return index != null && this.fileColumnOfField[index] >= 0;
	}

	int indexOf(String field) {
		Integer index = this.fieldIndex.get(field);
		return (index != null && this.fileColumnOfField[index] >= 0) ? index : -1;
	}

	String columnName(String field) {
		return this.columnNames.getOrDefault(field, field);
	}

	Row row(long number, List<String> cells) {
		String[] values = new String[this.fields.size()];
		for (int f = 0; f < values.length; f++) {
			int c = this.fileColumnOfField[f];
			values[f] = (c >= 0 && c < cells.size()) ? cells.get(c) : null;
		}
		return new Row(number, this, values);
	}

}
