package io.dakehu.order;

import io.dakehu.account.AccountsMerged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves the order lines of an account absorbed by a merge to the survivor, so its
 * purchases count for the survivor from the next segmentation run on. Runs synchronously
 * inside the merge's transaction, so the merge commits whole or not at all.
 */
@Component
class PurchasesFollowMergedAccount {

	private final JdbcClient jdbc;

	PurchasesFollowMergedAccount(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountsMerged merged) {
		this.jdbc.sql("update order_line set account_id = :survivor where account_id = :absorbed")
			.param("survivor", merged.survivorId())
			.param("absorbed", merged.absorbedId())
			.update();
	}

}
