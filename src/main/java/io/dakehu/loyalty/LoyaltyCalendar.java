package io.dakehu.loyalty;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** A month of planned loyalty actions, as weeks of seven days from Monday. */
public record LoyaltyCalendar(YearMonth month, List<List<Day>> weeks) {

	/**
	 * @param inMonth false for the days of the months before and after shown to fill a
	 * week
	 */
	public record Day(LocalDate date, boolean inMonth, boolean today, List<LoyaltyActionView> actions) {
	}

}
