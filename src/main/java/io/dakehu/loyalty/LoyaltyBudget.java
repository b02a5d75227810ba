package io.dakehu.loyalty;

import java.math.BigDecimal;
import java.util.List;

/**
 * Budget and spend on loyalty actions planned in one year (DOMAIN.md §10.5), per tier and
 * per owner. The budget counts every action not rejected; the spend, what done actions
 * cost.
 */
public record LoyaltyBudget(int year, List<Line> byTier, List<Line> byOwner, Line total) {

	/**
	 * @param key the tier's code, or the owner's username
	 * @param label the owner's name; the tier's code for a tier
	 */
	public record Line(String key, String label, long actions, BigDecimal budget, BigDecimal spend) {
	}

}
