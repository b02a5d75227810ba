package io.dakehu.account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A page of a team's account list read member by member and merged (decision 0076,
 * PostgreSQL): each member's accounts along their range of the order's index, as far as
 * the page reaches, the accounts shared with the reader apart, then the page taken from
 * the few rows read. Walked as one along the company's index, a team's page skipped the
 * other owners' accounts and the team's accounts the filters leave out: at a million
 * accounts and a team of ten, 550 rows for a page in name order and 6,000 for a filter
 * one member's accounts meet, read by creation.
 *
 * @param columns the select list up to {@code from account a}, the order's value named
 * {@code sort_key}, and every column the conditions name among the columns
 * @param archived the archived state the list shows, or null for both
 * @param where the list's conditions on the account's columns, each {@code and a.…}
 * @param order the list's order by, on {@code a}
 * @param direction the order's direction, {@code " asc"} or {@code " desc"}
 * @param reach how many rows the page reaches (its offset and size)
 * @param shared whether accounts are shared with the reader (named in
 * {@code :scopeShared}) besides the team's own ({@code :scopeOwners})
 */
record TeamPage(String columns, Boolean archived, String where, String order, String direction, long reach,
		boolean shared) {

	/**
	 * The page's statement, with the members' parameters put into {@code params}.
	 */
	String sql(Members members, Map<String, Object> params) {
		List<String> parts = new ArrayList<>();
		if (!members.walked().isEmpty()) {
			// The filters are applied outside the member's walk ("offset 0" keeps them
			// there): inside it PostgreSQL, which guesses a filter's matches in a range
			// from the filter and the owner alone, read a member's every match through
			// the filter's index and sorted them (3,334 rows for 20 where all the
			// member's accounts are in the industry).
			String walk = this.columns + " where a.merged_into is null and a.owner_id = o.id"
					+ ((this.archived != null) ? " and a.archived = " + this.archived : "") + this.order + " offset 0";
			parts.add("select x.* from unnest(cast(:teamWalked as bigint array)) o (id) cross join lateral ("
					+ "select * from (" + walk + ") w where true" + this.where.replace(" a.", " w.") + " limit "
					+ this.reach + ") x");
			params.put("teamWalked", members.walked().toArray(Long[]::new));
		}
		if (!members.whole().isEmpty()) {
			parts.add(this.columns + " where a.merged_into is null and a.owner_id in (:teamWhole)" + this.where);
			params.put("teamWhole", members.whole());
		}
		if (this.shared) {
			parts.add(this.columns + " where a.merged_into is null and a.id in (:scopeShared)"
					+ " and a.owner_id not in (:scopeOwners)" + this.where + this.order + " limit " + this.reach);
		}
		return "select * from ((" + String.join(") union all (", parts) + ")) p order by p.sort_key" + this.direction
				+ ", p.id" + this.direction + " limit :limit offset :offset";
	}

	/**
	 * The members whose accounts are walked in the list's order, and those whose matches
	 * are read whole and sorted.
	 */
	record Members(List<Long> walked, List<Long> whole) {

		/** Every member walked: a list no filter narrows. */
		static Members walked(Collection<Long> owners) {
			return new Members(List.copyOf(owners), List.of());
		}

		/**
		 * The members holding matches, by how many: one holding more than the page
		 * reaches is walked, which ends soon where the matches are dense; the others' few
		 * matches are read whole, through the filter's index in the member's range where
		 * there is one (industry, region), instead of walking to the end of the member's
		 * range to find them.
		 */
		static Members holding(Map<Long, Long> matches, long reach) {
			List<Long> walked = new ArrayList<>();
			List<Long> whole = new ArrayList<>();
			matches.forEach((owner, count) -> ((count > reach) ? walked : whole).add(owner));
			return new Members(walked, whole);
		}

	}

}
