package io.dakehu.scorecard;

/**
 * Where an indicator's value comes from: a person enters it, or the product computes it
 * from its own records (the rater may then only override it with a reason).
 */
public enum IndicatorSource {

	/** Entered from the customer's statements or the rater's judgement. */
	ENTERED,

	/** Years from the account's first purchase to the start of the rated quarter. */
	FIRST_PURCHASE_YEARS,

	/** The account's pyramid tier in the latest segmentation run, NONE when unranked. */
	LATEST_TIER,

	/** §5 #6: percent of the amount due in the last 4 quarters paid by its due date. */
	ON_TIME_RATE,

	/** §5 #7: average days overdue, weighted by amount. */
	DAYS_OVERDUE,

	/** §5 #8: percent of the contracts ended in 3 years that were completed. */
	FULFILMENT_RATE,

	/** §5 #9: instalments written off in 3 years. */
	DEFAULTS;

	public boolean computed() {
		return this != ENTERED;
	}

	/**
	 * Read from the account's receivables, which only an account with contracts has: an
	 * account without that figure keeps the indicator as an entered input.
	 */
	public boolean fromReceivables() {
		return this == ON_TIME_RATE || this == DAYS_OVERDUE || this == FULFILMENT_RATE || this == DEFAULTS;
	}

}
