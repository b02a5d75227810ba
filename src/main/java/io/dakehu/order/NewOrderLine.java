package io.dakehu.order;

import java.math.BigDecimal;
import java.time.LocalDate;

import io.dakehu.shared.RuleViolationException;

/**
 * One purchase to record. The constructor enforces the ledger's rules, so an importer can
 * report a broken row before anything is written.
 *
 * @param source where the line comes from (an ERP name, {@code opportunity}, ...);
 * together with {@code externalRef} it identifies the line so a re-import adds nothing
 * @param cost what the goods cost us, for margin; may be unknown
 */
public record NewOrderLine(long accountId, LocalDate date, Long productId, BigDecimal quantity, BigDecimal amount,
		BigDecimal cost, Long salespersonId, String source, String externalRef) {

	public static final int MAX_REFERENCE_LENGTH = 100;

	public static final int MAX_SOURCE_LENGTH = 50;

	public NewOrderLine {
		if (date == null) {
			throw new RuleViolationException("date", "order.validation.required");
		}
		if (quantity == null) {
			throw new RuleViolationException("quantity", "order.validation.required");
		}
		if (quantity.signum() < 0) {
			throw new RuleViolationException("quantity", "order.validation.negative");
		}
		if (amount == null) {
			throw new RuleViolationException("amount", "order.validation.required");
		}
		if (amount.signum() < 0) {
			throw new RuleViolationException("amount", "order.validation.negative");
		}
		if (cost != null && cost.signum() < 0) {
			throw new RuleViolationException("cost", "order.validation.negative");
		}
		if (amount.precision() - amount.scale() > 17 || (cost != null && cost.precision() - cost.scale() > 17)) {
			throw new RuleViolationException("amount", "order.validation.tooLarge");
		}
		if (quantity.precision() - quantity.scale() > 15) {
			throw new RuleViolationException("quantity", "order.validation.tooLarge");
		}
		if (source == null || source.isBlank() || source.length() > MAX_SOURCE_LENGTH) {
			throw new RuleViolationException("source", "order.validation.requiredMax", MAX_SOURCE_LENGTH);
		}
		if (externalRef != null && externalRef.length() > MAX_REFERENCE_LENGTH) {
			throw new RuleViolationException("reference", "order.validation.tooLong", MAX_REFERENCE_LENGTH);
		}
	}

	public BigDecimal margin() {
		return (this.cost != null) ? this.amount.subtract(this.cost) : null;
	}

}
