package io.dakehu.home.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.dakehu.shared.RuleViolationException;

/**
 * The contact plan's query parameters as the API and the pages take them: the lower-case
 * names of an enum's constants, a wrong one answered with the field and the allowed
 * values.
 */
final class PlanParams {

	private PlanParams() {
	}

	static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equalsIgnoreCase(value.strip())) {
				return constant;
			}
		}
		throw new RuleViolationException(field, "home.validation.oneOf",
				Arrays.stream(type.getEnumConstants())
					.map((constant) -> constant.name().toLowerCase(Locale.ROOT))
					.collect(Collectors.joining(", ")));
	}

}
