package io.dakehu.scorecard;

import java.math.BigDecimal;

/**
 * One indicator as it was scored.
 *
 * @param value the value used in canonical text; null when missing (0 points)
 * @param computed the value the product computed, null for an entered indicator
 * @param overrideReason why the rater replaced the computed value, else null
 */
public record ScoredIndicator(int number, String value, String computed, String overrideReason, BigDecimal points) {

	public boolean missing() {
		return this.value == null;
	}

}
