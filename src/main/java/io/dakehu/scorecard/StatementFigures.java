package io.dakehu.scorecard;

import java.util.Map;

/**
 * An account's financial indicators for a quarter as a customer's statements give them,
 * one row of an import: checked values in their canonical text, by indicator number.
 *
 * @param quarter such as {@code 2026-Q3}
 */
public record StatementFigures(long accountId, String quarter, Map<Integer, String> values) {

	public StatementFigures {
		values = Map.copyOf(values);
	}

}
