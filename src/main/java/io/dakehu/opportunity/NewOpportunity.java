package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import io.dakehu.shared.RuleViolationException;

/**
 * An opportunity to record as it stands today (bulk loads write it as it is, without
 * replaying its history). The constructor enforces what each stage needs: a closed
 * opportunity has a close date, a won one also its amount, and nothing closes before it
 * was engaged.
 *
 * @param accountId may be null while the opportunity is prospecting or engaging
 * @param name what the opportunity is called on the board; null for none
 * @param expectedCloseDate when an open opportunity is expected to close; null for none
 * @param customFields its custom field values by key, checked already (decision 0048);
 * empty for none
 */
public record NewOpportunity(Long accountId, long ownerId, Long productId, Stage stage, LocalDate engageDate,
		LocalDate closeDate, BigDecimal amount, String source, String externalRef, String name,
		LocalDate expectedCloseDate, Map<String, Object> customFields) {

	public NewOpportunity {
		customFields = (customFields != null) ? Map.copyOf(customFields) : Map.of();
		if (stage == null) {
			throw new RuleViolationException("stage", "opportunity.validation.required");
		}
		if (stage.closed() && accountId == null) {
			throw new RuleViolationException("account", "opportunity.validation.closedNeedsAccount");
		}
		if (stage.closed() && closeDate == null) {
			throw new RuleViolationException("closeDate", "opportunity.validation.closedNeedsDate");
		}
		if (stage == Stage.WON && amount == null) {
			throw new RuleViolationException("amount", "opportunity.validation.wonNeedsAmount");
		}
		if (amount != null && amount.signum() < 0) {
			throw new RuleViolationException("amount", "opportunity.validation.negative");
		}
		if (amount != null && amount.precision() - amount.scale() > 17) {
			throw new RuleViolationException("amount", "opportunity.validation.tooLarge");
		}
		if (engageDate != null && closeDate != null && closeDate.isBefore(engageDate)) {
			throw new RuleViolationException("closeDate", "opportunity.validation.closeBeforeEngage");
		}
		if (source == null || source.isBlank() || source.length() > 50) {
			throw new RuleViolationException("source", "opportunity.validation.requiredMax", 50);
		}
		if (externalRef != null && externalRef.length() > 100) {
			throw new RuleViolationException("reference", "opportunity.validation.tooLong", 100);
		}
		if (name != null && name.length() > 200) {
			throw new RuleViolationException("name", "opportunity.validation.tooLong", 200);
		}
	}

	/**
	 * An opportunity without a name or an expected close date, as the first import format
	 * and most fixtures know it.
	 */
	public NewOpportunity(Long accountId, long ownerId, Long productId, Stage stage, LocalDate engageDate,
			LocalDate closeDate, BigDecimal amount, String source, String externalRef) {
		this(accountId, ownerId, productId, stage, engageDate, closeDate, amount, source, externalRef, null, null,
				null);
	}

}
