package io.dakehu.opportunity;

import java.time.LocalDate;
import java.util.Map;

import io.dakehu.segmentation.Tier;

/**
 * Which opportunities the board and the list show; every part optional. The period
 * applies to the close date, or the expected close date while open. {@code q} finds part
 * of the opportunity's name or of its account's name.
 *
 * @param accountId one account's opportunities only; null for every account
 * @param customFields values of custom fields by key, each matched whole (decision 0048);
 * empty for none
 */
public record PipelineFilter(Long ownerId, Long teamId, Tier tier, PurchaseType purchaseType, LocalDate from,
		LocalDate to, Stage stage, String q, Long accountId, Map<String, String> customFields) {

	public PipelineFilter {
		q = (q == null || q.isBlank()) ? null : q.strip();
		customFields = (customFields != null) ? Map.copyOf(customFields) : Map.of();
	}

	/** A filter without custom fields. */
	public PipelineFilter(Long ownerId, Long teamId, Tier tier, PurchaseType purchaseType, LocalDate from, LocalDate to,
			Stage stage, String q, Long accountId) {
		this(ownerId, teamId, tier, purchaseType, from, to, stage, q, accountId, null);
	}

	public static PipelineFilter none() {
		return new PipelineFilter(null, null, null, null, null, null, null, null, null);
	}

	public PipelineFilter withOwner(Long ownerId) {
		return new PipelineFilter(ownerId, this.teamId, this.tier, this.purchaseType, this.from, this.to, this.stage,
				this.q, this.accountId, this.customFields);
	}

	/** The same filter with these custom field filters. */
	public PipelineFilter withCustomFields(Map<String, String> customFields) {
		return new PipelineFilter(this.ownerId, this.teamId, this.tier, this.purchaseType, this.from, this.to,
				this.stage, this.q, this.accountId, customFields);
	}

}
