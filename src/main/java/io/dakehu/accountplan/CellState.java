package io.dakehu.accountplan;

/**
 * What a cell of the whitespace matrix says about an account and a product line: bought
 * in the last twelve months, else offered in an open deal, else white space, where we
 * sell nothing yet.
 */
public enum CellState {

	BOUGHT, OPEN_OPPORTUNITY, WHITE_SPACE

}
