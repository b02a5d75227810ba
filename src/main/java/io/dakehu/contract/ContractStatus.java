package io.dakehu.contract;

/**
 * Where a contract stands. AWAITING_APPROVAL holds a contract that would take the account
 * over its credit limit until a manager confirms it (DOMAIN.md §12, decision 0039).
 */
public enum ContractStatus {

	DRAFT, AWAITING_APPROVAL, ACTIVE, COMPLETED, TERMINATED;

	/** Whether money is still expected on it: receipts and plan changes are allowed. */
	public boolean open() {
		return this == DRAFT || this == AWAITING_APPROVAL || this == ACTIVE;
	}

}
