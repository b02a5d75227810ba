package io.dakehu.contract;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The credit rating's fulfilment indicators (DOMAIN.md §5 #6–#9) and DSO as pure
 * functions of an account's instalment history, so each rule is tested on a hand-made
 * history. Instalments count for #6 and #7 when they fell due in the last 4 quarters (the
 * year before today, today excluded: what is due today is not late yet); defaults count
 * over 3 years.
 */
final class PaymentRecord {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private PaymentRecord() {
	}

	/**
	 * #6, the on-time payment rate: the share in percent of the amount that fell due
	 * which was paid by its due date; null without any amount due (a missing input).
	 */
	static BigDecimal onTimeRate(List<Due> history, LocalDate today) {
		BigDecimal due = BigDecimal.ZERO;
		BigDecimal onTime = BigDecimal.ZERO;
		for (Due instalment : inYear(history, today)) {
			due = due.add(instalment.amount());
			onTime = onTime.add(instalment.paidByDue().min(instalment.amount()));
		}
		return (due.signum() > 0) ? onTime.multiply(HUNDRED).divide(due, 1, RoundingMode.HALF_UP) : null;
	}

	/**
	 * #7, the average days overdue weighted by amount: each instalment that fell due is
	 * late from its due date until it was settled, written off, or today if still owed;
	 * null without any amount due.
	 */
	static BigDecimal weightedDaysOverdue(List<Due> history, LocalDate today) {
		BigDecimal due = BigDecimal.ZERO;
		BigDecimal weighted = BigDecimal.ZERO;
		for (Due instalment : inYear(history, today)) {
			LocalDate until = (instalment.settledOn() != null) ? instalment.settledOn()
					: (instalment.writtenOffOn() != null) ? instalment.writtenOffOn() : today;
			long late = Math.max(0, ChronoUnit.DAYS.between(instalment.dueDate(), until));
			due = due.add(instalment.amount());
			weighted = weighted.add(instalment.amount().multiply(BigDecimal.valueOf(late)));
		}
		return (due.signum() > 0) ? weighted.divide(due, 1, RoundingMode.HALF_UP) : null;
	}

	/** #9, instalments written off in the last 3 years. */
	static int defaults(List<Due> history, LocalDate today) {
		LocalDate since = today.minusYears(3);
		return (int) history.stream()
			.filter((instalment) -> instalment.writtenOffOn() != null && !instalment.writtenOffOn().isBefore(since))
			.count();
	}

	/**
	 * #8, the contract fulfilment rate: of the contracts that ended in the last 3 years,
	 * the share in percent completed rather than terminated; null when none ended.
	 */
	static BigDecimal fulfilmentRate(int completed, int terminated) {
		int ended = completed + terminated;
		return (ended > 0) ? BigDecimal.valueOf(completed)
			.multiply(HUNDRED)
			.divide(BigDecimal.valueOf(ended), 1, RoundingMode.HALF_UP) : null;
	}

	/**
	 * Days sales outstanding: what is owed on instalments already due, against what fell
	 * due in the last 365 days, times 365; null when nothing fell due.
	 */
	static BigDecimal dso(List<Due> history, LocalDate today) {
		BigDecimal owed = BigDecimal.ZERO;
		BigDecimal billed = BigDecimal.ZERO;
		LocalDate since = today.minusDays(365);
		for (Due instalment : history) {
			if (instalment.dueDate().isAfter(today)) {
				continue;
			}
			if (instalment.writtenOffOn() == null) {
				owed = owed.add(instalment.amount().subtract(instalment.paid()).max(BigDecimal.ZERO));
			}
			if (instalment.dueDate().isAfter(since)) {
				billed = billed.add(instalment.amount());
			}
		}
		return (billed.signum() > 0) ? owed.multiply(BigDecimal.valueOf(365)).divide(billed, 1, RoundingMode.HALF_UP)
				: null;
	}

	private static List<Due> inYear(List<Due> history, LocalDate today) {
		LocalDate since = today.minusYears(1);
		return history.stream()
			.filter((instalment) -> instalment.dueDate().isBefore(today) && !instalment.dueDate().isBefore(since))
			.toList();
	}

	/**
	 * One instalment's history.
	 *
	 * @param paidByDue what receipts dated on or before the due date paid of it
	 * @param paid what all receipts paid of it
	 * @param settledOn the date of the receipt that paid it in full, null while owed
	 */
	record Due(LocalDate dueDate, BigDecimal amount, BigDecimal paidByDue, BigDecimal paid, LocalDate settledOn,
			LocalDate writtenOffOn) {
	}

}
