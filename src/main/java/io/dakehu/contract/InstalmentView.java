package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An instalment with what has been paid on it and how far past due the rest is.
 *
 * @param outstanding what is still owed; zero once paid or written off
 * @param bucket the aging of the outstanding amount, null when nothing is owed
 */
public record InstalmentView(long id, long contractId, String contractNumber, LocalDate dueDate, BigDecimal amount,
		BigDecimal paid, BigDecimal outstanding, LocalDate writtenOffOn, AgingBucket bucket) {

	public boolean overdue() {
		return this.bucket != null && this.bucket != AgingBucket.NOT_DUE;
	}

}
