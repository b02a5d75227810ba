package io.dakehu.opportunity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import io.dakehu.account.AccountLocks;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.account.AccountsChanged;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps {@code opportunity.account_owner_id}, the owner of each deal's account (decision
 * 0074), as the account module states it ({@link AccountScopeSql#ownerOf}): for the
 * accounts a transaction changed (a transfer, a return to the pool, a claim, a merge that
 * brought deals over), just before it commits. A deal recorded takes its account's owner
 * in the statement that writes it, and again just before its transaction commits
 * ({@link #placeAt}).
 */
@Component
class OpportunityAccountOwners {

	private static final int CHUNK = 1000;

	private final JdbcClient jdbc;

	private final AccountLocks accountLocks;

	OpportunityAccountOwners(JdbcClient jdbc, AccountLocks accountLocks) {
		this.jdbc = jdbc;
		this.accountLocks = accountLocks;
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void on(AccountsChanged changed) {
		follow(changed.accountIds());
	}

	/**
	 * Deals just written on these accounts, which took their accounts' owners as they
	 * wrote: they take them again just before the transaction commits, with the accounts
	 * locked ({@link AccountLocks#beforeCommit}), since a transfer not yet committed when
	 * they were written rewrites the account's deals without them.
	 */
	void placeAt(Collection<Long> accountIds) {
		this.accountLocks.beforeCommit(this, accountIds, this::follow);
	}

	/** Puts the deals on these accounts under each account's owner now. */
	private void follow(Collection<Long> accountIds) {
		List<Long> sorted = new ArrayList<>(new TreeSet<>(accountIds));
		String owner = AccountScopeSql.ownerOf("o.account_id");
		for (int from = 0; from < sorted.size(); from += CHUNK) {
			// Only the deals whose kept owner differs: an edit that leaves the owner
			// writes nothing.
			this.jdbc
				.sql("update opportunity o set account_owner_id = " + owner + " where o.account_id in (:ids)"
						+ " and o.account_owner_id <> " + owner)
				.param("ids", sorted.subList(from, Math.min(sorted.size(), from + CHUNK)))
				.update();
		}
	}

}
