package io.dakehu.contact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.dakehu.account.AccountBookSql;
import io.dakehu.account.AccountLocks;
import io.dakehu.account.AccountsChanged;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps {@code contact.book_owner_id}, whose book each contact's account is in (decision
 * 0069), as the account module states it ({@link AccountBookSql#ownerOf}): for the
 * accounts a transaction changed (their owner, archived flag, a merge that brought people
 * over), just before it commits, and for the account a contact is added at.
 */
@Component
class ContactBooks {

	private static final int CHUNK = 1000;

	private final JdbcClient jdbc;

	private final AccountLocks accountLocks;

	ContactBooks(JdbcClient jdbc, AccountLocks accountLocks) {
		this.jdbc = jdbc;
		this.accountLocks = accountLocks;
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void on(AccountsChanged changed) {
		follow(changed.accountIds());
	}

	/**
	 * Puts the people just added at the account in its book just before the transaction
	 * commits, with the account locked ({@link AccountLocks#beforeCommit}): a transfer of
	 * the account not yet committed moves its people without them, and they would stay in
	 * the book before. Nothing reads the book inside the transaction that adds them, so
	 * an import of many people puts each account's in its book once.
	 */
	void placeAt(long accountId) {
		this.accountLocks.beforeCommit(this, Set.of(accountId), this::follow);
	}

	/** Puts the people at these accounts in the book each account is in now. */
	void follow(Collection<Long> accountIds) {
		List<Long> sorted = new ArrayList<>(new TreeSet<>(accountIds));
		String owner = AccountBookSql.ownerOf("c.account_id");
		for (int from = 0; from < sorted.size(); from += CHUNK) {
			this.jdbc
				.sql("update contact c set book_owner_id = " + owner + " where c.account_id in (:ids)"
						+ " and c.book_owner_id <> " + owner)
				.param("ids", sorted.subList(from, Math.min(sorted.size(), from + CHUNK)))
				.update();
		}
	}

}
