package io.dakehu.accountplan;

/** The four lists of a SWOT analysis. */
public enum SwotQuadrant {

	STRENGTH, WEAKNESS, OPPORTUNITY, THREAT

}
