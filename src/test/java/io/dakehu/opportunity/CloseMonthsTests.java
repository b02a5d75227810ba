package io.dakehu.opportunity;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A close period as months the tallies answer, days added and days taken away: every day
 * of the period counts once and every other day not at all, and each end reads the
 * smaller side of its month.
 */
class CloseMonthsTests {

	@Test
	void aPeriodOfWholeMonthsIsTheMonthsAlone() {
		assertThat(CloseMonths.within(day("2026-03-01"), day("2026-05-31")))
			.isEqualTo(months("2026-03-01", "2026-06-01"));
		assertThat(CloseMonths.within(day("2028-02-01"), day("2028-02-29")))
			.isEqualTo(months("2028-02-01", "2028-03-01"));
	}

	@Test
	void anEndWithFewDaysInThePeriodAddsThem() {
		CloseMonths months = CloseMonths.within(day("2026-03-25"), day("2026-05-05"));
		assertThat(months.first()).isEqualTo(day("2026-04-01"));
		assertThat(months.end()).isEqualTo(day("2026-05-01"));
		assertThat(months.added()).containsExactly(days("2026-03-25", "2026-03-31"), days("2026-05-01", "2026-05-05"));
		assertThat(months.taken()).isEmpty();
	}

	@Test
	void anEndWithMostDaysInThePeriodTakesTheOthersAway() {
		CloseMonths months = CloseMonths.within(day("2026-03-10"), day("2026-05-30"));
		assertThat(months.first()).isEqualTo(day("2026-03-01"));
		assertThat(months.end()).isEqualTo(day("2026-06-01"));
		assertThat(months.added()).isEmpty();
		assertThat(months.taken()).containsExactly(days("2026-03-01", "2026-03-09"), days("2026-05-31", "2026-05-31"));
	}

	@Test
	void mostOfOneMonthIsTheMonthLessTheOtherDays() {
		CloseMonths months = CloseMonths.within(day("2026-04-02"), day("2026-04-28"));
		assertThat(months.first()).isEqualTo(day("2026-04-01"));
		assertThat(months.end()).isEqualTo(day("2026-05-01"));
		assertThat(months.taken()).containsExactly(days("2026-04-01", "2026-04-01"), days("2026-04-29", "2026-04-30"));
	}

	@Test
	void aPeriodItsDealsAnswerAsCheaplyIsReadFromThem() {
		assertThat(CloseMonths.within(day("2026-04-10"), day("2026-04-20"))).isNull();
		assertThat(CloseMonths.within(day("2026-03-20"), day("2026-04-10"))).isNull();
		assertThat(CloseMonths.within(day("2026-05-01"), day("2026-04-01"))).isNull();
		assertThat(CloseMonths.within(null, null)).isNull();
		assertThat(CloseMonths.within(LocalDate.MIN, day("2026-04-15"))).isNull();
		assertThat(CloseMonths.within(day("2026-04-01"), LocalDate.MAX)).isNull();
	}

	@Test
	void aPeriodOpenAtOneEndHasNoEndOnThatSide() {
		CloseMonths from = CloseMonths.within(day("2026-04-02"), null);
		assertThat(from.first()).isEqualTo(day("2026-04-01"));
		assertThat(from.end()).isNull();
		assertThat(from.taken()).containsExactly(days("2026-04-01", "2026-04-01"));
		CloseMonths to = CloseMonths.within(null, day("2026-04-15"));
		assertThat(to.first()).isNull();
		assertThat(to.end()).isEqualTo(day("2026-04-01"));
		assertThat(to.added()).containsExactly(days("2026-04-01", "2026-04-15"));
	}

	/**
	 * Every period between two days of a year and a half, at both ends and open at
	 * either: each day of it counted once, each other day around it not at all, and at
	 * most half a month read at each end.
	 */
	@Test
	void everyDayOfAPeriodCountsOnceAndNoOtherDayCounts() {
		LocalDate start = day("2025-12-01");
		for (int a = -1; a < 400; a += 5) {
			for (int b = Math.max(a, 0); b <= 460; b += 11) {
				LocalDate from = (a < 0) ? null : start.plusDays(a);
				LocalDate to = (b == 460) ? null : start.plusDays(b);
				CloseMonths months = CloseMonths.within(from, to);
				if (months == null) {
					continue;
				}
				long read = 0;
				for (CloseMonths.Days days : months.added()) {
					read += ChronoUnit.DAYS.between(days.from(), days.to()) + 1;
				}
				for (CloseMonths.Days days : months.taken()) {
					read += ChronoUnit.DAYS.between(days.from(), days.to()) + 1;
				}
				assertThat(read).as(from + " to " + to + ": days read").isLessThanOrEqualTo(31);
				for (LocalDate day = start.minusDays(40); day.isBefore(start.plusDays(520)); day = day.plusDays(1)) {
					LocalDate month = day.withDayOfMonth(1);
					boolean inMonths = (months.first() == null || !month.isBefore(months.first()))
							&& (months.end() == null || month.isBefore(months.end()));
					int counted = (inMonths ? 1 : 0) + within(months.added(), day) - within(months.taken(), day);
					boolean inPeriod = (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
					assertThat(counted).as(from + " to " + to + ": " + day).isEqualTo(inPeriod ? 1 : 0);
				}
			}
		}
	}

	private static int within(List<CloseMonths.Days> list, LocalDate day) {
		return (int) list.stream().filter((days) -> !day.isBefore(days.from()) && !day.isAfter(days.to())).count();
	}

	private static CloseMonths months(String first, String end) {
		return new CloseMonths(day(first), day(end), List.of(), List.of());
	}

	private static CloseMonths.Days days(String from, String to) {
		return new CloseMonths.Days(day(from), day(to));
	}

	private static LocalDate day(String iso) {
		return LocalDate.parse(iso);
	}

}
