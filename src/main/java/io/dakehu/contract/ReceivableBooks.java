package io.dakehu.contract;

import java.util.Collection;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountsChanged;
import io.dakehu.account.OwnerBooks;
import io.dakehu.identity.RecordScope;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Whose book each account's receivables are in, and a version per book (decision 0058,
 * kept by {@link OwnerBooks}): the owner's, raised in the transaction that changes what
 * one of the owner's accounts owes (a receipt, an activation, a write-off, a new plan, a
 * merge) or moves an account into or out of the owner's book. The aging remembers each
 * owner's part with its version, so a company's aging reads a hundred versions instead of
 * every open instalment. Only accounts with contracts have a book.
 */
@Component
class ReceivableBooks {

	private final JdbcClient jdbc;

	private final OwnerBooks books;

	ReceivableBooks(JdbcClient jdbc, JdbcTemplate template, AccountQueries accounts) {
		this.jdbc = jdbc;
		this.books = new OwnerBooks(jdbc, template, accounts, "receivable_account", "receivable_owner");
	}

	/**
	 * Notes that what these accounts owe may have changed; their books' versions are
	 * raised when the transaction is about to commit (at once without one), after
	 * everything it writes.
	 */
	void changed(Collection<Long> accountIds) {
		this.books.changed(accountIds);
	}

	/**
	 * Accounts given another owner (or returned to the pool, claimed, merged) move
	 * between books; an account without contracts has no book to move.
	 */
	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	public void on(AccountsChanged changed) {
		this.books.settle(changed.accountIds(), false);
	}

	/**
	 * The versions of the books a reader's scope covers — every book for a scope of
	 * everything, otherwise its owners' — and whether accounts of other books are shared
	 * with the reader, in one statement. A book never raised is at version 0.
	 */
	OwnerBooks.Versions versions(RecordScope scope) {
		return this.books.versions(scope);
	}

	/**
	 * Puts every account with contracts that has no book yet in its owner's: a database
	 * that had contracts before the books existed, or rows written around the
	 * application.
	 */
	@EventListener(ApplicationReadyEvent.class)
	@Transactional
	public void fillMissing() {
		this.books.settle(this.jdbc.sql("""
				select distinct c.account_id from contract c
				where not exists (select 1 from receivable_account ra where ra.account_id = c.account_id)""")
			.query(Long.class)
			.list(), true);
	}

	/**
	 * Checks every account with contracts against its owner and raises the books that
	 * change, for accounts or contracts written around the application.
	 */
	@Transactional
	public void rebuild() {
		this.books.settle(this.jdbc.sql("select distinct account_id from contract").query(Long.class).list(), true);
	}

}
