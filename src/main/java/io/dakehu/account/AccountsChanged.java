package io.dakehu.account;

import java.util.Set;

/**
 * Accounts were opened, or their name, owner or archived flag may have changed: what a
 * read model listing accounts by owner keeps a copy of. Published inside the writing
 * transaction, so a listener can refresh its rows before the change commits.
 *
 * @param accountIds the accounts written
 */
public record AccountsChanged(Set<Long> accountIds) {

	public AccountsChanged {
		accountIds = Set.copyOf(accountIds);
	}

}
