package io.dakehu.opportunity;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
	 * The date a deal counts in a close period: its close date, else the expected one
	 * ({@link OpportunityView#periodDate}); the key of the period's indexes.
	 */
	static final String CLOSES = "coalesce(o.close_date, o.expected_close_date)";

	/** {@link #CLOSES} for one deal. */
	static LocalDate closes(LocalDate closeDate, LocalDate expectedCloseDate) {
		return (closeDate != null) ? closeDate : expectedCloseDate;
	}

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
			return new CloseMonths(month, month.plusMonths(1), List.of(), List.copyOf(taken));
		}
		List<Days> added = new ArrayList<>();
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

	/**
	 * The deals closing in the days the months do not answer, as parts to add to the
	 * tallies' rows: the days added counted as they are, the days taken away with their
	 * count and amount negated, each read along the close period's index. Each run of
	 * days is bound under its own names, as all are parts of one statement.
	 * @param columns the columns of the deals {@code o} each part is grouped by, before
	 * its count and amount
	 * @param conditions the other conditions on the deals, each after {@code and}
	 * @param params the conditions' parameters
	 */
	List<StageSum.Part> days(String columns, String conditions, Map<String, Object> params) {
		List<StageSum.Part> parts = new ArrayList<>();
		List<Days> days = new ArrayList<>(this.added);
		days.addAll(this.taken);
		for (int i = 0; i < days.size(); i++) {
			String name = "closing" + i;
			Map<String, Object> bound = new HashMap<>(params);
			bound.put(name + "From", days.get(i).from());
			bound.put(name + "To", days.get(i).to());
			String sign = (i < this.added.size()) ? "" : "-";
			parts.add(new StageSum.Part(
					"select " + columns + ", " + sign + "count(*) as opportunities, " + sign
							+ "coalesce(sum(o.amount), 0) as amount from opportunity o where " + CLOSES + " >= :" + name
							+ "From and " + CLOSES + " <= :" + name + "To" + conditions + " group by " + columns,
					bound));
		}
		return parts;
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
