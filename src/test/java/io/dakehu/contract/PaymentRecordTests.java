package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credit rating's fulfilment indicators (§5 #6–#9) and DSO on a hand-made history,
 * each expected figure worked out here from the instalments below.
 */
class PaymentRecordTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

	/** Paid early in full: on time, no day late. */
	private static final PaymentRecord.Due EARLY = due("2026-01-31", "10000", "10000", "10000", "2026-01-20", null);

	/** 5,000 by the due date, the rest a month later: settled 30 days late. */
	private static final PaymentRecord.Due LATE = due("2026-03-31", "20000", "5000", "20000", "2026-04-30", null);

	/** Nothing paid, due a month ago: 30 days late so far. */
	private static final PaymentRecord.Due OWED = due("2026-05-31", "10000", "0", "0", null, null);

	/** Due today: not late yet, so not in #6 or #7. */
	private static final PaymentRecord.Due DUE_TODAY = due("2026-06-30", "50000", "0", "0", null, null);

	/**
	 * Fell due more than 4 quarters ago and was written off: a default, outside #6/#7.
	 */
	private static final PaymentRecord.Due WRITTEN_OFF = due("2025-05-31", "40000", "0", "0", null, "2025-09-30");

	/** Written off more than 3 years ago: no longer a default. */
	private static final PaymentRecord.Due OLD_DEFAULT = due("2023-01-31", "7000", "0", "0", null, "2023-05-01");

	private static final List<PaymentRecord.Due> HISTORY = List.of(EARLY, LATE, OWED, DUE_TODAY, WRITTEN_OFF,
			OLD_DEFAULT);

	@Test
	void onTimeRateIsTheShareOfTheAmountDuePaidByItsDueDate() {
		// (10,000 + 5,000 + 0) of (10,000 + 20,000 + 10,000) = 37.5 %
		assertThat(PaymentRecord.onTimeRate(HISTORY, TODAY)).isEqualByComparingTo("37.5");
	}

	@Test
	void averageDaysOverdueIsWeightedByAmount() {
		// (10,000 × 0 + 20,000 × 30 + 10,000 × 30) / 40,000 = 22.5 days
		assertThat(PaymentRecord.weightedDaysOverdue(HISTORY, TODAY)).isEqualByComparingTo("22.5");
	}

	@Test
	void aWrittenOffInstalmentIsLateUntilItsWriteOff() {
		LocalDate today = LocalDate.of(2025, 12, 31);
		// Due 2025-05-31, written off 2025-09-30: 122 days late, nothing paid on time.
		assertThat(PaymentRecord.weightedDaysOverdue(List.of(WRITTEN_OFF), today)).isEqualByComparingTo("122");
		assertThat(PaymentRecord.onTimeRate(List.of(WRITTEN_OFF), today)).isEqualByComparingTo("0");
	}

	@Test
	void withoutAnyAmountDueTheRatesAreUnknownNotPerfect() {
		assertThat(PaymentRecord.onTimeRate(List.of(DUE_TODAY), TODAY)).isNull();
		assertThat(PaymentRecord.weightedDaysOverdue(List.of(), TODAY)).isNull();
		assertThat(PaymentRecord.dso(List.of(), TODAY)).isNull();
	}

	@Test
	void defaultsCountWriteOffsInThreeYears() {
		assertThat(PaymentRecord.defaults(HISTORY, TODAY)).isEqualTo(1);
		assertThat(PaymentRecord.defaults(HISTORY, LocalDate.of(2026, 4, 30))).as("2023-05-01 is still in")
			.isEqualTo(2);
	}

	@Test
	void fulfilmentRateIsTheShareOfEndedContractsCompleted() {
		assertThat(PaymentRecord.fulfilmentRate(3, 1)).isEqualByComparingTo("75.0");
		assertThat(PaymentRecord.fulfilmentRate(2, 1)).isEqualByComparingTo("66.7");
		assertThat(PaymentRecord.fulfilmentRate(0, 0)).isNull();
	}

	@Test
	void dsoIsWhatIsOwedOnDueInstalmentsAgainstAYearOfAmountsFallenDue() {
		// Owed: 10,000 + 50,000 (due today); fell due in the year: 10,000 + 20,000 +
		// 10,000 + 50,000 = 90,000; 60,000 × 365 / 90,000 = 243.3 days.
		assertThat(PaymentRecord.dso(HISTORY, TODAY)).isEqualByComparingTo("243.3");
	}

	private static PaymentRecord.Due due(String dueDate, String amount, String paidByDue, String paid, String settledOn,
			String writtenOffOn) {
		return new PaymentRecord.Due(LocalDate.parse(dueDate), new BigDecimal(amount), new BigDecimal(paidByDue),
				new BigDecimal(paid), (settledOn != null) ? LocalDate.parse(settledOn) : null,
				(writtenOffOn != null) ? LocalDate.parse(writtenOffOn) : null);
	}

}
