package io.dakehu.account;

import java.util.Map;

import io.dakehu.identity.RecordScope;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exact account counts per owner, maintained with every change: the total of an
 * unfiltered list is then a sum over a few owners instead of a scan over every account.
 * Bulk loads that write accounts directly call {@link #recount()} in their own
 * transaction.
 */
@Component
class AccountTally {

	private final JdbcClient jdbc;

	AccountTally(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Counts only owned accounts: the pool's (no owner) are nobody's book.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void add(Long ownerId, boolean archived, int delta) {
		if (ownerId == null) {
			return;
		}
		if (update(ownerId, archived, delta) == 0) {
			try {
				this.jdbc.sql("insert into account_tally (owner_id, archived, accounts) values (:o, :a, :d)")
					.param("o", ownerId)
					.param("a", archived)
					.param("d", delta)
					.update();
			}
			catch (DuplicateKeyException ex) {
				// Another transaction created the row first; add to it instead.
				update(ownerId, archived, delta);
			}
		}
	}

	private int update(long ownerId, boolean archived, int delta) {
		return this.jdbc.sql("update account_tally set accounts = accounts + :d where owner_id = :o and archived = :a")
			.param("o", ownerId)
			.param("a", archived)
			.param("d", delta)
			.update();
	}

	/**
	 * The number of accounts in the scope with the given archive state: those owned by
	 * the scope's owners plus those shared with the user and owned by someone else.
	 */
	long count(RecordScope scope, boolean archived) {
		long owned = owned(scope, archived);
		if (scope.all()) {
			return owned;
		}
		long shared = this.jdbc.sql("""
				select count(*) from account_team_member m join account a on a.id = m.account_id
				where m.user_id = :u and a.archived = :a and a.owner_id not in (:o)""")
			.params(Map.of("u", scope.userId(), "a", archived, "o", scope.ownerIds()))
			.query(Long.class)
			.single();
		return owned + shared;
	}

	/**
	 * The number of accounts with the given archive state the scope's owners own
	 * (everyone for a scope that sees every account).
	 */
	long owned(RecordScope scope, boolean archived) {
		if (scope.all()) {
			return this.jdbc.sql("select coalesce(sum(accounts), 0) from account_tally where archived = :a")
				.param("a", archived)
				.query(Long.class)
				.single();
		}
		return this.jdbc
			.sql("select coalesce(sum(accounts), 0) from account_tally where archived = :a and owner_id in (:o)")
			.params(Map.of("a", archived, "o", scope.ownerIds()))
			.query(Long.class)
			.single();
	}

	/** How many live accounts the user owns. */
	long owned(long ownerId) {
		return this.jdbc
			.sql("select coalesce(sum(accounts), 0) from account_tally where owner_id = :o and archived = false")
			.param("o", ownerId)
			.query(Long.class)
			.single();
	}

	/**
	 * Recomputes every count from the accounts themselves.
	 */
	@Transactional
	public void recount() {
		this.jdbc.sql("delete from account_tally").update();
		this.jdbc
			.sql("""
					insert into account_tally (owner_id, archived, accounts)
					select owner_id, archived, count(*) from account where owner_id is not null group by owner_id, archived""")
			.update();
	}

}
