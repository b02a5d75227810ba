package io.dakehu.contract;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How far past due an outstanding amount is (DOMAIN.md §12): not yet due (due today or
 * later), 1–30, 31–60, 61–90 or more than 90 days overdue.
 */
public enum AgingBucket {

	NOT_DUE, DAYS_1_TO_30, DAYS_31_TO_60, DAYS_61_TO_90, OVER_90;

	/** The bucket of an amount due on {@code due}, seen on {@code today}. */
	public static AgingBucket of(LocalDate due, LocalDate today) {
		long late = ChronoUnit.DAYS.between(due, today);
		if (late <= 0) {
			return NOT_DUE;
		}
		if (late <= 30) {
			return DAYS_1_TO_30;
		}
		if (late <= 60) {
			return DAYS_31_TO_60;
		}
		return (late <= 90) ? DAYS_61_TO_90 : OVER_90;
	}

	/**
	 * The earliest due date still in this bucket on {@code today}; null for the open end.
	 * The SQL aging compares due dates with these bounds, so it agrees with {@link #of}.
	 */
	LocalDate earliestDue(LocalDate today) {
		return switch (this) {
			case NOT_DUE -> today;
			case DAYS_1_TO_30 -> today.minusDays(30);
			case DAYS_31_TO_60 -> today.minusDays(60);
			case DAYS_61_TO_90 -> today.minusDays(90);
			case OVER_90 -> null;
		};
	}

}
