package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A contract as pages and the API show it, with names instead of ids and what has been
 * received and is still owed on it.
 *
 * @param planned the sum of the instalments, equal to the amount once a plan is made
 * @param overdue what is owed on instalments past their due date
 */
public record ContractView(long id, String number, long accountId, String accountName, Long opportunityId,
		LocalDate signedDate, LocalDate startDate, LocalDate endDate, BigDecimal amount, String paymentTerms,
		String owner, String ownerName, ContractStatus status, String terminationReason, List<Line> lines,
		BigDecimal planned, BigDecimal received, BigDecimal outstanding, BigDecimal overdue, int version) {

	public boolean draft() {
		return this.status == ContractStatus.DRAFT;
	}

	public boolean active() {
		return this.status == ContractStatus.ACTIVE;
	}

	public boolean open() {
		return this.status.open();
	}

	/** A product line with the product's name. */
	public record Line(Long productId, String productName, String description, BigDecimal amount) {
	}

}
