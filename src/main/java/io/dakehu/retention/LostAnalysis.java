package io.dakehu.retention;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The customers lost in a period (DOMAIN.md §10.4): how many and how much they bought in
 * the year before, by churn reason, tier, owner and quarter, each customer with the
 * highest risk the warning gave it beforehand, and the back-test of the warning.
 *
 * @param lookbackDays how many days before a customer was lost a warning counts
 */
public record LostAnalysis(LocalDate from, LocalDate to, int lookbackDays, Line total, List<Line> byReason,
		List<Line> byTier, List<Line> byOwner, List<Line> byQuarter, BackTest backTest, List<LostCustomer> customers) {

	/**
	 * A group of lost customers and the value they bought in the year before each was
	 * lost.
	 *
	 * @param key the reason, tier, owner id or quarter ({@code 2026-Q3}); null for the
	 * total and for customers without an owner
	 */
	public record Line(String key, long customers, BigDecimal value) {
	}

	/**
	 * Whether the warning saw them coming: of the customers lost, how many it had put at
	 * high risk, at medium risk (and never high) or at neither within the look-back, and
	 * how many had no score at all then; and of the customers it put at high risk from
	 * the look-back before the period to its end, how many were not lost in that time.
	 */
	public record BackTest(long lost, long flaggedHigh, long flaggedMedium, long notFlagged, long unscored,
			long highNotLost) {

		/** The share of lost customers flagged high beforehand, 0–1; 0 when none lost. */
		public double highShare() {
			return (this.lost == 0) ? 0 : (double) this.flaggedHigh / this.lost;
		}

	}

	/**
	 * @param warned the highest level the warning gave the customer within the look-back
	 * before it was lost; null when no run scored it then
	 */
	public record LostCustomer(long accountId, String accountName, Long ownerId, String churnReason,
			boolean controllable, LocalDate lostOn, BigDecimal value, String tier, RiskLevel warned) {
	}

}
