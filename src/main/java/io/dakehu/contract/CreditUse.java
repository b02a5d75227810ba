package io.dakehu.contract;

import java.math.BigDecimal;

/**
 * How much of its credit limit an account uses (DOMAIN.md §12): what it owes on contracts
 * in force or ended, and what a contract not yet in force would add.
 *
 * @param limit granted on the account's newest accepted rating; null when none, and then
 * nothing is checked
 * @param openReceivables owed on the account's other contracts in force or ended, not
 * written off
 * @param contractUnpaid what the contract at hand still has to receive; 0 for the
 * account's own figure
 */
public record CreditUse(BigDecimal limit, BigDecimal openReceivables, BigDecimal contractUnpaid) {

	public BigDecimal used() {
		return this.openReceivables.add(this.contractUnpaid);
	}

	public boolean limited() {
		return this.limit != null;
	}

	/** Over the limit by at least a cent: exactly at the limit is still within it. */
	public boolean over() {
		return this.limit != null && used().compareTo(this.limit) > 0;
	}

}
