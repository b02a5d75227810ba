package io.dakehu.scorecard;

/**
 * An account's credit grade differs from its previous rating's (DOMAIN.md §5): a
 * downgrade raises churn risk (§10.4).
 *
 * @param downgrade whether the new grade stands lower than the previous one
 */
public record CreditGradeChanged(long accountId, long ratingId, String quarter, String previousGrade, String grade,
		boolean downgrade) {
}
