package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An account's receivables and payment record, as the account page, the API and the
 * credit rating read them. Rates and averages are null where the account has no history
 * to compute them from (a missing input for the rating).
 *
 * @param aging what is owed by how far past due
 * @param credit what receipts paid beyond the instalments, a credit on the account
 * @param onTimeRate §5 #6: percent of the amount due in the last 4 quarters paid by its
 * due date
 * @param weightedDaysOverdue §5 #7: average days overdue, weighted by amount
 * @param fulfilmentRate §5 #8: percent of the contracts ended in 3 years that were
 * completed
 * @param defaults §5 #9: instalments written off in 3 years
 * @param dso days sales outstanding
 */
public record PaymentIndicators(long accountId, LocalDate asOf, Aging aging, BigDecimal credit, BigDecimal onTimeRate,
		BigDecimal weightedDaysOverdue, BigDecimal fulfilmentRate, int defaults, BigDecimal dso) {

	public BigDecimal overdue() {
		return this.aging.overdue();
	}

}
