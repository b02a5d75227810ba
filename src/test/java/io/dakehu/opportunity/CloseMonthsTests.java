package io.dakehu.opportunity;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A close period split into the whole months the tallies answer and the days at its ends
 * the deals answer: every day of the period in exactly one of them.
 */
class CloseMonthsTests {

	@Test
	void aPeriodOfWholeMonthsHasNoDaysAtItsEnds() {
		CloseMonths months = CloseMonths.within(day("2026-03-01"), day("2026-05-31"));
		assertThat(months).isEqualTo(new CloseMonths(day("2026-03-01"), day("2026-06-01")));
		assertThat(months.head(day("2026-03-01"))).isNull();
		assertThat(months.tail(day("2026-05-31"))).isNull();
	}

	@Test
	void daysBeforeTheFirstWholeMonthAndAfterTheLastAreItsEnds() {
		CloseMonths months = CloseMonths.within(day("2026-03-10"), day("2026-05-30"));
		assertThat(months).isEqualTo(new CloseMonths(day("2026-04-01"), day("2026-05-01")));
		assertThat(months.head(day("2026-03-10")))
			.isEqualTo(new CloseMonths.Days(day("2026-03-10"), day("2026-03-31")));
		assertThat(months.tail(day("2026-05-30")))
			.isEqualTo(new CloseMonths.Days(day("2026-05-01"), day("2026-05-30")));
	}

	@Test
	void aMonthEndsOnItsLastDayInALeapYearToo() {
		assertThat(CloseMonths.within(day("2028-02-01"), day("2028-02-29")))
			.isEqualTo(new CloseMonths(day("2028-02-01"), day("2028-03-01")));
		CloseMonths notWhole = CloseMonths.within(day("2028-01-01"), day("2028-02-28"));
		assertThat(notWhole).isEqualTo(new CloseMonths(day("2028-01-01"), day("2028-02-01")));
		assertThat(notWhole.tail(day("2028-02-28")))
			.isEqualTo(new CloseMonths.Days(day("2028-02-01"), day("2028-02-28")));
	}

	@Test
	void aPeriodWithoutAWholeMonthIsReadFromTheDeals() {
		assertThat(CloseMonths.within(day("2026-03-16"), day("2026-04-20"))).isNull();
		assertThat(CloseMonths.within(day("2026-03-02"), day("2026-03-31"))).isNull();
		assertThat(CloseMonths.within(day("2026-03-01"), day("2026-03-30"))).isNull();
		assertThat(CloseMonths.within(day("2026-05-01"), day("2026-04-01"))).isNull();
		assertThat(CloseMonths.within(null, null)).isNull();
	}

	@Test
	void aPeriodOpenAtOneEndHasWholeMonthsWithoutEndOnThatSide() {
		CloseMonths from = CloseMonths.within(day("2026-04-02"), null);
		assertThat(from).isEqualTo(new CloseMonths(day("2026-05-01"), null));
		assertThat(from.head(day("2026-04-02"))).isEqualTo(new CloseMonths.Days(day("2026-04-02"), day("2026-04-30")));
		assertThat(from.tail(null)).isNull();
		CloseMonths to = CloseMonths.within(null, day("2026-04-15"));
		assertThat(to).isEqualTo(new CloseMonths(null, day("2026-04-01")));
		assertThat(to.head(null)).isNull();
		assertThat(to.tail(day("2026-04-15"))).isEqualTo(new CloseMonths.Days(day("2026-04-01"), day("2026-04-15")));
	}

	@Test
	void datesNoMonthArithmeticReachesAreReadFromTheDeals() {
		assertThat(CloseMonths.within(LocalDate.MIN, day("2026-04-15"))).isNull();
		assertThat(CloseMonths.within(day("2026-04-01"), LocalDate.MAX)).isNull();
	}

	@Test
	void everyDayOfAPeriodIsInOnePartExactly() {
		LocalDate start = day("2025-12-20");
		for (int a = 0; a < 80; a += 3) {
			for (int b = a; b < 120; b += 7) {
				LocalDate from = start.plusDays(a);
				LocalDate to = start.plusDays(b);
				CloseMonths months = CloseMonths.within(from, to);
				for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
					int parts = 0;
					if (months == null) {
						parts = 1;
					}
					else {
						LocalDate month = day.withDayOfMonth(1);
						parts += (!month.isBefore(months.first()) && month.isBefore(months.end())) ? 1 : 0;
						parts += in(months.head(from), day) + in(months.tail(to), day);
					}
					assertThat(parts).as(from + " to " + to + ": " + day).isEqualTo(1);
				}
				if (months != null) {
					assertThat(months.first().getDayOfMonth()).isEqualTo(1);
					assertThat(months.end().getDayOfMonth()).isEqualTo(1);
					assertThat(months.end().minusDays(1)).isBeforeOrEqualTo(to);
					assertThat(months.first()).isAfterOrEqualTo(from);
				}
			}
		}
	}

	private static int in(CloseMonths.Days days, LocalDate day) {
		return (days != null && !day.isBefore(days.from()) && !day.isAfter(days.to())) ? 1 : 0;
	}

	private static LocalDate day(String iso) {
		return LocalDate.parse(iso);
	}

}
