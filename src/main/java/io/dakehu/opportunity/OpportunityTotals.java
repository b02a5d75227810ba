package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.util.Collection;

/**
 * How many opportunities match, their amount and their weighted amount: each stage's
 * amount at the stage's probability, rounded to cents, added up over the stages (so the
 * totals read from the tally and those counted under a filter agree to the cent; decision
 * 0019).
 */
public record OpportunityTotals(long count, BigDecimal amount, BigDecimal weighted) {

	public static final OpportunityTotals NONE = new OpportunityTotals(0, BigDecimal.ZERO, BigDecimal.ZERO);

	/** The stages' totals added up; {@link #NONE} when they count nothing. */
	static OpportunityTotals added(Collection<OpportunityTotals> stages) {
		long count = 0;
		BigDecimal amount = BigDecimal.ZERO;
		BigDecimal weighted = BigDecimal.ZERO;
		for (OpportunityTotals stage : stages) {
			count += stage.count();
			amount = amount.add(stage.amount());
			weighted = weighted.add(stage.weighted());
		}
		return (count == 0) ? NONE : new OpportunityTotals(count, amount, weighted);
	}

}
