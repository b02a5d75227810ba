package io.dakehu.contract;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aging buckets at their day boundaries, seen on a fixed day, and the due-date bounds
 * the SQL aging compares with, which must put each day in the same bucket.
 */
class AgingBucketTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

	@ParameterizedTest
	@CsvSource({ "-10, NOT_DUE", "0, NOT_DUE", "1, DAYS_1_TO_30", "30, DAYS_1_TO_30", "31, DAYS_31_TO_60",
			"60, DAYS_31_TO_60", "61, DAYS_61_TO_90", "90, DAYS_61_TO_90", "91, OVER_90", "400, OVER_90" })
	void anAmountIsAgedByTheDaysSinceItsDueDate(int daysLate, AgingBucket expected) {
		LocalDate due = TODAY.minusDays(daysLate);
		assertThat(AgingBucket.of(due, TODAY)).isEqualTo(expected);
		assertThat(bySqlBounds(due)).as("the SQL bounds").isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "2024-02-29, 2024-03-30, DAYS_1_TO_30", "2024-02-29, 2024-03-31, DAYS_31_TO_60",
			"2025-12-31, 2026-01-01, DAYS_1_TO_30", "2025-12-31, 2026-03-31, DAYS_61_TO_90",
			"2025-12-31, 2026-04-01, OVER_90" })
	void boundariesCountCalendarDaysAcrossMonthsLeapDaysAndYears(LocalDate due, LocalDate today, AgingBucket expected) {
		assertThat(AgingBucket.of(due, today)).isEqualTo(expected);
	}

	/** The same comparisons as the aging query in {@link Receivables}. */
	private static AgingBucket bySqlBounds(LocalDate due) {
		if (!due.isBefore(AgingBucket.NOT_DUE.earliestDue(TODAY))) {
			return AgingBucket.NOT_DUE;
		}
		if (!due.isBefore(AgingBucket.DAYS_1_TO_30.earliestDue(TODAY))) {
			return AgingBucket.DAYS_1_TO_30;
		}
		if (!due.isBefore(AgingBucket.DAYS_31_TO_60.earliestDue(TODAY))) {
			return AgingBucket.DAYS_31_TO_60;
		}
		return !due.isBefore(AgingBucket.DAYS_61_TO_90.earliestDue(TODAY)) ? AgingBucket.DAYS_61_TO_90
				: AgingBucket.OVER_90;
	}

}
