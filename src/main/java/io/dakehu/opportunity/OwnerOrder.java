package io.dakehu.opportunity;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.dakehu.account.AccountScopeSql;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserNameSql;

/**
 * A page of the opportunity list sorted by owner, read owner by owner in the order of
 * their names, each owner's deals in the order of their ids along the owners' index
 * (migration 192) and cut at the page's end (PostgreSQL): the database stops once the
 * first owners' deals fill the page. Written as a join ordered by the name, it joined and
 * sorted every deal the reader may see (16 pages a second for a director at 100,000
 * deals, 15 to 34 for a KAM or a manager). Its statements run priced as cached (see
 * {@code OpportunityLists#pricedAsCached}): at the default price each owner's deals were
 * read along the primary key.
 */
final class OwnerOrder {

	private OwnerOrder() {
	}

	/**
	 * Every owner's deals, for a reader who sees every deal. Each owner's deals are read
	 * as far as the page reaches and all but a page of them left: read as whole rows, a
	 * page read twenty rows for each owner, 400 with twenty owners, to keep twenty. So
	 * the statement answers the ids of the page's rows in order, and the caller reads the
	 * rows by id ({@link OpportunityRows#byIdsInOrder}, decision 0082), unless a stage
	 * narrows each owner's deals to the few the owners' index of stages holds: measured
	 * at 100,000 deals, there the rows read whole cost less than reading them again by id
	 * (a director's page by owner of one stage 960–1,070 pages a second against 814–905).
	 * @param where the query's conditions, starting with {@code where}
	 * @param reach how far into each owner's deals the page reaches: a number, or a
	 * parameter
	 * @param idsOnly whether the statement answers the page's ids rather than its rows
	 */
	static String everyOwner(OpportunityRows.Where where, boolean descending, String reach, boolean idsOnly) {
		String direction = descending ? " desc" : " asc";
		String byOwner = " from " + UserNameSql.users("un") + " cross join lateral (select "
				+ (idsOnly ? "o.id" : "o.*") + where.from() + where.sql() + " and o.owner_id = un.id order by o.id"
				+ direction + " limit " + reach + ") o";
		String rows = idsOnly ? "select o.id, " + UserNameSql.sortKey("un") + " as sort_key" + byOwner
				: OpportunityRows.COLUMNS + ", " + UserNameSql.sortKey("un") + " as sort_key" + byOwner
						+ OpportunityRows.PROBABILITY;
		return "select " + (idsOnly ? "x.id" : "x.*") + " from (" + rows + ") x order by x.sort_key" + direction
				+ ", x.id" + direction;
	}

	/**
	 * The deals a KAM or a team may see, in three parts that do not overlap: the scope's
	 * owners' own deals, each owner's read along the owners' index as far as the page
	 * reaches; the deals others own on the scope's accounts, few (the partial index of
	 * decision 0074); and those on the accounts shared with the reader that neither holds
	 * (as the list's totals count them). The two small parts are read whole behind a
	 * fence (offset 0), as the books' are ({@link OpportunityBook}). The caller asks for
	 * the ids of a team's page, as of a director's ({@link #everyOwner}), unless a stage
	 * filters it (decision 0082).
	 * @param conditions the query's conditions without the reader's scope, starting with
	 * {@code where}
	 * @param reach how far into each part the page reaches: a number, or a parameter
	 * @param idsOnly whether the statement answers the page's ids rather than its rows
	 */
	static OpportunityBook.Page scoped(RecordScope scope, OpportunityRows.Where conditions, boolean descending,
			String reach, boolean idsOnly) {
		String direction = descending ? " desc" : " asc";
		AccountScopeSql shared = AccountScopeSql.sharedWith(scope, "o.account_id");
		Map<String, Object> params = OpportunityBook.scoped(scope, conditions, shared);
		String key = UserNameSql.sortKey("un");
		String order = " order by " + key + direction + ", o.id" + direction + " limit " + reach;
		String rows = idsOnly ? "" : OpportunityRows.PROBABILITY;
		String own = " from unnest(cast(:ownersRead as bigint array)) b (owner_id) join " + UserNameSql.users("un")
				+ " on un.id = b.owner_id cross join lateral (select " + (idsOnly ? "o.id" : "o.*") + conditions.from()
				+ conditions.sql() + " and o.owner_id = b.owner_id order by o.id" + direction + " limit " + reach
				+ ") o" + rows;
		String othersOnOwn = fenced(conditions, OpportunityBook.othersOnOwnedAccounts(":ownersInScope"), rows);
		String onShared = fenced(conditions, OpportunityBook.onSharedAccounts(shared, ":ownersInScope"), rows);
		String columns = idsOnly ? "select o.id" : OpportunityRows.COLUMNS;
		String parts = List.of(own, othersOnOwn, onShared)
			.stream()
			.map((from) -> "(" + columns + ", " + key + " as sort_key" + from + order + ")")
			.collect(Collectors.joining(" union all "));
		return new OpportunityBook.Page("select " + (idsOnly ? "x.id" : "x.*") + " from (" + parts
				+ ") x order by x.sort_key" + direction + ", x.id" + direction, params, idsOnly);
	}

	/**
	 * The deals meeting the condition and the query's, read whole, with their owners.
	 * @param rows the join the page's rows need, or none for their ids
	 */
	private static String fenced(OpportunityRows.Where conditions, String condition, String rows) {
		return " from (select o.*" + conditions.from() + " where " + condition + " offset 0) o" + rows
				+ UserNameSql.join("un", "o.owner_id") + conditions.sql();
	}

}
