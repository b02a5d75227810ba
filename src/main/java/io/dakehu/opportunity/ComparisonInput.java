package io.dakehu.opportunity;

import java.util.Map;

/**
 * How the buyer weighs the supplier-selection criteria on one opportunity, and how we and
 * each competitor score on them (1–5). Criteria left out of {@code weights} do not count.
 *
 * @param competitors scores by competitor name
 */
public record ComparisonInput(Map<Criterion, Integer> weights, Map<Criterion, Integer> ours,
		Map<String, Map<Criterion, Integer>> competitors) {

	public ComparisonInput {
		weights = (weights != null) ? Map.copyOf(weights) : Map.of();
		ours = (ours != null) ? Map.copyOf(ours) : Map.of();
		competitors = (competitors != null) ? Map.copyOf(competitors) : Map.of();
	}

}
