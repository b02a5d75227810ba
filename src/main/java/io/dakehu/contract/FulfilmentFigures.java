package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An account's fulfilment indicators (DOMAIN.md §5 #6–#9) as they stood when a day began,
 * for the credit rating of the quarter starting that day. Rates are null where the
 * account had nothing to compute them from.
 *
 * @param contracts whether the account had a contract in force or ended, signed before
 * the day: without one, it has no payment record and the rater enters these indicators
 * @param onTimeRate §5 #6, percent of the amount due in the 4 quarters before the day
 * paid by its due date
 * @param weightedDaysOverdue §5 #7, amount-weighted
 * @param fulfilmentRate §5 #8, percent of the contracts ended in 3 years completed
 * @param defaults §5 #9, instalments written off in 3 years
 */
public record FulfilmentFigures(long accountId, LocalDate asOf, boolean contracts, BigDecimal onTimeRate,
		BigDecimal weightedDaysOverdue, BigDecimal fulfilmentRate, int defaults) {
}
