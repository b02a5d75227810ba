package io.dakehu.contact;

import io.dakehu.account.AccountsMerged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves the contacts of an account absorbed by a merge to the survivor; their buying
 * roles and reporting lines go with them. Runs synchronously inside the merge's
 * transaction, so the merge commits whole or not at all.
 */
@Component
class ContactsFollowMergedAccount {

	private final JdbcClient jdbc;

	ContactsFollowMergedAccount(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountsMerged merged) {
		this.jdbc.sql("update contact set account_id = :survivor where account_id = :absorbed")
			.param("survivor", merged.survivorId())
			.param("absorbed", merged.absorbedId())
			.update();
	}

}
