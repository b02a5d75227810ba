package io.dakehu.accountplan;

import io.dakehu.account.AccountsMerged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves the plans of an account absorbed by a merge to the survivor, inside the merge's
 * transaction, for the years the survivor has no plan of its own; a year both planned
 * keeps the survivor's plan, and the absorbed one stays with the archived account.
 */
@Component
class PlansFollowMergedAccount {

	private final JdbcClient jdbc;

	PlansFollowMergedAccount(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountsMerged merged) {
		this.jdbc.sql("""
				update account_plan set account_id = :survivor
				where account_id = :absorbed
				  and plan_year not in (select sp.plan_year from account_plan sp where sp.account_id = :survivor)""")
			.param("survivor", merged.survivorId())
			.param("absorbed", merged.absorbedId())
			.update();
	}

}
