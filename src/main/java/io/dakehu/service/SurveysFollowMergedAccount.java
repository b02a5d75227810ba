package io.dakehu.service;

import io.dakehu.account.AccountsMerged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves the surveys of an account absorbed by a merge to the survivor, inside the merge's
 * transaction, so the survivor's satisfaction holds everything its customer said.
 */
@Component
class SurveysFollowMergedAccount {

	private final Surveys surveys;

	SurveysFollowMergedAccount(Surveys surveys) {
		this.surveys = surveys;
	}

	@EventListener
	void on(AccountsMerged merged) {
		this.surveys.moveAccount(merged.absorbedId(), merged.survivorId());
	}

}
