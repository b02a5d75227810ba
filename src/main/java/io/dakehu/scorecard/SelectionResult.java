package io.dakehu.scorecard;

/**
 * What a customer selection advises (DOMAIN.md §6).
 */
public enum SelectionResult {

	/** Score at least 70 and every principle holds. */
	RECOMMEND,

	/**
	 * Score from 50, the CLV positive, but the score or the owner's or team's capacity
	 * falls short.
	 */
	REVIEW,

	/** Score below 50, or a lifetime value that is not positive. */
	REJECT

}
