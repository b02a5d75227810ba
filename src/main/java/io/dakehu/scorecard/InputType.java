package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

import io.dakehu.shared.RuleViolationException;

/**
 * The kind of value an indicator takes and the range it accepts. Values travel as text
 * (the form and the JSON alike), parsed here once, so a rating of 7, a percentage of 250
 * or a word where a number belongs is refused naming the indicator.
 */
public enum InputType {

	/** A non-negative figure such as a ratio or a turnover. */
	NUMBER,

	/** A percentage between -100 and 100 (a margin may be negative). */
	PERCENTAGE,

	/** A person's judgement, a whole number from 1 to 5. */
	RATING,

	/** How many times something happened, a whole number from 0. */
	COUNT,

	/** A duration in years, from 0. */
	YEARS,

	/** A pyramid tier: VIP, MAJOR, ORDINARY, SMALL, or NONE when never ranked. */
	TIER;

	/** The tiers a tier input takes, NONE for an account no run has ranked. */
	public static final Set<String> TIERS = Set.of("VIP", "MAJOR", "ORDINARY", "SMALL", "NONE");

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	/**
	 * Beyond this no figure of a company's statements makes sense; it also bounds
	 * storage.
	 */
	private static final BigDecimal LARGEST = BigDecimal.valueOf(1_000_000_000L);

	/**
	 * The value in its canonical text, or a field error naming the indicator.
	 * @param raw what the caller sent: a JSON number, or text from a form
	 * @param field the request field, such as {@code inputs.10}
	 * @param label the indicator as the user knows it, for the message
	 */
	public String parse(Object raw, String field, String label) {
		if (this == TIER) {
			String tier = (raw != null) ? raw.toString().strip().toUpperCase(Locale.ROOT) : "";
			if (!TIERS.contains(tier)) {
				throw new RuleViolationException(field, "validation.scorecard.tier", label);
			}
			return tier;
		}
		BigDecimal number = number(raw);
		if (number == null) {
			throw new RuleViolationException(field, "validation.scorecard.number", label);
		}
		switch (this) {
			case PERCENTAGE -> {
				if (number.compareTo(HUNDRED.negate()) < 0 || number.compareTo(HUNDRED) > 0) {
					throw new RuleViolationException(field, "validation.scorecard.percentage", label);
				}
			}
			case RATING -> {
				if (!whole(number) || number.compareTo(BigDecimal.ONE) < 0
						|| number.compareTo(BigDecimal.valueOf(5)) > 0) {
					throw new RuleViolationException(field, "validation.scorecard.rating", label);
				}
			}
			case COUNT -> {
				if (!whole(number) || number.signum() < 0 || number.compareTo(LARGEST) > 0) {
					throw new RuleViolationException(field, "validation.scorecard.count", label);
				}
			}
			default -> {
				if (number.signum() < 0 || number.compareTo(LARGEST) > 0) {
					throw new RuleViolationException(field, "validation.scorecard.nonNegative", label);
				}
			}
		}
		if (number.scale() > 4) {
			throw new RuleViolationException(field, "validation.scorecard.decimals", label);
		}
		return number.stripTrailingZeros().toPlainString();
	}

	/** Whether a band threshold suits this type: a tier name, else a number. */
	boolean acceptsThreshold(String threshold) {
		return (this == TIER) ? TIERS.contains(threshold) : number(threshold) != null;
	}

	static BigDecimal number(Object raw) {
		if (raw instanceof BigDecimal decimal) {
			return decimal;
		}
		if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
			return BigDecimal.valueOf(((Number) raw).longValue());
		}
		if (raw instanceof Number n) {
			double d = n.doubleValue();
			return (Double.isFinite(d)) ? new BigDecimal(n.toString()) : null;
		}
		if (raw instanceof String text && text.strip().matches("[-+]?\\d{1,12}(\\.\\d{1,12})?")) {
			return new BigDecimal(text.strip());
		}
		return null;
	}

	private static boolean whole(BigDecimal number) {
		return number.stripTrailingZeros().scale() <= 0;
	}

}
