package io.dakehu.opportunity;

import java.util.Locale;

/**
 * The order of the opportunity list, read from the query string as the account list reads
 * it: {@code sort=amount} ascending, {@code sort=-amount} (or {@code amount,desc})
 * descending. Rows that tie keep the order of their ids, so pages never overlap.
 */
public record OpportunitySort(Column column, boolean descending) {

	/** What the list sorts by when nothing (or something unknown) is asked for. */
	public static final OpportunitySort DEFAULT = new OpportunitySort(Column.EXPECTED, false);

	/**
	 * The columns the list sorts on; {@code EXPECTED} is the close date, or the expected
	 * close date while open, the date the list shows.
	 */
	public enum Column {

		NAME, ACCOUNT, STAGE, AMOUNT, EXPECTED, OWNER, UPDATED;

		String parameter() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * @return {@link #DEFAULT} for null, blank or an unknown column
	 */
	public static OpportunitySort parse(String text) {
		if (text == null || text.isBlank()) {
			return DEFAULT;
		}
		String column = text.strip();
		boolean descending = false;
		if (column.startsWith("-")) {
			descending = true;
			column = column.substring(1);
		}
		if (column.endsWith(",desc")) {
			descending = true;
			column = column.substring(0, column.length() - 5);
		}
		else if (column.endsWith(",asc")) {
			column = column.substring(0, column.length() - 4);
		}
		for (Column candidate : Column.values()) {
			if (candidate.parameter().equalsIgnoreCase(column)) {
				return new OpportunitySort(candidate, descending);
			}
		}
		return DEFAULT;
	}

	/** The query string value: {@code amount} or {@code -amount}. */
	public String parameter() {
		return (this.descending ? "-" : "") + this.column.parameter();
	}

	/**
	 * The value a column header links to: this column ascending, or descending when the
	 * list is sorted ascending on it already.
	 */
	public String toggle(String column) {
		OpportunitySort asked = parse(column);
		return (asked.column == this.column && !this.descending) ? "-" + asked.column.parameter()
				: asked.column.parameter();
	}

}
