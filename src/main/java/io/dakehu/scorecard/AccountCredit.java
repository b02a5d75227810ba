package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * An account's credit as the account page and the API show it: the latest rating's grade,
 * and the credit granted on the latest accepted rating.
 *
 * @param grade of the latest rating; null when never rated
 * @param limit granted; null until a manager accepts a rating
 * @param termsDays granted; 0 means payment in advance
 */
public record AccountCredit(long accountId, String grade, String quarter, boolean provisional, BigDecimal limit,
		Integer termsDays, String grantedGrade, LocalDateTime grantedAt) {
}
