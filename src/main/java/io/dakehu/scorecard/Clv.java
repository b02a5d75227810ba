package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A lifetime value estimated from expected figures (DOMAIN.md §6 principle 1, §3.5): the
 * expected yearly net profit (purchases × margin − contact cost) over the expected years,
 * discounted at the segmentation settings' rate, to the cent.
 *
 * @param annuityFactor what one unit of yearly profit over those years is worth today
 */
public record Clv(BigDecimal yearlyPurchases, BigDecimal marginPercent, BigDecimal contactCost, int years,
		BigDecimal discountPercent, BigDecimal value) {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	static Clv estimate(BigDecimal yearlyPurchases, BigDecimal marginPercent, BigDecimal contactCost, int years,
			BigDecimal discountPercent, double annuityFactor) {
		BigDecimal yearlyNet = yearlyPurchases.multiply(marginPercent).divide(HUNDRED).subtract(contactCost);
		BigDecimal value = yearlyNet.multiply(BigDecimal.valueOf(annuityFactor)).setScale(2, RoundingMode.HALF_UP);
		return new Clv(yearlyPurchases, marginPercent, contactCost, years, discountPercent, value);
	}

	/** Principle 1: the relationship is worth having. */
	public boolean positive() {
		return this.value.signum() > 0;
	}

}
