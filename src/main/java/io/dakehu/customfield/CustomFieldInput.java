package io.dakehu.customfield;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A custom field as an administrator defines or changes it, in the page's form or the
 * API. The record type, key and type are fixed once the field exists: values are stored
 * under the key and were checked against the type.
 *
 * @param labels the label per language: {@code zh} and {@code en}, both required
 * @param options a choice field's options in the order they are offered
 * @param active null keeps the field as it is (a new one is active)
 * @param version the version the administrator last saw, required to change a field
 */
public record CustomFieldInput(RecordType recordType, String key, FieldType type, Map<String, String> labels,
		List<OptionInput> options, Boolean required, Boolean active, BigDecimal min, BigDecimal max, Integer version) {

	/**
	 * @param labels the option's label per language, {@code zh} and {@code en}
	 */
	public record OptionInput(String key, Map<String, String> labels) {
	}

}
