package io.dakehu.shared;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The grid of a month calendar: Monday-first weeks covering the whole month, the days of
 * the months around it included to fill the first and last week. The contact plan's and
 * the loyalty actions' calendars lay out their days on it.
 */
public final class MonthGrid {

	private MonthGrid() {
	}

	/** The Monday on or before the month's first day: the grid's first day. */
	public static LocalDate start(YearMonth month) {
		return month.atDay(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}

	/** The Sunday on or after the month's last day: the grid's last day. */
	public static LocalDate end(YearMonth month) {
		return month.atEndOfMonth().with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
	}

	/**
	 * The grid's weeks, each of seven days made by {@code day} from the date and whether
	 * it falls in the month.
	 */
	public static <D> List<List<D>> weeks(YearMonth month, BiFunction<LocalDate, Boolean, D> day) {
		List<List<D>> weeks = new ArrayList<>();
		LocalDate end = end(month);
		for (LocalDate date = start(month); !date.isAfter(end); date = date.plusDays(1)) {
			if (date.getDayOfWeek() == DayOfWeek.MONDAY) {
				weeks.add(new ArrayList<>());
			}
			weeks.get(weeks.size() - 1).add(day.apply(date, YearMonth.from(date).equals(month)));
		}
		return weeks;
	}

}
