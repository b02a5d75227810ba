package io.dakehu.opportunity;

import java.time.LocalDate;

/**
 * The whole calendar months a close period spans, which the tallies per close month
 * answer, and the days at either end of the period outside them, which only the deals can
 * (decision 0083). The period of 3 March to 31 May is April and May whole and 3–31 March;
 * 1 March to 31 May is three whole months and no days.
 *
 * @param first the first day of the first whole month; null when the period has no start
 * @param end the first day after the last whole month; null when the period has no end
 */
record CloseMonths(LocalDate first, LocalDate end) {

	/**
	 * Past these years a period is read from the deals: the month arithmetic below would
	 * leave the dates a year can hold.
	 */
	private static final int LAST_YEAR = 9998;

	/**
	 * The whole months within a period.
	 * @param from the period's first day; null for none
	 * @param to the period's last day; null for none
	 * @return null when no whole month lies within the period, or it has neither end
	 */
	static CloseMonths within(LocalDate from, LocalDate to) {
		if ((from == null && to == null) || outOfRange(from) || outOfRange(to)) {
			return null;
		}
		LocalDate first = (from == null || from.getDayOfMonth() == 1) ? from : from.withDayOfMonth(1).plusMonths(1);
		LocalDate end = (to == null) ? null : (to.getDayOfMonth() == to.lengthOfMonth())
				? to.withDayOfMonth(1).plusMonths(1) : to.withDayOfMonth(1);
		if (first != null && end != null && !first.isBefore(end)) {
			return null;
		}
		return new CloseMonths(first, end);
	}

	private static boolean outOfRange(LocalDate date) {
		return date != null && (date.getYear() < 1 || date.getYear() > LAST_YEAR);
	}

	/**
	 * The days from the period's start to the first whole month.
	 * @return null when the period starts on a month's first day, or has no start
	 */
	Days head(LocalDate from) {
		return (from != null && from.isBefore(this.first)) ? new Days(from, this.first.minusDays(1)) : null;
	}

	/**
	 * The days from the end of the last whole month to the period's end.
	 * @return null when the period ends on a month's last day, or has no end
	 */
	Days tail(LocalDate to) {
		return (to != null && !to.isBefore(this.end)) ? new Days(this.end, to) : null;
	}

	/** Days from one to another, both included. */
	record Days(LocalDate from, LocalDate to) {
	}

}
