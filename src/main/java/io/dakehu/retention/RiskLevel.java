package io.dakehu.retention;

/**
 * How likely a customer is to leave, by its churn score (DOMAIN.md §10.4): high from 50,
 * medium from 25, low below.
 */
public enum RiskLevel {

	HIGH(50), MEDIUM(25), LOW(0);

	private final int from;

	RiskLevel(int from) {
		this.from = from;
	}

	/** The lowest score of the level. */
	public int from() {
		return this.from;
	}

	public static RiskLevel of(int score) {
		if (score >= HIGH.from) {
			return HIGH;
		}
		return (score >= MEDIUM.from) ? MEDIUM : LOW;
	}

}
