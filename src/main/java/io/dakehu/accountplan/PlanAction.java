package io.dakehu.accountplan;

import java.time.LocalDate;

import org.springframework.data.relational.core.mapping.Table;

/**
 * What the plan will do, who does it and by when.
 *
 * @param linkKind the kind of record the action stands for ({@link PlanActionLink#kind}),
 * null when none
 */
@Table("account_plan_action")
record PlanAction(String what, long ownerId, LocalDate dueDate, ActionStatus status, String linkKind, Long linkId) {

	PlanAction moved(ActionStatus next) {
		return new PlanAction(this.what, this.ownerId, this.dueDate, next, this.linkKind, this.linkId);
	}

}
