package io.dakehu.scorecard;

import java.util.Map;

/**
 * A rater's inputs for a quarter, as {@code POST /api/v1/accounts/{id}/credit-ratings}
 * takes them.
 *
 * @param quarter such as {@code 2026-Q3}
 * @param inputs entered values by indicator number
 * @param overrides replacements of computed values, each with its reason
 */
public record RatingRequest(String quarter, Map<String, Object> inputs, Map<String, ComputedOverride> overrides) {

	public RatingRequest {
		inputs = (inputs != null) ? inputs : Map.of();
		overrides = (overrides != null) ? overrides : Map.of();
	}

}
