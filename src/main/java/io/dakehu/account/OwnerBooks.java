package io.dakehu.account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.dakehu.identity.RecordScope;
import io.dakehu.shared.VersionedMemo;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Whose book each account of a module's read model is in, and a version per book
 * (decisions 0058, 0059): the owner's, raised in the transaction that changes what the
 * read model says of one of the owner's accounts or moves an account into or out of the
 * owner's book. A report remembers each owner's part with its version
 * ({@link VersionedMemo}), so a company's report reads a few hundred versions instead of
 * every row, and is exact on every node: a version seen means every change before it is
 * seen too.
 *
 * <p>
 * The module that keeps a read model owns both tables and names them here:
 * {@code <accounts>(account_id primary key, owner_id)} and
 * {@code <versions>(owner_id primary key, version)}; the account module publishes the
 * keeping, as it publishes its SQL fragments, since what moves an account between books
 * is its owner. Which owner an account is counted for is kept in the first, not read from
 * the account when a version is raised: an account's owner may change in a transaction
 * that has not committed yet. Both kinds of change lock the account's row there before
 * they raise a version, so the later of the two sees the earlier's owner and raises it.
 */
public final class OwnerBooks {

	/** The book of the accounts nobody owns (the public pool). */
	private static final long POOL = 0L;

	private static final int CHUNK = 10_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final String accounts;

	private final String versions;

	private final AccountQueries owners;

	/**
	 * @param accounts the module's table of accounts by book
	 * @param versions the module's table of versions by owner
	 */
	public OwnerBooks(JdbcClient jdbc, JdbcTemplate template, AccountQueries owners, String accounts, String versions) {
		this.jdbc = jdbc;
		this.template = template;
		this.owners = owners;
		this.accounts = accounts;
		this.versions = versions;
	}

	/**
	 * Notes that what the read model says of these accounts may have changed; their
	 * books' versions are raised when the transaction is about to commit (at once without
	 * one), after everything it writes. An account without a row gets one.
	 */
	public void changed(Collection<Long> accountIds) {
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
	 * Locks the accounts' rows in id order, puts each under its owner's book as the
	 * transaction sees it, and raises every book an account was in or is in now.
	 * @param addMissing whether accounts without a row get one; otherwise they are left
	 * out (an account the read model has nothing of has no book to move)
	 */
	public void settle(Collection<Long> accountIds, boolean addMissing) {
		List<Long> sorted = new ArrayList<>(new TreeSet<>(accountIds));
		Set<Long> raised = new TreeSet<>();
		for (int from = 0; from < sorted.size(); from += CHUNK) {
			List<Long> chunk = sorted.subList(from, Math.min(sorted.size(), from + CHUNK));
			Map<Long, Long> kept = new HashMap<>();
			this.jdbc
				.sql("select account_id, owner_id from " + this.accounts
						+ " where account_id in (:ids) order by account_id for update")
				.param("ids", chunk)
				.query((rs) -> {
					kept.put(rs.getLong(1), rs.getLong(2));
				});
			Collection<Long> ids = addMissing ? chunk : kept.keySet();
			if (ids.isEmpty()) {
				continue;
			}
			Map<Long, Long> ownerOf = this.owners.owners(ids);
			List<Object[]> added = new ArrayList<>();
			List<Object[]> moved = new ArrayList<>();
			for (Long id : ids) {
				long owner = ownerOf.getOrDefault(id, POOL);
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
			batch("insert into " + this.accounts + " (account_id, owner_id) values (?, ?) on conflict do nothing",
					added);
			batch("update " + this.accounts + " set owner_id = ? where account_id = ?", moved);
		}
		raise(raised);
	}

	/**
	 * Raises every book's version: what the read model says may have changed for any
	 * account (a segmentation run re-tiered the company).
	 */
	public void raiseEvery() {
		this.jdbc
			.sql("insert into " + this.versions + " (owner_id, version) select distinct owner_id, 0 from "
					+ this.accounts + " on conflict do nothing")
			.update();
		this.jdbc.sql("update " + this.versions + " set version = version + 1").update();
	}

	/**
	 * The versions of the books a reader's scope covers — every book for a scope of
	 * everything, otherwise its owners' — and whether accounts of other books are shared
	 * with the reader, in one statement. A book never raised is at version 0.
	 */
	public Versions versions(RecordScope scope) {
		Map<Long, Long> byOwner = new HashMap<>();
		if (scope.all()) {
			this.jdbc.sql("select owner_id, version from " + this.versions).query((rs) -> {
				byOwner.put(rs.getLong(1), rs.getLong(2));
			});
			return new Versions(byOwner, false);
		}
		boolean[] any = { false };
		AccountScopeSql shared = AccountScopeSql.sharedWith(scope, "ob.account_id");
		Map<String, Object> params = new HashMap<>(shared.params());
		params.put("versionOwners", scope.ownerIds().isEmpty() ? Set.of(-1L) : scope.ownerIds());
		// The shared accounts' count comes as the row of owner -1, which no book has.
		this.jdbc
			.sql("select owner_id, version from " + this.versions + " where owner_id in (:versionOwners)"
					+ " union all select -1, count(*) from " + this.accounts + " ob where " + shared.condition()
					+ " and ob.owner_id not in (:versionOwners)")
			.params(params)
			.query((rs) -> {
				if (rs.getLong(1) == -1) {
					any[0] = rs.getLong(2) > 0;
				}
				else {
					byOwner.put(rs.getLong(1), rs.getLong(2));
				}
			});
		return new Versions(byOwner, any[0]);
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
		batch("insert into " + this.versions + " (owner_id, version) values (?, 0) on conflict do nothing",
				owners.stream().map((owner) -> new Object[] { owner }).toList());
		this.jdbc.sql("update " + this.versions + " set version = version + 1 where owner_id in (:owners)")
			.param("owners", owners)
			.update();
	}

	/**
	 * The versions of a reader's books.
	 *
	 * @param byOwner each book's version by owner id
	 * @param shared whether accounts of books outside the reader's are shared with them
	 */
	public record Versions(Map<Long, Long> byOwner, boolean shared) {
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

		OwnerBooks books() {
			return OwnerBooks.this;
		}

	}

}
