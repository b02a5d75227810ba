package io.dakehu.scorecard;

/**
 * Why a customer selection is not a plain recommendation: each reason names the rule that
 * failed, shown beside the result.
 */
public enum SelectionReason {

	/** The score is below the card's review grade (50 by default). */
	SCORE_TOO_LOW,

	/** The score reaches review but not recommend (70 by default). */
	SCORE_BELOW_RECOMMEND,

	/** Principle 1: the estimated lifetime value is not above zero. */
	CLV_NOT_POSITIVE,

	/** Principle 2: the owner holds their maximum of key accounts already. */
	OWNER_AT_MAXIMUM,

	/** Principle 3: one more key account would exceed the team's capacity. */
	TEAM_AT_CAPACITY

}
