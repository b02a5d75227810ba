package io.dakehu.contract;

/** A contract as another module names it: its id, number, account and status. */
public record ContractRef(long id, String number, long accountId, ContractStatus status) {

	/** Whether receipts may be recorded on it: every status but a draft's. */
	public boolean takesReceipts() {
		return this.status != ContractStatus.DRAFT;
	}

}
