package io.dakehu.opportunity;

import java.util.Set;

/**
 * Deals were written in bulk on these accounts (an import): before the transaction
 * commits, they take their accounts' owners as they stand then (decision 0074).
 *
 * @param accountIds the accounts the deals are on
 */
record DealsRecorded(Set<Long> accountIds) {

	DealsRecorded {
		accountIds = Set.copyOf(accountIds);
	}

}
