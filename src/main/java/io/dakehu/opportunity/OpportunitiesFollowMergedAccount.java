package io.dakehu.opportunity;

import io.dakehu.account.AccountScopeSql;
import io.dakehu.account.AccountsMerged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves the opportunities and sales targets of an account absorbed by a merge to the
 * survivor. A salesperson's target on both accounts for the same period becomes one: the
 * survivor's is kept. Runs synchronously inside the merge's transaction, so the merge
 * commits whole or not at all.
 */
@Component
class OpportunitiesFollowMergedAccount {

	private final JdbcClient jdbc;

	OpportunitiesFollowMergedAccount(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountsMerged merged) {
		// With the survivor's owner (decision 0074): the merge's AccountsChanged would
		// bring it before the commit, but nothing between may read the deals wrongly.
		this.jdbc
			.sql("update opportunity set account_id = :survivor, account_owner_id = "
					+ AccountScopeSql.ownerOf(":survivor") + " where account_id = :absorbed")
			.param("survivor", merged.survivorId())
			.param("absorbed", merged.absorbedId())
			.update();
		this.jdbc.sql("""
				delete from sales_target t where t.account_id = :absorbed and exists (select 1 from sales_target s
				where s.account_id = :survivor and s.user_id = t.user_id and s.period_from = t.period_from
				and s.period_to = t.period_to)""")
			.param("survivor", merged.survivorId())
			.param("absorbed", merged.absorbedId())
			.update();
		this.jdbc.sql("update sales_target set account_id = :survivor where account_id = :absorbed")
			.param("survivor", merged.survivorId())
			.param("absorbed", merged.absorbedId())
			.update();
	}

}
