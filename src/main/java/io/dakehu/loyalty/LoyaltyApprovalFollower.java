package io.dakehu.loyalty;

import io.dakehu.approval.ApprovalDecided;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves a loyalty action on when its approval is decided. A plain listener, so it runs in
 * the decision's transaction: the action and the request commit together, or neither.
 */
@Component
class LoyaltyApprovalFollower {

	private final LoyaltyActions actions;

	LoyaltyApprovalFollower(LoyaltyActions actions) {
		this.actions = actions;
	}

	@EventListener
	void on(ApprovalDecided decided) {
		if (LoyaltyActions.APPROVAL_KIND.equals(decided.subjectKind())) {
			this.actions.decided(decided.subjectId(), decided.approved());
		}
	}

}
