package io.dakehu.scorecard;

import java.util.Map;

/**
 * An evaluator's customer selection (DOMAIN.md §6), as {@code POST
 * /api/v1/accounts/{id}/selection-evaluations} takes it. The figures travel as numbers or
 * text and are checked by {@link Selections}, so a word where an amount belongs is
 * refused naming the field.
 *
 * @param inputs the eight criteria's ratings (1–5) by number
 * @param expectedYearlyPurchases what the account is expected to buy from us a year
 * @param expectedMarginPercent the expected gross margin on it, in percent
 * @param expectedContactCost the expected yearly cost of serving it; none is 0
 * @param years how many years the relationship is expected to last (the CLV horizon)
 * @param strategy the selection strategy used, or none: FISHING, MUSHROOM_PICKING, FEINT
 */
public record SelectionRequest(Map<String, Object> inputs, Object expectedYearlyPurchases, Object expectedMarginPercent,
		Object expectedContactCost, Object years, String strategy, String note) {

	public SelectionRequest {
		inputs = (inputs != null) ? inputs : Map.of();
	}

}
