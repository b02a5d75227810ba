package io.dakehu.account;

/**
 * Why a customer was lost (DOMAIN.md §10.4): reasons outside our control (the customer
 * moved away, changed business or went bankrupt) and reasons within it, which the
 * lost-customer analysis puts in front of the team.
 */
public enum ChurnReason {

	MOVED_AWAY(false), CHANGED_BUSINESS(false), BANKRUPT(false), BETTER_PRODUCT(true), SUPPLIER_PROBLEMS(true),
	POOR_SERVICE(true), LOW_QUALITY(true), PRICE_TOO_HIGH(true);

	private final boolean controllable;

	ChurnReason(boolean controllable) {
		this.controllable = controllable;
	}

	/** Whether the cause lay within our control. */
	public boolean controllable() {
		return this.controllable;
	}

}
