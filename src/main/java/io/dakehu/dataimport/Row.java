package io.dakehu.dataimport;

/**
 * One data row of an import, its cells arranged by the importer's fields.
 */
final class Row {

	private final long number;

	private final Header header;

	private final String[] values;

	private boolean rejected;

	private Object prepared;

	Row(long number, Header header, String[] values) {
		this.number = number;
		this.header = header;
		this.values = values;
	}

	long number() {
		return this.number;
	}

	/**
	 * The cell of a field, stripped; null when the column is missing or the cell empty. A
	 * leading apostrophe that an export put before {@code = + - @} to stop formulas is
	 * taken off again.
	 */
	String get(String field) {
		int index = this.header.indexOf(field);
		if (index < 0 || this.values[index] == null) {
			return null;
		}
		String value = this.values[index].strip();
		if (value.length() > 1 && value.charAt(0) == '\'' && "=+-@".indexOf(value.charAt(1)) >= 0) {
			value = value.substring(1);
		}
		return value.isEmpty() ? null : value;
	}

	/**
	 * Whether the file has a column for the field at all (an empty cell in it still
	 * counts).
	 */
	boolean has(String field) {
		return this.header.has(field);
	}

	String column(String field) {
		return this.header.columnName(field);
	}

	boolean rejected() {
		return this.rejected;
	}

	void reject() {
		this.rejected = true;
	}

	@SuppressWarnings("unchecked")
	<T> T prepared() {
		return (T) this.prepared;
	}

	void prepare(Object prepared) {
		this.prepared = prepared;
	}

	/**
	 * Rejects the cells no field may hold, whatever the importer: longer than a
	 * spreadsheet cell, or with a control character (see
	 * {@link Cells#forbiddenCharacter}), each at its row and column.
	 */
	void checkText(ImportContext context) {
		for (String field : this.header.fields()) {
			String value = get(field);
			if (value == null) {
				continue;
			}
			if (value.length() > Cells.MAX_CELL_LENGTH) {
				context.reject(this, field, "import.tooLong", String.valueOf(Cells.MAX_CELL_LENGTH));
				continue;
			}
			int forbidden = Cells.forbiddenCharacter(value);
			if (forbidden >= 0) {
				context.reject(this, field, "import.controlCharacter", Cells.codePoint(forbidden));
			}
		}
	}

}
