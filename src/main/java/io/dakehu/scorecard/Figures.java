package io.dakehu.scorecard;

import java.math.BigDecimal;

import io.dakehu.shared.RuleViolationException;

/**
 * Figures an evaluator types beside a scorecard (expected purchases, margin, years),
 * checked once so that each refusal names its field.
 */
final class Figures {

	/** Amounts are to the cent and below a thousand trillion, as the columns hold. */
	private static final BigDecimal LARGEST_AMOUNT = new BigDecimal("999999999999999.99");

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private Figures() {
	}

	/** An amount from 0, to the cent; a blank one is {@code ifBlank} when given. */
	static BigDecimal amount(Object raw, String field, BigDecimal ifBlank) {
		if (blank(raw) && ifBlank != null) {
			return ifBlank;
		}
		BigDecimal number = InputType.number(raw);
		if (number == null || number.signum() < 0 || number.compareTo(LARGEST_AMOUNT) > 0
				|| number.stripTrailingZeros().scale() > 2) {
			throw new RuleViolationException(field, "validation.selection.amount");
		}
		return number;
	}

	/** A percentage from -100 to 100, to two places. */
	static BigDecimal percent(Object raw, String field) {
		BigDecimal number = InputType.number(raw);
		if (number == null || number.abs().compareTo(HUNDRED) > 0 || number.stripTrailingZeros().scale() > 2) {
			throw new RuleViolationException(field, "validation.selection.percent");
		}
		return number;
	}

	/** A whole number from {@code min} to {@code max}. */
	static int whole(Object raw, String field, int min, int max) {
		BigDecimal number = InputType.number(raw);
		if (number == null || number.stripTrailingZeros().scale() > 0 || number.compareTo(BigDecimal.valueOf(min)) < 0
				|| number.compareTo(BigDecimal.valueOf(max)) > 0) {
			throw new RuleViolationException(field, "validation.selection.years", min, max);
		}
		return number.intValueExact();
	}

	/** Free text up to a length, stripped; null when blank. */
	static String text(String raw, String field, int length) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		if (raw.strip().length() > length) {
			throw new RuleViolationException(field, "validation.evaluation.textLength", length);
		}
		return raw.strip();
	}

	static boolean blank(Object raw) {
		return raw == null || raw.toString().isBlank();
	}

}
