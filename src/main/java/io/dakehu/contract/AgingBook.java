package io.dakehu.contract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the accounts of one book (an owner's, or those shared with a reader) owe on a day:
 * each account's name and aging, largest total first, the contracts' owners' sums and the
 * book's total — the parts an aging report adds up. An account is in one book only, so a
 * page of accounts across books is read from the first lines of each.
 */
record AgingBook(List<Line> accounts, Map<Long, Aging> byOwner, Aging total) {

	static final AgingBook EMPTY = new AgingBook(List.of(), Map.of(), Aging.NONE);

	/** Largest total first; the id settles ties, so pages do not overlap. */
	static final Comparator<Line> LARGEST_FIRST = Comparator.comparing(Line::total)
		.reversed()
		.thenComparingLong(Line::id);

	/**
	 * The book of these accounts' agings, one per account and contract owner.
	 * @param names the accounts' names by id
	 */
	static AgingBook of(Collection<Owed> owed, Map<Long, String> names) {
		Map<Long, Aging> byAccount = new HashMap<>();
		Map<Long, Aging> byOwner = new HashMap<>();
		Aging total = Aging.NONE;
		for (Owed row : owed) {
			byAccount.merge(row.accountId(), row.aging(), Aging::plus);
			byOwner.merge(row.ownerId(), row.aging(), Aging::plus);
			total = total.plus(row.aging());
		}
		List<Line> accounts = new ArrayList<>(byAccount.size());
		byAccount.forEach((id, aging) -> accounts.add(new Line(id, names.get(id), aging, aging.total())));
		accounts.sort(LARGEST_FIRST);
		return new AgingBook(List.copyOf(accounts), Map.copyOf(byOwner), total);
	}

	/** How much it weighs in memory, in accounts. */
	int weight() {
		return 1 + this.accounts.size();
	}

	/** What one account owes on the contracts of one owner. */
	record Owed(long accountId, long ownerId, Aging aging) {
	}

	/** An account's name and aging, with its total, which orders the lines. */
	record Line(long id, String name, Aging aging, BigDecimal total) {

		AgingRow row() {
			return new AgingRow(this.id, this.name, this.aging);
		}

	}

}
