package io.dakehu.opportunity;

import java.time.LocalDate;

import io.dakehu.segmentation.Tier;

/**
 * Which opportunities the board and the list show; every part optional. The period
 * applies to the close date, or the expected close date while open. {@code q} finds part
 * of the opportunity's name or of its account's name.
 *
 * @param accountId one account's opportunities only; null for every account
 */
public record PipelineFilter(Long ownerId, Long teamId, Tier tier, PurchaseType purchaseType, LocalDate from,
		LocalDate to, Stage stage, String q, Long accountId) {

	public PipelineFilter {
		q = (q == null || q.isBlank()) ? null : q.strip();
	}

	public static PipelineFilter none() {
		return new PipelineFilter(null, null, null, null, null, null, null, null, null);
	}

	public PipelineFilter withOwner(Long ownerId) {
		return new PipelineFilter(ownerId, this.teamId, this.tier, this.purchaseType, this.from, this.to, this.stage,
				this.q, this.accountId);
	}

}
