package io.dakehu.scorecard;

import java.util.Collection;
import java.util.List;

import io.dakehu.account.AccountBookSql;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountsChanged;
import io.dakehu.account.OwnerBooks;
import io.dakehu.identity.RecordScope;
import io.dakehu.segmentation.TiersChanged;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Whose credit book each account is in, and a version per book (decision 0059, kept by
 * {@link OwnerBooks}): the owner's, raised in the transaction that rates one of the
 * owner's accounts, opens, renames, archives, merges or makes a key account of one, or
 * moves an account into or out of the owner's book, and every book's when a run re-tiers
 * the company. The due list and the tier × grade heat map remember each owner's part with
 * its version, so a director's list reads a few hundred versions instead of a million
 * accounts and their ratings.
 */
@Component
class CreditBooks {

	private final JdbcClient jdbc;

	private final OwnerBooks books;

	CreditBooks(JdbcClient jdbc, JdbcTemplate template, AccountQueries accounts) {
		this.jdbc = jdbc;
		this.books = new OwnerBooks(jdbc, template, accounts, "credit_account", "credit_owner");
	}

	/**
	 * Notes that these accounts were rated; their books' versions are raised when the
	 * transaction is about to commit.
	 */
	void rated(Collection<Long> accountIds) {
		this.books.changed(accountIds);
	}

	/**
	 * An account opened, renamed, archived, merged, made a key account or given to
	 * another owner: its book (and the one it left) changes.
	 */
	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	public void on(AccountsChanged changed) {
		this.books.settle(changed.accountIds(), true);
	}

	/** A run re-tiered the company: every book's heat map may have moved. */
	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	public void on(TiersChanged changed) {
		this.books.raiseEvery();
	}

	/**
	 * The versions of the books a reader's scope covers and whether accounts of other
	 * books are shared with the reader.
	 */
	OwnerBooks.Versions versions(RecordScope scope) {
		return this.books.versions(scope);
	}

	/**
	 * Puts every live account that has no book yet in its owner's and raises the books it
	 * added to: a database that had accounts before the books existed, or accounts
	 * written around the application. The missing accounts are read first and added
	 * after: one {@code insert … where not exists} planned on the statistics of an empty
	 * table looped over every row it had already inserted for each next one (34 s for
	 * 100,000 accounts, BENCHMARKS.md "Nightly pool run").
	 */
	@EventListener(ApplicationReadyEvent.class)
	@Transactional
	public void fillMissing() {
		AccountBookSql book = AccountBookSql.of(RecordScope.everything(0), null);
		List<Long> missing = this.jdbc
			.sql("""
					select b.account_id from %s b
					where not exists (select 1 from credit_account ca where ca.account_id = b.account_id)"""
				.formatted(book.table()))
			.params(book.params())
			.query(Long.class)
			.list();
		this.books.settle(missing, true);
	}

	/**
	 * Checks every live account and every account with a book against its owner and
	 * raises every book, for accounts or ratings written around the application.
	 */
	@Transactional
	public void rebuild() {
		AccountBookSql book = AccountBookSql.of(RecordScope.everything(0), null);
		this.books.settle(this.jdbc
			.sql("select b.account_id from " + book.table() + " b union select ca.account_id from credit_account ca")
			.params(book.params())
			.query(Long.class)
			.list(), true);
		this.books.raiseEvery();
	}

}
