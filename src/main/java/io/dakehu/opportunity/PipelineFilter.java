package io.dakehu.opportunity;

import java.time.LocalDate;

import io.dakehu.segmentation.Tier;

/**
 * Which opportunities the board and the list show; every part optional. The period
 * applies to the close date, or the expected close date while open.
 */
public record PipelineFilter(Long ownerId, Long teamId, Tier tier, PurchaseType purchaseType, LocalDate from,
		LocalDate to) {

	public static PipelineFilter none() {
		return new PipelineFilter(null, null, null, null, null, null);
	}

}
