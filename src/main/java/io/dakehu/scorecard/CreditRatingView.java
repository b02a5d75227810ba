package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A credit rating as the API and the pages show it.
 *
 * @param provisional an input was missing, so the grade may change once it is known
 * @param purchases12m the account's purchases in the twelve months before the quarter,
 * the base of the suggested limit
 * @param suggestedTermsDays 0 means payment in advance
 * @param acceptedLimit the credit a manager granted on this rating; null until then
 */
public record CreditRatingView(long id, long accountId, String quarter, long scorecardId, int scorecardVersion,
		BigDecimal score, BigDecimal financial, BigDecimal nonFinancial, String grade, boolean provisional,
		List<Line> indicators, BigDecimal purchases12m, BigDecimal suggestedLimit, int suggestedTermsDays,
		String ratedBy, LocalDateTime ratedAt, BigDecimal acceptedLimit, Integer acceptedTermsDays, String acceptedBy,
		LocalDateTime acceptedAt, String acceptanceNote, int version) {

	public boolean accepted() {
		return this.acceptedAt != null;
	}

	/**
	 * One indicator as scored.
	 *
	 * @param value the value used; null when missing
	 * @param computed what Dakehu computed, for a computed indicator
	 * @param overrideReason why the rater replaced the computed value
	 */
	public record Line(int number, String category, String name, boolean financial, BigDecimal maxPoints,
			String inputType, String value, String computed, String overrideReason, BigDecimal points) {

		public boolean missing() {
			return this.value == null;
		}

	}

}
