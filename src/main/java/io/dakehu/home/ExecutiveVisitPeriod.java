package io.dakehu.home;

import java.time.LocalDate;

/**
 * The period in which a tier's executive visits (高层主管拜访, DOMAIN.md §10.1) fall due: the
 * year cut into as many equal runs of months as the service level asks visits per year (4
 * a year is each calendar quarter). A key account is due when no executive visited it
 * since the period began, and has until the period's last day.
 *
 * @param from the period's first day
 * @param to the period's last day
 */
record ExecutiveVisitPeriod(LocalDate from, LocalDate to) {

	/**
	 * The period holding {@code today}; null when the level asks no executive visits.
	 * More than twelve a year still make a period of one month.
	 */
	static ExecutiveVisitPeriod of(LocalDate today, int visitsPerYear) {
		if (visitsPerYear <= 0) {
			return null;
		}
		int months = Math.max(1, 12 / Math.min(visitsPerYear, 12));
		int index = (today.getMonthValue() - 1) / months;
		LocalDate from = LocalDate.of(today.getYear(), index * months + 1, 1);
		LocalDate to = from.plusMonths(months).minusDays(1);
		// A count that does not divide twelve leaves a short last period to the year's
		// end.
		if (to.getYear() > today.getYear() || index == 12 / months - 1) {
			to = LocalDate.of(today.getYear(), 12, 31);
		}
		return new ExecutiveVisitPeriod(from, to);
	}

	/** Whether an account whose latest executive visit was on {@code last} is due. */
	boolean due(LocalDate last) {
		return last == null || last.isBefore(this.from);
	}

}
