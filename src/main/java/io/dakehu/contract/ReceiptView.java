package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A receipt with the instalments it pays.
 *
 * @param credit the part no instalment takes, a credit on the account
 */
public record ReceiptView(long id, long contractId, String contractNumber, long accountId, LocalDate date,
		BigDecimal amount, PaymentMethod method, String reference, String recordedBy, List<Share> allocations,
		BigDecimal credit) {

	/** The part of the receipt that pays one instalment. */
	public record Share(long instalmentId, LocalDate dueDate, BigDecimal amount) {
	}

}
