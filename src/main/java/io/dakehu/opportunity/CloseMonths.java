package io.dakehu.opportunity;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A close period as the tallies per close month answer it (decision 0083): a run of
 * calendar months, from which the days at either end that lie outside the period are
 * taken away, plus days at either end outside those months added. Each end of the period
 * in the middle of a month reads whichever side of that month has fewer days: 3 March to
 * 31 May is April and May plus 3–31 March, but 25 March to 31 May is March, April and May
 * less 1–24 March. So a period's deals are read for at most half a month at each end,
 * whatever its length.
 *
 * @param first the first day of the first month; null when the period has no start
 * @param end the first day after the last month; null when the period has no end
 * @param added days outside the months whose deals count
 * @param taken days inside the months whose deals do not
 */
record CloseMonths(LocalDate first, LocalDate end, List<Days> added, List<Days> taken) {

	/**
	 * Past these years a period is read from the deals: the month arithmetic below would
	 * leave the dates a year can hold.
	 */
	private static final int LAST_YEAR = 9998;

	/**
	 * The months and days that make up a period.
	 * @param from the period's first day; null for none
	 * @param to the period's last day; null for none
	 * @return null when reading the period's deals reads no more than this would (a
	 * period within a month whose days are most of it excepted), or the period has
	 * neither end
	 */
	static CloseMonths within(LocalDate from, LocalDate to) {
		if ((from == null && to == null) || outOfRange(from) || outOfRange(to)
				|| (from != null && to != null && to.isBefore(from))) {
			return null;
		}
		List<Days> added = new ArrayList<>();
		List<Days> taken = new ArrayList<>();
		if (from != null && to != null && from.withDayOfMonth(1).equals(to.withDayOfMonth(1))) {
			// Within one month: the month less the days on either side, if they are
			// fewer.
			LocalDate month = from.withDayOfMonth(1);
			LocalDate last = month.plusMonths(1).minusDays(1);
			if (days(from, to) <= days(month, last) - days(from, to)) {
				return null;
			}
			addIfAny(taken, month, from.minusDays(1));
			addIfAny(taken, to.plusDays(1), last);
			return new CloseMonths(month, month.plusMonths(1), List.copyOf(added), List.copyOf(taken));
		}
		LocalDate first = from;
		if (from != null && from.getDayOfMonth() != 1) {
			LocalDate month = from.withDayOfMonth(1);
			LocalDate last = month.plusMonths(1).minusDays(1);
			if (days(month, from.minusDays(1)) < days(from, last)) {
				first = month;
				taken.add(new Days(month, from.minusDays(1)));
			}
			else {
				first = month.plusMonths(1);
				added.add(new Days(from, last));
			}
		}
		LocalDate end = (to != null) ? to.withDayOfMonth(1).plusMonths(1) : null;
		if (to != null && to.plusDays(1).getDayOfMonth() != 1) {
			LocalDate month = to.withDayOfMonth(1);
			LocalDate last = month.plusMonths(1).minusDays(1);
			if (days(to.plusDays(1), last) < days(month, to)) {
				taken.add(new Days(to.plusDays(1), last));
			}
			else {
				end = month;
				added.add(new Days(month, to));
			}
		}
		if (first != null && end != null && !first.isBefore(end)) {
			// Two partial months read whole: no month left for the tallies.
			return null;
		}
		return new CloseMonths(first, end, List.copyOf(added), List.copyOf(taken));
	}

	private static boolean outOfRange(LocalDate date) {
		return date != null && (date.getYear() < 1 || date.getYear() > LAST_YEAR);
	}

	private static long days(LocalDate from, LocalDate to) {
		return ChronoUnit.DAYS.between(from, to) + 1;
	}

	private static void addIfAny(List<Days> list, LocalDate from, LocalDate to) {
		if (!to.isBefore(from)) {
			list.add(new Days(from, to));
		}
	}

	/** Days from one to another, both included. */
	record Days(LocalDate from, LocalDate to) {
	}

}
