package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One salesperson's (or team's, or everyone's) forecast for a period.
 *
 * @param won amount already won in the period
 * @param commit won plus open opportunities at or above the commit probability
 * @param bestCase won plus every open opportunity
 * @param weighted Σ amount × probability, won counting at 100%
 * @param quota the sales target for the period; null when none was set
 * @param attainment weighted ÷ quota, 4 decimals; null without a quota
 */
public record ForecastLine(Long salespersonId, String name, BigDecimal won, BigDecimal commit, BigDecimal bestCase,
		BigDecimal weighted, BigDecimal quota, BigDecimal attainment) {

	static ForecastLine of(Long id, String name, BigDecimal won, BigDecimal commit, BigDecimal bestCase,
			BigDecimal weighted, BigDecimal quota) {
		BigDecimal attainment = (quota == null || quota.signum() == 0) ? null
				: weighted.divide(quota, 4, RoundingMode.HALF_UP);
		return new ForecastLine(id, name, money(won), money(commit), money(bestCase), money(weighted),
				(quota != null) ? money(quota) : null, attainment);
	}

	private static BigDecimal money(BigDecimal value) {
		return value.setScale(2, RoundingMode.HALF_UP);
	}

	ForecastLine plus(ForecastLine other, Long id, String label) {
		BigDecimal quota = (this.quota == null) ? other.quota
				: (other.quota == null) ? this.quota : this.quota.add(other.quota);
		return of(id, label, this.won.add(other.won), this.commit.add(other.commit), this.bestCase.add(other.bestCase),
				this.weighted.add(other.weighted), quota);
	}

}
