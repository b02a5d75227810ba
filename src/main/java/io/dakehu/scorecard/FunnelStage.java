package io.dakehu.scorecard;

import java.util.Locale;

import io.dakehu.shared.RuleViolationException;

/**
 * A stage of the selection funnel, each a subset of the one before: what a click on a
 * stage lists.
 */
public enum FunnelStage {

	EVALUATED("1 = 1"), RECOMMENDED("e.result = 'RECOMMEND'"), ACCEPTED("e.accepted_at is not null"),
	CUSTOMERS("e.accepted_at is not null and cu.account_id is not null");

	/** Which evaluations put an account in the stage, over {@code e} and {@code cu}. */
	final String condition;

	FunnelStage(String condition) {
		this.condition = condition;
	}

	/**
	 * The stage a request names ({@code recommended}), EVALUATED when it names none.
	 * @throws RuleViolationException on {@code stage} for an unknown one
	 */
	public static FunnelStage parse(String text) {
		if (text == null || text.isBlank()) {
			return EVALUATED;
		}
		try {
			return valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new RuleViolationException("stage", "validation.selection.stage");
		}
	}

}
