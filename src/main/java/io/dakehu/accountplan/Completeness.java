package io.dakehu.accountplan;

import java.util.List;
import java.util.Set;

/**
 * How complete a plan is: the share of its parts that are filled, rounded down so a plan
 * shows 100 only when nothing is missing, and the parts still missing, in their order.
 */
public record Completeness(int percent, List<PlanPart> missing) {

	static Completeness of(Set<PlanPart> missing) {
		int parts = PlanPart.values().length;
		int filled = parts - missing.size();
		return new Completeness(filled * 100 / parts, missing.stream().sorted().toList());
	}

}
