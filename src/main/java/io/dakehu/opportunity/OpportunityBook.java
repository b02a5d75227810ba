package io.dakehu.opportunity;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.dakehu.account.AccountScopeSql;
import io.dakehu.identity.RecordScope;

/**
 * A KAM's or a team's page of the opportunity list read from the owners' books, in the
 * list's order (decision 0079, PostgreSQL). The deals a reader sees are three parts that
 * do not overlap: the deals on the accounts the scope's owners own (by the owner each
 * deal keeps, decision 0074), read along each owner's part of the book index of the order
 * as far as the page reaches; the deals the owners own on other owners' accounts or on
 * none, few (a partial index); and the deals on the accounts shared with the reader that
 * neither part holds. Each part is cut at the page's end and the three merged. Read as
 * one condition along the company's index of the order, a KAM's page read every other
 * owner's deals on the way.
 */
final class OpportunityBook {

	/**
	 * The orders the book has an index for (migrations 191 and 192): a column of the deal
	 * each, or the stage's place in the buying process.
	 */
	private static final Set<OpportunitySort.Column> ORDERS = Set.of(OpportunitySort.Column.EXPECTED,
			OpportunitySort.Column.AMOUNT, OpportunitySort.Column.NAME, OpportunitySort.Column.UPDATED,
			OpportunitySort.Column.STAGE);

	/**
	 * The most owners whose books are read one by one: a scope of n owners reads n pages
	 * and sorts their heads together, where the company's index of the order reads about
	 * (the company's owners ÷ n) pages before it holds the scope's page, so the books are
	 * the cheaper while n is below the square root of the company's owners (17 of 300).
	 */
	static final int MOST_BOOKS = 20;

	/**
	 * The most owners whose books a page reads as whole rows (see {@link #page}): with
	 * 100,000 deals, a page read as ids and then by id cost PostgreSQL 8–20 % more for
	 * one owner, about the same for two, 20–55 % less for a team of eleven.
	 */
	static final int ROWS_FROM_BOOKS = 2;

	private OpportunityBook() {
	}

	/**
	 * Whether the reader's page is read from the books: a KAM or a team
	 * ({@link #MOST_BOOKS} owners at most), an order the books' indexes hold, no search
	 * (a search reads its few matches through the names' pieces instead).
	 */
	static boolean serves(RecordScope scope, OpportunityQuery query, OpportunitySort sort) {
		return !scope.all() && scope.ownerIds().size() <= MOST_BOOKS && query.q() == null && sort != null
				&& ORDERS.contains(sort.column());
	}

	/**
	 * The page's statement, without its limit and offset: its rows, or for a scope of
	 * more than {@link #ROWS_FROM_BOOKS} owners the ids of its rows in order
	 * ({@link Page#idsOnly}).
	 * @param conditions the query's conditions without the reader's scope, starting with
	 * {@code where}
	 * @param key the order's key, as an expression on {@code o}
	 * @param reach how far into each part the page reaches: a number, or a parameter
	 */
	static Page page(RecordScope scope, OpportunityRows.Where conditions, String key, boolean descending,
			String reach) {
		String direction = descending ? " desc" : " asc";
		AccountScopeSql shared = AccountScopeSql.sharedWith(scope, "o.account_id");
		Map<String, Object> params = scoped(scope, conditions, shared);
		String order = " order by " + key + direction + ", o.id" + direction + " limit " + reach;
		// A team's books reach as far as the page into each member's part, and all
		// but a page of what they read is left: read there as whole rows, a team of
		// ten read two hundred rows for twenty. So a team's page is first the ids and
		// keys of its rows, which the books' indexes hold, and the caller reads the
		// twenty rows after by id (decision 0082). For one or two owners the rows are
		// read from the books: there the reading by id costs more than it saves.
		boolean idsOnly = scope.ownerIds().size() > ROWS_FROM_BOOKS;
		String read = idsOnly ? "o.id, " + key + " as sort_key" : "o.*";
		// The books' own part: each owner's part of the book index read in the order,
		// as far as the page reaches. The other two are few and read whole behind a
		// fence (offset 0), so that however many the planner guesses they are it does
		// not walk the company's index of the order for them (112 ms for a KAM who owns
		// nothing on others' accounts, at 100,000 deals). The deals owned elsewhere are
		// marked by a column of their own (migration 191), whose statistics say how few
		// they are.
		String own = " from unnest(cast(:ownersRead as bigint array)) b (owner_id)" + " cross join lateral (select "
				+ read + conditions.from() + conditions.sql() + " and o.account_owner_id = b.owner_id" + order + ") o";
		String onOthers = fenced(conditions,
				"o.owner_id in (:ownersInScope) and o.owned_elsewhere and o.account_owner_id not in (:ownersInScope)");
		String onShared = fenced(conditions, onSharedAccounts(shared, ":ownersInScope"));
		if (idsOnly) {
			String ownIds = "(select o.id, o.sort_key" + own + " order by o.sort_key" + direction + ", o.id" + direction
					+ " limit " + reach + ")";
			String parts = Stream
				.concat(Stream.of(ownIds), Stream.of(onOthers, onShared)
					.map((from) -> "(select o.id, " + key + " as sort_key" + from + conditions.sql() + order + ")"))
				.collect(Collectors.joining(" union all "));
			return new Page("select x.id from (" + parts + ") x order by x.sort_key" + direction + ", x.id" + direction,
					params, true);
		}
		String parts = Stream
			.of(own + OpportunityRows.PROBABILITY, onOthers + OpportunityRows.PROBABILITY + conditions.sql(),
					onShared + OpportunityRows.PROBABILITY + conditions.sql())
			.map((from) -> "(" + OpportunityRows.COLUMNS + ", " + key + " as sort_key" + from + order + ")")
			.collect(Collectors.joining(" union all "));
		return new Page("select x.* from (" + parts + ") x order by x.sort_key" + direction + ", x.id" + direction,
				params, false);
	}

	/**
	 * The conditions' parameters and the reader's scope as a page read part by part names
	 * it: the owners read one by one ({@code :ownersRead}, an array), the same as a list
	 * ({@code :ownersInScope}), and the accounts shared with the reader.
	 */
	static Map<String, Object> scoped(RecordScope scope, OpportunityRows.Where conditions, AccountScopeSql shared) {
		Map<String, Object> params = new HashMap<>(conditions.params());
		params.put("ownersRead", scope.ownerIds().toArray(Long[]::new));
		params.put("ownersInScope", scope.ownerIds());
		params.putAll(shared.params());
		return params;
	}

	/**
	 * The deals on the accounts shared with the reader that the scope's owners' own parts
	 * do not hold: on an account owned outside the scope, owned outside it. The list's
	 * totals count the same part.
	 * @param owners the scope's owners as the statement names them
	 */
	static String onSharedAccounts(AccountScopeSql shared, String owners) {
		return shared.condition() + " and o.account_owner_id not in (" + owners + ") and o.owner_id not in (" + owners
				+ ")";
	}

	/**
	 * The deals others own on the accounts the scope's owners own: few, the partial index
	 * of decision 0074 holds just those. The list's totals count the same part.
	 * @param owners the scope's owners as the statement names them
	 */
	static String othersOnOwnedAccounts(String owners) {
		return "o.account_owner_id in (" + owners + ") and o.owner_id <> o.account_owner_id and o.owner_id not in ("
				+ owners + ")";
	}

	/** The deals meeting the condition, read whole, as {@code o}. */
	private static String fenced(OpportunityRows.Where conditions, String condition) {
		return " from (select o.*" + conditions.from() + " where " + condition + " offset 0) o";
	}

	/**
	 * @param idsOnly whether the statement answers the ids of the page's rows in order
	 * rather than the rows ({@link OpportunityRows#byIdsInOrder})
	 */
	record Page(String sql, Map<String, Object> params, boolean idsOnly) {
	}

}
