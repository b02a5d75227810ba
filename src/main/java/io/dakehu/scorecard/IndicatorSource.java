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
	LATEST_TIER;

	public boolean computed() {
		return this != ENTERED;
	}

}
