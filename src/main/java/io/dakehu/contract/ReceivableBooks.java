package io.dakehu.contract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.account.AccountsChanged;
import io.dakehu.identity.RecordScope;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Whose book each account's receivables are in, and a version per book (decision 0058):
 * the owner's, raised in the transaction that changes what one of the owner's accounts
 * owes (a receipt, an activation, a write-off, a new plan, a merge) or moves an account
 * into or out of the owner's book. The aging remembers each owner's part with its
 * version, so a company's aging reads a hundred versions instead of every open
 * instalment, and is exact on every node: a version seen means every change before it is
 * seen too.
 *
 * <p>
 * Which owner an account is counted for is kept here ({@code receivable_account}), not
 * read from the account when a version is raised: an account's owner may change in a
 * transaction that has not committed yet. Both kinds of change lock the account's row
 * here before they raise a version, so the later of the two sees the earlier's owner and
 * raises it.
 */
@Component
class ReceivableBooks {

	/** The book of the accounts in the public pool. */
	private static final long POOL = 0L;

	private static final int CHUNK = 10_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final AccountQueries accounts;

	ReceivableBooks(JdbcClient jdbc, JdbcTemplate template, AccountQueries accounts) {
		this.jdbc = jdbc;
		this.template = template;
		this.accounts = accounts;
	}

	/**
	 * Notes that what these accounts owe may have changed; their books' versions are
	 * raised when the transaction is about to commit (at once without one), after
	 * everything it writes.
	 */
	void changed(Collection<Long> accountIds) {
		if (accountIds.isEmpty()) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			settle(accountIds, true);
			return;
		}
		Pending pending = null;
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			if (synchronization instanceof Pending found && found.books() == this) {
				pending = found;
			}
		}
		if (pending == null) {
			pending = new Pending();
			TransactionSynchronizationManager.registerSynchronization(pending);
		}
		pending.accounts.addAll(accountIds);
	}

	/**
	 * Accounts given another owner (or returned to the pool, claimed, merged) move
	 * between books; an account without contracts has no book to move.
	 */
	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	public void on(AccountsChanged changed) {
		settle(changed.accountIds(), false);
	}

	/**
	 * The versions of the books a reader's scope covers — every book for a scope of
	 * everything, otherwise its owners' — and whether accounts of other books are shared
	 * with the reader, in one statement. A book never raised is at version 0.
	 */
	Versions versions(RecordScope scope) {
		Map<Long, Long> versions = new HashMap<>();
		boolean[] shared = { false };
		if (scope.all()) {
			this.jdbc.sql("select owner_id, version from receivable_owner").query((rs) -> {
				versions.put(rs.getLong(1), rs.getLong(2));
			});
			return new Versions(versions, false);
		}
		AccountScopeSql sharedWith = AccountScopeSql.sharedWith(scope, "ra.account_id");
		Map<String, Object> params = new HashMap<>(sharedWith.params());
		params.put("versionOwners", scope.ownerIds().isEmpty() ? Set.of(-1L) : scope.ownerIds());
		// The shared accounts' count comes as the row of owner -1, which no book has.
		this.jdbc
			.sql("select owner_id, version from receivable_owner where owner_id in (:versionOwners)"
					+ " union all select -1, count(*) from receivable_account ra where " + sharedWith.condition()
					+ " and ra.owner_id not in (:versionOwners)")
			.params(params)
			.query((rs) -> {
				if (rs.getLong(1) == -1) {
					shared[0] = rs.getLong(2) > 0;
				}
				else {
					versions.put(rs.getLong(1), rs.getLong(2));
				}
			});
		return new Versions(versions, shared[0]);
	}

	/**
	 * The versions of a reader's books.
	 *
	 * @param shared whether accounts of books outside the reader's are shared with them
	 */
	record Versions(Map<Long, Long> byOwner, boolean shared) {
	}

	/**
	 * Puts every account with contracts that has no book yet in its owner's: a database
	 * that had contracts before the books existed, or rows written around the
	 * application.
	 */
	@EventListener(ApplicationReadyEvent.class)
	@Transactional
	public void fillMissing() {
		settle(this.jdbc.sql("""
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
		settle(this.jdbc.sql("select distinct account_id from contract").query(Long.class).list(), true);
	}

	/**
	 * Locks the accounts' rows here in id order, puts each under its owner's book as the
	 * transaction sees it, and raises every book an account was in or is in now.
	 * @param addMissing whether accounts without a row get one (they have contracts);
	 * otherwise they are left out
	 */
	private void settle(Collection<Long> accountIds, boolean addMissing) {
		List<Long> sorted = new ArrayList<>(new TreeSet<>(accountIds));
		Set<Long> raised = new TreeSet<>();
		for (int from = 0; from < sorted.size(); from += CHUNK) {
			List<Long> chunk = sorted.subList(from, Math.min(sorted.size(), from + CHUNK));
			Map<Long, Long> kept = new HashMap<>();
			this.jdbc
				.sql("select account_id, owner_id from receivable_account where account_id in (:ids)"
						+ " order by account_id for update")
				.param("ids", chunk)
				.query((rs) -> {
					kept.put(rs.getLong(1), rs.getLong(2));
				});
			Collection<Long> ids = addMissing ? chunk : kept.keySet();
			if (ids.isEmpty()) {
				continue;
			}
			Map<Long, Long> owners = this.accounts.owners(ids);
			List<Object[]> added = new ArrayList<>();
			List<Object[]> moved = new ArrayList<>();
			for (Long id : ids) {
				long owner = owners.getOrDefault(id, POOL);
				Long before = kept.get(id);
				raised.add(owner);
				if (before == null) {
					added.add(new Object[] { id, owner });
				}
				else if (before != owner) {
					raised.add(before);
					moved.add(new Object[] { owner, id });
				}
			}
			// A row another transaction added meanwhile was added with the owner it saw
			// then; the book raised here is the owner as this transaction sees it.
			batch("insert into receivable_account (account_id, owner_id) values (?, ?) on conflict do nothing", added);
			batch("update receivable_account set owner_id = ? where account_id = ?", moved);
		}
		raise(raised);
	}

	private void batch(String sql, List<Object[]> rows) {
		if (!rows.isEmpty()) {
			this.template.batchUpdate(sql, rows);
		}
	}

	/**
	 * Raises the books' versions last, in one statement, so two writers take the version
	 * rows in the same order.
	 */
	private void raise(Set<Long> owners) {
		if (owners.isEmpty()) {
			return;
		}
		batch("insert into receivable_owner (owner_id, version) values (?, 0) on conflict do nothing",
				owners.stream().map((owner) -> new Object[] { owner }).toList());
		this.jdbc.sql("update receivable_owner set version = version + 1 where owner_id in (:owners)")
			.param("owners", owners)
			.update();
	}

	/** The accounts one transaction changed, settled just before it commits. */
	private final class Pending implements TransactionSynchronization {

		private final Set<Long> accounts = new TreeSet<>();

		@Override
		public void beforeCommit(boolean readOnly) {
			if (!this.accounts.isEmpty()) {
				settle(this.accounts, true);
				this.accounts.clear();
			}
		}

		ReceivableBooks books() {
			return ReceivableBooks.this;
		}

	}

}
