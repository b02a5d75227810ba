package io.dakehu.contract;

/**
 * Where a contract stands. AWAITING_APPROVAL is kept for the approval flow (DOMAIN.md
 * §10.6) that will hold a contract over the account's credit limit; nothing moves a
 * contract there yet (decision 0029).
 */
public enum ContractStatus {

	DRAFT, AWAITING_APPROVAL, ACTIVE, COMPLETED, TERMINATED;

	/** Whether money is still expected on it: receipts and plan changes are allowed. */
	public boolean open() {
		return this == DRAFT || this == AWAITING_APPROVAL || this == ACTIVE;
	}

}
