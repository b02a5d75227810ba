package io.dakehu.activity;

import io.dakehu.account.AccountsMerged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves the activities of an account absorbed by a merge to the survivor. Runs
 * synchronously inside the merge's transaction, so the merge commits whole or not at all.
 */
@Component
class ActivitiesFollowMergedAccount {

	private final JdbcClient jdbc;

	ActivitiesFollowMergedAccount(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountsMerged merged) {
		this.jdbc.sql("update activity set account_id = :survivor where account_id = :absorbed")
			.param("survivor", merged.survivorId())
			.param("absorbed", merged.absorbedId())
			.update();
	}

}
