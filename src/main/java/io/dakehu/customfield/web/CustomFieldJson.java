package io.dakehu.customfield.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.dakehu.customfield.CustomField;

/**
 * A custom field in the API, with its labels and its options' labels by language.
 */
record CustomFieldJson(long id, String recordType, String key, String type, Map<String, String> labels,
		List<OptionJson> options, boolean required, boolean active, BigDecimal min, BigDecimal max, int version) {

	static CustomFieldJson of(CustomField field) {
		return new CustomFieldJson(field.id(), field.recordType().name(), field.key(), field.type().name(),
				Map.of("zh", field.labelZh(), "en", field.labelEn()),
				field.options()
					.stream()
					.map((option) -> new OptionJson(option.key(),
							Map.of("zh", option.labelZh(), "en", option.labelEn())))
					.toList(),
				field.required(), field.active(), plain(field.min()), plain(field.max()), field.version());
	}

	private static BigDecimal plain(BigDecimal number) {
		if (number == null) {
			return null;
		}
		BigDecimal stripped = number.stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

	record OptionJson(String key, Map<String, String> labels) {
	}

}
