package io.dakehu.dataimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.dakehu.customfield.CustomField;

/**
 * A field an importer understands, with the header names (English and Chinese) it is
 * recognised by.
 */
record Column(String field, boolean required, List<String> aliases) {

	static Column required(String field, String... aliases) {
		return new Column(field, true, List.of(aliases));
	}

	static Column optional(String field, String... aliases) {
		return new Column(field, false, List.of(aliases));
	}

	/**
	 * A type's built-in columns and one optional column per custom field, recognised by
	 * its key and its labels in both languages (decision 0048).
	 */
	static List<Column> withCustomFields(List<Column> builtIn, List<CustomField> customFields) {
		if (customFields.isEmpty()) {
			return builtIn;
		}
		List<Column> columns = new ArrayList<>(builtIn);
		for (CustomField field : customFields) {
			columns.add(optional(field.errorField(), field.key(), field.labelZh(), field.labelEn()));
		}
		return List.copyOf(columns);
	}

	boolean matches(String header) {
		String key = key(header);
		if (key.equals(key(this.field))) {
			return true;
		}
		return this.aliases.stream().anyMatch((alias) -> key(alias).equals(key));
	}

	/**
	 * Headers compare without case, spaces, underscores, hyphens, dots, brackets and a
	 * byte order mark, so "Order Date", "order_date" and "订单日期 " are all recognised.
	 */
	static String key(String header) {
		StringBuilder key = new StringBuilder();
		header.toLowerCase(Locale.ROOT)
			.codePoints()
			.filter((c) -> c != 0xFEFF && !Character.isWhitespace(c) && "_-.()（）*".indexOf(c) < 0)
			.forEach(key::appendCodePoint);
		return key.toString();
	}

}
