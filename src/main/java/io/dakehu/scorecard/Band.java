package io.dakehu.scorecard;

import java.math.BigDecimal;

/**
 * One band of an indicator: a value that satisfies {@code op threshold} earns the points.
 * Bands are read from the top and the first match wins (DOMAIN.md §5).
 *
 * @param op how the value compares with the threshold
 * @param threshold a number, or a tier's name for a tier indicator; null for ELSE
 */
public record Band(Op op, String threshold, BigDecimal points) {

	/**
	 * Whether a value in canonical text (see {@link InputType#parse}) falls in the band.
	 */
	boolean matches(String value) {
		if (this.op == Op.ELSE) {
			return true;
		}
		BigDecimal number = InputType.number(value);
		BigDecimal limit = InputType.number(this.threshold);
		if (number == null || limit == null) {
			return this.op == Op.EQ && value.equals(this.threshold);
		}
		int compared = number.compareTo(limit);
		return switch (this.op) {
			case GE -> compared >= 0;
			case GT -> compared > 0;
			case LE -> compared <= 0;
			case LT -> compared < 0;
			case EQ -> compared == 0;
			case ELSE -> true;
		};
	}

	/** The comparisons a band may make. */
	public enum Op {

		GE, GT, LE, LT, EQ, ELSE

	}

}
