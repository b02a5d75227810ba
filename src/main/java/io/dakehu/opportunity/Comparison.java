package io.dakehu.opportunity;

import java.util.List;
import java.util.Map;

/**
 * The competitor comparison of one opportunity.
 *
 * @param rows one per criterion the buyer weighs, in the order of {@link Criterion}
 * @param competitors competitor names, alphabetically
 * @param ourTotal Σ weight × our score
 * @param competitorTotals Σ weight × score per competitor
 * @param maxTotal Σ weight × 5, what a perfect supplier would score
 * @param weakest the criterion where we trail the best competitor most, weighted (or,
 * without competitors, where our weighted score falls furthest short of 5); null when
 * nothing is scored
 */
public record Comparison(long opportunityId, List<Row> rows, List<String> competitors, int ourTotal,
		Map<String, Integer> competitorTotals, int maxTotal, Criterion weakest) {

	public record Row(Criterion criterion, int weight, Integer ours, Map<String, Integer> competitors) {
	}

}
