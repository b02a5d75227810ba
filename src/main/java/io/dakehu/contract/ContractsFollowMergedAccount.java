package io.dakehu.contract;

import io.dakehu.account.AccountsMerged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves the contracts, plans and receipts of an account absorbed by a merge to the
 * survivor, inside the merge's transaction, so the survivor's receivables include them.
 */
@Component
class ContractsFollowMergedAccount {

	private final Contracts contracts;

	ContractsFollowMergedAccount(Contracts contracts) {
		this.contracts = contracts;
	}

	@EventListener
	void on(AccountsMerged merged) {
		this.contracts.moveAccount(merged.absorbedId(), merged.survivorId());
	}

}
