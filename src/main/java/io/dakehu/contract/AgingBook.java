package io.dakehu.contract;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What the accounts of one book (an owner's, or those shared with a reader) owe on a day,
 * by account and by the contracts' owner: the parts an aging report adds up.
 */
record AgingBook(Map<Long, Aging> byAccount, Map<Long, Aging> byOwner) {

	static final AgingBook EMPTY = new AgingBook(Map.of(), Map.of());

	/** The book of these accounts' agings, one per account and contract owner. */
	static AgingBook of(Collection<Owed> owed) {
		Map<Long, Aging> byAccount = new HashMap<>();
		Map<Long, Aging> byOwner = new HashMap<>();
		for (Owed row : owed) {
			byAccount.merge(row.accountId(), row.aging(), Aging::plus);
			byOwner.merge(row.ownerId(), row.aging(), Aging::plus);
		}
		return new AgingBook(Map.copyOf(byAccount), Map.copyOf(byOwner));
	}

	/** How much it weighs in memory, in accounts. */
	int weight() {
		return 1 + this.byAccount.size();
	}

	/** What one account owes on the contracts of one owner. */
	record Owed(long accountId, long ownerId, Aging aging) {
	}

}
