package io.dakehu.relationship;

import io.dakehu.account.AccountsMerged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves the 25-grid assessments of an account absorbed by a merge to the survivor, whose
 * path then shows both accounts' assessments by date. Runs synchronously inside the
 * merge's transaction, so the merge commits whole or not at all.
 */
@Component
class AssessmentsFollowMergedAccount {

	private final JdbcClient jdbc;

	AssessmentsFollowMergedAccount(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountsMerged merged) {
		this.jdbc.sql("update relationship_assessment set account_id = :survivor where account_id = :absorbed")
			.param("survivor", merged.survivorId())
			.param("absorbed", merged.absorbedId())
			.update();
	}

}
