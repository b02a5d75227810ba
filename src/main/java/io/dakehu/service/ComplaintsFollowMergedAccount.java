package io.dakehu.service;

import io.dakehu.account.AccountsMerged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves the complaints of an account absorbed by a merge to the survivor, inside the
 * merge's transaction, so the survivor's repeated-complaint count includes them.
 */
@Component
class ComplaintsFollowMergedAccount {

	private final Complaints complaints;

	ComplaintsFollowMergedAccount(Complaints complaints) {
		this.complaints = complaints;
	}

	@EventListener
	void on(AccountsMerged merged) {
		this.complaints.moveAccount(merged.absorbedId(), merged.survivorId());
	}

}
