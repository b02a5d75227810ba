package io.dakehu.loyalty;

/**
 * Where an action stands: PLANNED (needs no approval) or AWAITING_APPROVAL, then APPROVED
 * or REJECTED; DONE once carried out, EVALUATED once its outcome is judged. A rejected
 * action may be revised and asked for again, never carried out.
 */
public enum LoyaltyStatus {

	PLANNED, AWAITING_APPROVAL, APPROVED, REJECTED, DONE, EVALUATED;

	/** Whether it may be carried out now. */
	public boolean cleared() {
		return this == PLANNED || this == APPROVED;
	}

	/** Whether its plan may still change. */
	public boolean revisable() {
		return this == PLANNED || this == REJECTED;
	}

}
