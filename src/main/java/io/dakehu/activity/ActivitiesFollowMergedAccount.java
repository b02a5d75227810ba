package io.dakehu.activity;

import io.dakehu.account.AccountsMerged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves the activities of an account absorbed by a merge to the survivor, with its latest
 * contact. Runs synchronously inside the merge's transaction, so the merge commits whole
 * or not at all.
 */
@Component
class ActivitiesFollowMergedAccount {

	private final JdbcClient jdbc;

	private final LastContactBook lastContacts;

	ActivitiesFollowMergedAccount(JdbcClient jdbc, LastContactBook lastContacts) {
		this.jdbc = jdbc;
		this.lastContacts = lastContacts;
	}

	@EventListener
	void on(AccountsMerged merged) {
		this.jdbc.sql("update activity set account_id = :survivor where account_id = :absorbed")
			.param("survivor", merged.survivorId())
			.param("absorbed", merged.absorbedId())
			.update();
		// The survivor's latest contact may now be one of the absorbed account's, which
		// has none left.
		this.lastContacts.refresh(merged.survivorId());
		this.lastContacts.refresh(merged.absorbedId());
	}

}
