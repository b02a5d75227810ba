package io.dakehu.dataimport;

import java.util.Comparator;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Applies a module's own input constraints (the same as its forms and API use) to an
 * imported row, reporting each broken one on its column.
 */
final class Checks {

	private Checks() {
	}

	static <T> boolean valid(Validator validator, T input, Row row, ImportContext context) {
		Set<ConstraintViolation<T>> violations = validator.validate(input);
		violations.stream()
			.sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
			.forEach((violation) -> {
				String property = violation.getPropertyPath().toString();
				context.reject(row, (row.column(property) != null) ? property : null, "import.invalidValue",
						violation.getMessage());
			});
		return violations.isEmpty();
	}

}
