package io.dakehu.account;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.identity.RecordScope;

import org.springframework.modulith.NamedInterface;

/**
 * A book of accounts as a derived table for reports that start from accounts rather than
 * from another module's records, such as contacts due (an account never contacted is due
 * too): the live (not archived) owned accounts the reader may see (the pool's are
 * nobody's book), with columns {@code account_id}, {@code account_name},
 * {@code account_name_key} (the name as the account list sorts it), {@code owner_id} and
 * {@code key_account_type} (null for an account that is no key account).
 *
 * @param table a parenthesised sub-select to use after {@code from} or {@code join}
 */
@NamedInterface("sql")
public record AccountBookSql(String table, Map<String, Object> params) {

	/**
	 * @param scope who is asking
	 * @param ownerIds only accounts these users own; null for every account in the scope
	 */
	public static AccountBookSql of(RecordScope scope, Collection<Long> ownerIds) {
		Map<String, Object> params = new HashMap<>();
		String owners = asked(ownerIds, params);
		if (readersOwnersOnly(scope, ownerIds)) {
			return new AccountBookSql("(" + SELECT + owners + ")", params);
		}
		// The owners' accounts and the accounts shared with the reader as two branches
		// rather than one "owner in (...) or exists (shared)" condition, which PostgreSQL
		// can only answer by reading every account: each branch is an index range (a
		// KAM's book is their accounts, not the company's). UNION drops an account found
		// by both. (UNION ALL, with the second branch leaving out the first's owners, let
		// PostgreSQL plan a KAM's contact list as a parallel append: under concurrent
		// requests that halved its rate.)
		readers(scope, params);
		return new AccountBookSql("(" + SELECT + OWNED + owners + " union " + SELECT + " and " + SHARED + owners + ")",
				params);
	}

	/**
	 * The same book as its parts, each a derived table of {@link #of}'s columns: the
	 * owners' accounts, then, for a reader who does not see every account, the accounts
	 * shared with the reader that none of the owners holds. The parts never hold the same
	 * account. For a list that reads each part in its own order, along the owners' name
	 * index, and merges them: joined to the union {@link #of} makes, that order is lost
	 * and a KAM's whole book is read and sorted for a page (decision 0075).
	 */
	public static List<AccountBookSql> parts(RecordScope scope, Collection<Long> ownerIds) {
		if (readersOwnersOnly(scope, ownerIds)) {
			return List.of(of(scope, ownerIds));
		}
		Map<String, Object> params = new HashMap<>();
		String owners = asked(ownerIds, params);
		readers(scope, params);
		return List.of(new AccountBookSql("(" + SELECT + OWNED + owners + ")", params), new AccountBookSql(
				"(" + SELECT + " and bk.owner_id not in (:scopeOwners) and " + SHARED + owners + ")", params));
	}

	/**
	 * Every owner asked for is the reader's (or the reader sees every account): their
	 * accounts are all in the owners' branch, and a shared one of theirs would only
	 * repeat one of them.
	 */
	private static boolean readersOwnersOnly(RecordScope scope, Collection<Long> ownerIds) {
		return scope.all() || (ownerIds != null && scope.ownerIds().containsAll(ownerIds));
	}

	/** The condition on the owners asked for (none for null), its parameter put. */
	private static String asked(Collection<Long> ownerIds, Map<String, Object> params) {
		if (ownerIds == null) {
			return "";
		}
		// An empty set matches nothing; "in ()" is not valid SQL.
		params.put("bookOwners", ownerIds.isEmpty() ? Set.of(-1L) : Set.copyOf(ownerIds));
		return " and bk.owner_id in (:bookOwners)";
	}

	/** The reader's owners and the reader, for {@link #OWNED} and {@link #SHARED}. */
	private static void readers(RecordScope scope, Map<String, Object> params) {
		params.put("scopeOwners", scope.ownerIds().isEmpty() ? Set.of(-1L) : scope.ownerIds());
		params.put("scopeUser", scope.userId());
	}

	/**
	 * The same book as a condition on an account the caller's query has joined (see
	 * {@link AccountNameSql#innerJoin}): the account is live, owned, and the reader's
	 * (owned by one of the scope's owners, or shared with the reader), and, when
	 * {@code ownerIds} is given, owned by one of them. For a query that starts from a few
	 * rows of its own (a search's matches): each one's account is checked by its key,
	 * where {@link #of} would first read every account of the book. On the account the
	 * query joins anyway for its name, rather than in a sub-select of its own: a second
	 * join to the same account made PostgreSQL's planning of a search (done for every
	 * execution) cost more than the search itself.
	 * @param accountAlias the alias of the joined account
	 */
	public static AccountScopeSql on(RecordScope scope, Collection<Long> ownerIds, String accountAlias) {
		Map<String, Object> params = new HashMap<>();
		StringBuilder condition = new StringBuilder(accountAlias).append(".archived = false and ")
			.append(accountAlias)
			.append(".owner_id is not null");
		if (ownerIds != null) {
			condition.append(" and ").append(accountAlias).append(".owner_id in (:bookOwners)");
			params.put("bookOwners", ownerIds.isEmpty() ? Set.of(-1L) : Set.copyOf(ownerIds));
		}
		if (!scope.all()) {
			AccountScopeSql readers = AccountScopeSql.onAccountTable(scope, accountAlias);
			condition.append(" and ").append(readers.condition());
			params.putAll(readers.params());
		}
		return new AccountScopeSql(condition.toString(), params);
	}

	/**
	 * Whose book the account is in, as a scalar expression for a read model that keeps it
	 * beside its own rows (the contact list, decision 0069): the owner while the account
	 * is live (not archived) and owned, 0 while it is archived or in the pool.
	 * @param accountIdColumn the column holding the account's id in the caller's
	 * statement
	 */
	public static String ownerOf(String accountIdColumn) {
		return "coalesce((select bo.owner_id from account bo where bo.id = " + accountIdColumn
				+ " and bo.archived = false), 0)";
	}

	private static final String OWNED = " and bk.owner_id in (:scopeOwners)";

	private static final String SHARED = "bk.id in (select sm.account_id from account_team_member sm"
			+ " where sm.user_id = :scopeUser)";

	private static final String SELECT = "select bk.id as account_id, bk.name as account_name,"
			+ " bk.name_key as account_name_key, bk.owner_id as owner_id, bk.key_account_type as key_account_type"
			+ " from account bk where bk.archived = false and bk.owner_id is not null";

}
