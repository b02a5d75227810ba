package io.dakehu.opportunity;

import java.math.BigDecimal;

/**
 * How many opportunities match, their amount and their weighted amount (each rounded to
 * cents before adding, as {@link OpportunityView#weightedAmount} rounds it).
 */
public record OpportunityTotals(long count, BigDecimal amount, BigDecimal weighted) {

	public static final OpportunityTotals NONE = new OpportunityTotals(0, BigDecimal.ZERO, BigDecimal.ZERO);

}
