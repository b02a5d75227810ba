package io.dakehu.scorecard;

import java.util.ArrayList;
import java.util.List;

/**
 * One owner's accounts due a credit rating this quarter, as remembered for the due list:
 * the first key accounts and the first others (each by name, at most
 * {@link CreditLists#MOST_DUE}) and how many of each there are. A due list of several
 * books takes every book's key accounts, by owner, then every book's others: the list's
 * order (key accounts first, then by owner and name).
 */
record DueBook(List<Row> keyAccounts, long keyCount, List<Row> others, long otherCount) {

	static final DueBook NONE = new DueBook(List.of(), 0, List.of(), 0);

	/** What a due book weighs in memory: a row each, at least one. */
	int weight() {
		return 1 + this.keyAccounts.size() + this.others.size();
	}

	/**
	 * An account due, with its latest earlier rating (null when never rated).
	 */
	record Row(long accountId, String accountName, long ownerId, boolean keyAccount, String lastQuarter,
			String lastGrade) {
	}

	/** Gathers a book's rows in order, with the count of each kind. */
	static final class Builder {

		private final List<Row> keyAccounts = new ArrayList<>();

		private final List<Row> others = new ArrayList<>();

		private long keyCount;

		private long otherCount;

		void add(Row row, long countOfKind) {
			if (row.keyAccount()) {
				this.keyAccounts.add(row);
				this.keyCount = countOfKind;
			}
			else {
				this.others.add(row);
				this.otherCount = countOfKind;
			}
		}

		DueBook build() {
			return new DueBook(List.copyOf(this.keyAccounts), this.keyCount, List.copyOf(this.others), this.otherCount);
		}

	}

}
