package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One line of the sales funnel (DOMAIN.md §9): a salesperson's target companies by
 * intention, closed companies and sales, with the averages and ratios derived from them.
 * Amounts carry 2 decimals and ratios 4, rounded half-up; an average or ratio over zero
 * companies is null.
 *
 * @param salesperson display name; null on the total line
 */
public record FunnelLine(String salesperson, long targets, long mediumHighIntention, long lowIntention, long closed,
		BigDecimal sales, BigDecimal avgPerClosed, BigDecimal avgPerMediumHigh, BigDecimal avgPerTarget,
		BigDecimal closedToTargets, BigDecimal closedToMediumHigh) {

	public static FunnelLine of(String salesperson, long targets, long mediumHigh, long low, long closed,
			BigDecimal sales) {
		BigDecimal amount = sales.setScale(2, RoundingMode.HALF_UP);
		return new FunnelLine(salesperson, targets, mediumHigh, low, closed, amount, average(sales, closed),
				average(sales, mediumHigh), average(sales, targets), ratio(closed, targets), ratio(closed, mediumHigh));
	}

	private static BigDecimal average(BigDecimal sales, long companies) {
		return (companies == 0) ? null : sales.divide(BigDecimal.valueOf(companies), 2, RoundingMode.HALF_UP);
	}

	private static BigDecimal ratio(long part, long whole) {
		return (whole == 0) ? null
				: BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
	}

	/** Adds another line's counts and sales, recomputing the averages and ratios. */
	FunnelLine plus(FunnelLine other, String label) {
		return of(label, this.targets + other.targets, this.mediumHighIntention + other.mediumHighIntention,
				this.lowIntention + other.lowIntention, this.closed + other.closed, this.sales.add(other.sales));
	}

}
