package io.dakehu.accountplan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import io.dakehu.relationship.RelationshipStage;

/**
 * A plan's goals against what happened so far in its year, as the account page shows
 * them.
 *
 * @param revenue what the account and its subsidiaries in the reader's scope bought from
 * the first day of the year to {@code through}
 * @param stageNow the stage of the latest assessment on the 25-grid, null when none
 */
public record GoalsVsActuals(int year, LocalDate through, BigDecimal revenueTarget, BigDecimal revenue,
		RelationshipStage targetStage, RelationshipStage stageNow, Completeness completeness) {

	/** Revenue as a share of the target in whole percent; null without a target. */
	public Integer revenuePercent() {
		if (this.revenueTarget == null || this.revenueTarget.signum() == 0) {
			return null;
		}
		return this.revenue.multiply(BigDecimal.valueOf(100))
			.divide(this.revenueTarget, 0, RoundingMode.DOWN)
			.intValue();
	}

	/** Whether the stage now is at or beyond the target; null without a target. */
	public Boolean stageReached() {
		if (this.targetStage == null) {
			return null;
		}
		return this.stageNow != null && this.stageNow.rank() >= this.targetStage.rank();
	}

}
