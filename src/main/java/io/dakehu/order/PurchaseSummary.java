package io.dakehu.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an account bought, as the performance part of its data card shows it: totals by
 * year and by product line.
 *
 * @param totalMargin the margin of the lines that have a cost; null when none has
 * @param linesWithoutCost how many lines have no cost, so the margin leaves them out
 */
public record PurchaseSummary(long accountId, BigDecimal totalAmount, BigDecimal totalMargin, long lines,
		long linesWithoutCost, List<Total> byYear, List<Total> byProductLine) {

	/**
	 * One group's totals; margin is null when no line of the group has a cost.
	 */
	public record Total(String key, BigDecimal amount, BigDecimal margin, long lines) {
	}

}
