package io.dakehu.opportunity;

import java.math.BigDecimal;

/**
 * How many opportunities match, their amount and their weighted amount: each stage's
 * amount at the stage's probability, rounded to cents, added up over the stages (so the
 * totals read from the tally and those counted under a filter agree to the cent; decision
 * 0019).
 */
public record OpportunityTotals(long count, BigDecimal amount, BigDecimal weighted) {

	public static final OpportunityTotals NONE = new OpportunityTotals(0, BigDecimal.ZERO, BigDecimal.ZERO);

}
