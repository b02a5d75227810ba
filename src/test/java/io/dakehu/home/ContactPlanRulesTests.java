package io.dakehu.home;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import io.dakehu.activity.ActivityType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact plan's date rules without Spring, on days fixed by a test clock: the
 * executive visit's period per service level, the days birthdays and anniversaries are
 * looked for, and which activity types count as contact.
 */
class ContactPlanRulesTests {

	private static LocalDate on(String instant) {
		return LocalDate.now(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
	}

	@Test
	void fourVisitsAYearAreDueEachCalendarQuarter() {
		LocalDate today = on("2026-11-20T08:00:00Z");
		ExecutiveVisitPeriod period = ExecutiveVisitPeriod.of(today, 4);
		assertThat(period.from()).isEqualTo(LocalDate.of(2026, 10, 1));
		assertThat(period.to()).isEqualTo(LocalDate.of(2026, 12, 31));
		assertThat(period.due(null)).isTrue();
		assertThat(period.due(LocalDate.of(2026, 9, 30))).isTrue();
		assertThat(period.due(LocalDate.of(2026, 10, 1))).isFalse();

		ExecutiveVisitPeriod first = ExecutiveVisitPeriod.of(on("2026-02-14T08:00:00Z"), 4);
		assertThat(first.from()).isEqualTo(LocalDate.of(2026, 1, 1));
		assertThat(first.to()).isEqualTo(LocalDate.of(2026, 3, 31));
	}

	@Test
	void otherFrequenciesCutTheYearInEqualRunsAndNoneAsksNothing() {
		LocalDate today = on("2026-08-03T08:00:00Z");
		ExecutiveVisitPeriod twice = ExecutiveVisitPeriod.of(today, 2);
		assertThat(twice.from()).isEqualTo(LocalDate.of(2026, 7, 1));
		assertThat(twice.to()).isEqualTo(LocalDate.of(2026, 12, 31));
		ExecutiveVisitPeriod monthly = ExecutiveVisitPeriod.of(today, 12);
		assertThat(monthly.from()).isEqualTo(LocalDate.of(2026, 8, 1));
		assertThat(monthly.to()).isEqualTo(LocalDate.of(2026, 8, 31));
		// Five a year: periods of two months, the last running to the year's end.
		assertThat(ExecutiveVisitPeriod.of(on("2026-12-10T08:00:00Z"), 5).from()).isEqualTo(LocalDate.of(2026, 11, 1));
		assertThat(ExecutiveVisitPeriod.of(today, 0)).isNull();
	}

	@Test
	void occasionsAreLookedForFromTodayAcrossTheYearsEnd() {
		LocalDate today = on("2026-12-25T08:00:00Z");
		Map<Integer, LocalDate> days = ContactPlan.upcomingDays(today, ContactPlan.OCCASION_DAYS);
		assertThat(days).hasSize(ContactPlan.OCCASION_DAYS + 1)
			.containsEntry(1225, today)
			.containsEntry(1231, LocalDate.of(2026, 12, 31))
			.containsEntry(108, LocalDate.of(2027, 1, 8))
			.doesNotContainKey(1224)
			.doesNotContainKey(109);
	}

	@Test
	void aBirthdayOnTheTwentyNinthOfFebruaryFallsOnTheTwentyEighthOutsideALeapYear() {
		Map<Integer, LocalDate> plain = ContactPlan.upcomingDays(on("2027-02-20T08:00:00Z"), 14);
		assertThat(plain).containsEntry(229, LocalDate.of(2027, 2, 28)).containsEntry(228, LocalDate.of(2027, 2, 28));
		Map<Integer, LocalDate> leap = ContactPlan.upcomingDays(on("2028-02-20T08:00:00Z"), 14);
		assertThat(leap).containsEntry(229, LocalDate.of(2028, 2, 29));
	}

	@Test
	void everyActivityTypeOfTheSourcesIsAContact() {
		assertThat(ActivityType.contactCodes()).containsExactly("VISIT", "PHONE", "MESSAGE", "LETTER", "GIFT",
				"INFORMATION", "HOSTING", "GREETING", "MEETING");
	}

}
