package io.dakehu.accountplan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.relationship.RelationshipStage;
import io.dakehu.shared.RuleViolationException;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A key account plan for one account and one year (DOMAIN.md §10.7): goals, SWOT, actions
 * and reviews. Its lists live in their own tables and are written with it, so every
 * change moves its version and a stale edit of any part is refused.
 */
@Table("account_plan")
class AccountPlan {

	@Id
	private Long id;

	private long accountId;

	private int planYear;

	private BigDecimal revenueTarget;

	private BigDecimal walletShareTarget;

	private RelationshipStage targetStage;

	private long createdBy;

	private LocalDateTime createdAt;

	private LocalDateTime updatedAt;

	@MappedCollection(idColumn = "account_plan_id", keyColumn = "position")
	private List<SwotEntry> swot = new ArrayList<>();

	@MappedCollection(idColumn = "account_plan_id", keyColumn = "position")
	private List<PlanAction> actions = new ArrayList<>();

	@MappedCollection(idColumn = "account_plan_id", keyColumn = "position")
	private List<PlanReview> reviews = new ArrayList<>();

	@Version
	private int version;

	private AccountPlan() {
	}

	/** An empty plan of the account for the year. */
	static AccountPlan open(long accountId, int year, long creator, LocalDateTime now) {
		AccountPlan plan = new AccountPlan();
		plan.accountId = accountId;
		plan.planYear = year;
		plan.createdBy = creator;
		plan.createdAt = now;
		plan.updatedAt = now;
		return plan;
	}

	/** New goals; any of them may stay open. */
	void setGoals(BigDecimal revenueTarget, BigDecimal walletShareTarget, RelationshipStage targetStage,
			LocalDateTime now) {
		this.revenueTarget = revenueTarget;
		this.walletShareTarget = walletShareTarget;
		this.targetStage = targetStage;
		this.updatedAt = now;
	}

	/** The four SWOT lists as given, in their order. */
	void replaceSwot(List<SwotEntry> entries, LocalDateTime now) {
		this.swot = new ArrayList<>(entries);
		this.updatedAt = now;
	}

	void replaceActions(List<PlanAction> actions, LocalDateTime now) {
		this.actions = new ArrayList<>(actions);
		this.updatedAt = now;
	}

	void addAction(PlanAction action, LocalDateTime now) {
		this.actions.add(action);
		this.updatedAt = now;
	}

	/**
	 * Moves an action to another status. A closed action stays closed: a cancelled one is
	 * not done after all, a done one not undone; a new action says what happens next.
	 * @throws RuleViolationException when there is no such action or it is closed
	 */
	void moveAction(int index, ActionStatus next, LocalDateTime now) {
		if (index < 0 || index >= this.actions.size()) {
			throw new RuleViolationException("action", "plan.validation.noSuchAction");
		}
		PlanAction action = this.actions.get(index);
		if (!action.status().open() && action.status() != next) {
			throw new RuleViolationException("status", "plan.validation.actionClosed");
		}
		this.actions.set(index, action.moved(next));
		this.updatedAt = now;
	}

	/**
	 * Records a review. A review reports what happened, so it is not dated in the future.
	 * @throws RuleViolationException when it is
	 */
	void review(PlanReview review, LocalDate today, LocalDateTime now) {
		if (review.reviewedOn().isAfter(today)) {
			throw new RuleViolationException("reviewedOn", "plan.validation.reviewInFuture");
		}
		this.reviews.add(review);
		this.updatedAt = now;
	}

	/** Which parts are filled and which are missing (see {@link PlanPart}). */
	Completeness completeness() {
		Set<PlanPart> missing = EnumSet.noneOf(PlanPart.class);
		if (this.revenueTarget == null) {
			missing.add(PlanPart.REVENUE_TARGET);
		}
		if (this.walletShareTarget == null) {
			missing.add(PlanPart.WALLET_SHARE_TARGET);
		}
		if (this.targetStage == null) {
			missing.add(PlanPart.TARGET_STAGE);
		}
		Map<SwotQuadrant, PlanPart> lists = Map.of(SwotQuadrant.STRENGTH, PlanPart.STRENGTHS, SwotQuadrant.WEAKNESS,
				PlanPart.WEAKNESSES, SwotQuadrant.OPPORTUNITY, PlanPart.OPPORTUNITIES, SwotQuadrant.THREAT,
				PlanPart.THREATS);
		lists.forEach((quadrant, part) -> {
			if (this.swot.stream().noneMatch((entry) -> entry.quadrant() == quadrant)) {
				missing.add(part);
			}
		});
		if (this.actions.isEmpty()) {
			missing.add(PlanPart.ACTIONS);
		}
		if (this.reviews.isEmpty()) {
			missing.add(PlanPart.REVIEW);
		}
		return Completeness.of(missing);
	}

	/** The fields the history shows, as text. */
	Map<String, Object> auditValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("planYear", this.planYear);
		values.put("revenueTarget", (this.revenueTarget != null) ? this.revenueTarget.toPlainString() : null);
		values.put("walletShareTarget",
				(this.walletShareTarget != null) ? this.walletShareTarget.stripTrailingZeros().toPlainString() : null);
		values.put("targetStage", (this.targetStage != null) ? this.targetStage.name() : null);
		for (SwotQuadrant quadrant : SwotQuadrant.values()) {
			List<String> entries = this.swot.stream()
				.filter((entry) -> entry.quadrant() == quadrant)
				.map(SwotEntry::entry)
				.toList();
			values.put("swot" + quadrant.name(), entries.isEmpty() ? null : String.join(" | ", entries));
		}
		values.put("planActions",
				this.actions.isEmpty() ? null : String.join(" | ", this.actions.stream()
					.map((action) -> action.what() + " (" + action.dueDate() + ", " + action.status().name() + ")")
					.toList()));
		values.put("planReviews", this.reviews.isEmpty() ? null : String.join(" | ",
				this.reviews.stream().map((review) -> review.reviewedOn() + " " + review.note()).toList()));
		return values;
	}

	Long getId() {
		return this.id;
	}

	long getAccountId() {
		return this.accountId;
	}

	int getPlanYear() {
		return this.planYear;
	}

	BigDecimal getRevenueTarget() {
		return this.revenueTarget;
	}

	BigDecimal getWalletShareTarget() {
		return this.walletShareTarget;
	}

	RelationshipStage getTargetStage() {
		return this.targetStage;
	}

	List<SwotEntry> getSwot() {
		return List.copyOf(this.swot);
	}

	List<PlanAction> getActions() {
		return List.copyOf(this.actions);
	}

	List<PlanReview> getReviews() {
		return List.copyOf(this.reviews);
	}

	LocalDateTime getUpdatedAt() {
		return this.updatedAt;
	}

	int getVersion() {
		return this.version;
	}

}
