package io.dakehu.loyalty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A loyalty action for one key account (DOMAIN.md §10.5). Its plan changes only while it
 * is planned or was rejected; it is carried out only once cleared (planned without need
 * of approval, or approved), and evaluated only once done.
 */
@Table("loyalty_action")
class LoyaltyAction {

	@Id
	private Long id;

	private long accountId;

	@Column("action_type")
	private LoyaltyType type;

	private long ownerId;

	private LocalDate plannedOn;

	private BigDecimal budget;

	private String description;

	private LoyaltyStatus status;

	private BigDecimal spend;

	private LocalDate doneOn;

	private String outcome;

	private LoyaltyEffect effect;

	private long createdBy;

	private LocalDateTime createdAt;

	@Version
	private int version;

	private LoyaltyAction() {
	}

	static LoyaltyAction plan(long accountId, Plan plan, long creator, LocalDateTime now) {
		LoyaltyAction action = new LoyaltyAction();
		action.accountId = accountId;
		action.createdBy = creator;
		action.createdAt = now;
		action.status = LoyaltyStatus.PLANNED;
		action.apply(plan);
		return action;
	}

	/** A new plan, while it is planned or after a rejection. */
	void revise(Plan plan) {
		if (!this.status.revisable()) {
			throw new LoyaltyStateException("loyalty.state.fixed", this.status);
		}
		apply(plan);
		this.status = LoyaltyStatus.PLANNED;
	}

	private void apply(Plan plan) {
		this.type = plan.type();
		this.ownerId = plan.ownerId();
		this.plannedOn = plan.plannedOn();
		this.budget = plan.budget();
		this.description = plan.description();
	}

	/** Waits for the approval asked for it. */
	void awaitApproval() {
		if (this.status != LoyaltyStatus.PLANNED) {
			throw new LoyaltyStateException("loyalty.state.fixed", this.status);
		}
		this.status = LoyaltyStatus.AWAITING_APPROVAL;
	}

	/** The approver's decision; only an action waiting for one takes it. */
	void decided(boolean approved) {
		if (this.status != LoyaltyStatus.AWAITING_APPROVAL) {
			throw new LoyaltyStateException("loyalty.state.notAwaiting", this.status);
		}
		this.status = approved ? LoyaltyStatus.APPROVED : LoyaltyStatus.REJECTED;
	}

	/** Carried out, at this cost. */
	void done(BigDecimal spend, LocalDate on) {
		if (!this.status.cleared()) {
			throw new LoyaltyStateException("loyalty.state.notCleared", this.status);
		}
		this.status = LoyaltyStatus.DONE;
		this.spend = spend;
		this.doneOn = on;
	}

	/** Its outcome and what it did for the relationship. */
	void evaluate(String outcome, LoyaltyEffect effect) {
		if (this.status != LoyaltyStatus.DONE) {
			throw new LoyaltyStateException("loyalty.state.notDone", this.status);
		}
		this.status = LoyaltyStatus.EVALUATED;
		this.outcome = outcome;
		this.effect = effect;
	}

	/** The fields the history shows, as text. */
	Map<String, Object> auditValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("loyaltyType", this.type.name());
		values.put("ownerId", this.ownerId);
		values.put("plannedOn", this.plannedOn);
		values.put("budget", this.budget.toPlainString());
		values.put("description", this.description);
		values.put("loyaltyStatus", this.status.name());
		values.put("spend", (this.spend != null) ? this.spend.toPlainString() : null);
		values.put("doneOn", this.doneOn);
		values.put("outcome", this.outcome);
		values.put("effect", (this.effect != null) ? this.effect.name() : null);
		return values;
	}

	Long getId() {
		return this.id;
	}

	long getAccountId() {
		return this.accountId;
	}

	LoyaltyType getType() {
		return this.type;
	}

	BigDecimal getBudget() {
		return this.budget;
	}

	LoyaltyStatus getStatus() {
		return this.status;
	}

	int getVersion() {
		return this.version;
	}

	/** What a plan says, checked by the caller. */
	record Plan(LoyaltyType type, long ownerId, LocalDate plannedOn, BigDecimal budget, String description) {
	}

}
