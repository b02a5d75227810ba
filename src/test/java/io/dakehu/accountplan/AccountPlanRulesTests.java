package io.dakehu.accountplan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import io.dakehu.relationship.RelationshipStage;
import io.dakehu.shared.RuleViolationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plan's own rules without the application: completeness part by part, closed actions
 * staying closed, reviews not dated in the future.
 */
class AccountPlanRulesTests {

	private static final LocalDateTime NOW = LocalDateTime.of(2026, 6, 15, 10, 0);

	@Test
	void eachFilledPartAddsAnEqualShareRoundedDown() {
		AccountPlan plan = AccountPlan.open(1, 2026, 7, NOW);
		assertThat(plan.completeness().percent()).isZero();
		assertThat(plan.completeness().missing()).containsExactly(PlanPart.values());
		plan.setGoals(new BigDecimal("1000"), null, RelationshipStage.HIGH, NOW);
		assertThat(plan.completeness().percent()).isEqualTo(2 * 100 / 9);
		plan.replaceSwot(List.of(new SwotEntry(SwotQuadrant.THREAT, "Tariffs")), NOW);
		plan.addAction(new PlanAction("Visit", 7, NOW.toLocalDate(), ActionStatus.PLANNED, null, null), NOW);
		assertThat(plan.completeness().percent()).isEqualTo(4 * 100 / 9);
		assertThat(plan.completeness().missing()).containsExactly(PlanPart.WALLET_SHARE_TARGET, PlanPart.STRENGTHS,
				PlanPart.WEAKNESSES, PlanPart.OPPORTUNITIES, PlanPart.REVIEW);
		plan.setGoals(new BigDecimal("1000"), new BigDecimal("20"), RelationshipStage.HIGH, NOW);
		plan.replaceSwot(List.of(new SwotEntry(SwotQuadrant.STRENGTH, "Service"),
				new SwotEntry(SwotQuadrant.WEAKNESS, "Price"), new SwotEntry(SwotQuadrant.OPPORTUNITY, "New plant"),
				new SwotEntry(SwotQuadrant.THREAT, "Tariffs")), NOW);
		assertThat(plan.completeness().percent()).isEqualTo(8 * 100 / 9).isLessThan(100);
		plan.review(new PlanReview(NOW.toLocalDate(), "On track", 7), NOW.toLocalDate(), NOW);
		assertThat(plan.completeness().percent()).isEqualTo(100);
		assertThat(plan.completeness().missing()).isEmpty();
	}

	@Test
	void aClosedActionStaysClosedAndAnOpenOneMoves() {
		AccountPlan plan = AccountPlan.open(1, 2026, 7, NOW);
		plan.addAction(new PlanAction("Visit", 7, NOW.toLocalDate(), ActionStatus.PLANNED, null, null), NOW);
		plan.moveAction(0, ActionStatus.IN_PROGRESS, NOW);
		plan.moveAction(0, ActionStatus.CANCELLED, NOW);
		assertThat(plan.getActions().get(0).status()).isEqualTo(ActionStatus.CANCELLED);
		assertThatThrownBy(() -> plan.moveAction(0, ActionStatus.DONE, NOW)).isInstanceOf(RuleViolationException.class);
		assertThatThrownBy(() -> plan.moveAction(1, ActionStatus.DONE, NOW)).isInstanceOf(RuleViolationException.class);
	}

	@Test
	void aReviewIsNotDatedInTheFuture() {
		AccountPlan plan = AccountPlan.open(1, 2026, 7, NOW);
		LocalDate today = NOW.toLocalDate();
		assertThatThrownBy(() -> plan.review(new PlanReview(today.plusDays(1), "Ahead", 7), today, NOW))
			.isInstanceOf(RuleViolationException.class);
		plan.review(new PlanReview(today, "Today", 7), today, NOW);
		assertThat(plan.getReviews()).hasSize(1);
	}

}
