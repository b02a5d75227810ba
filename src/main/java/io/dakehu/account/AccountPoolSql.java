package io.dakehu.account;

import org.springframework.modulith.NamedInterface;

/**
 * The accounts of the public pool and the owned accounts its rules watch (decision 0032),
 * as derived tables for the pool module's set-based SQL. Neither has parameters.
 */
@NamedInterface("sql")
public final class AccountPoolSql {

	private AccountPoolSql() {
	}

	/**
	 * Live owned accounts: {@code account_id}, {@code name}, {@code owner_id},
	 * {@code owned_on} (the day the owner took it) and {@code last_deal_on} (the latest
	 * purchase on the ledger, null for none).
	 */
	public static String owned() {
		return "(select pa.id as account_id, pa.name, pa.owner_id,"
				+ " cast(coalesce(pa.owned_since, pa.created_at) as date) as owned_on, pa.last_purchase_on as last_deal_on"
				+ " from account pa where pa.owner_id is not null and pa.archived = false and pa.merged_into is null)";
	}

	/**
	 * The pool's live accounts: {@code account_id}, {@code name}, {@code name_key} (for
	 * search), {@code registration_id}, {@code industry}, {@code region},
	 * {@code key_account_type}, {@code pooled_at}, {@code pool_reason},
	 * {@code pool_note}, {@code previous_owner_id}, {@code last_deal_on} and
	 * {@code version}.
	 */
	public static String pooled() {
		return "(select pa.id as account_id, pa.name, pa.name_key, pa.registration_id, pa.industry, pa.region,"
				+ " pa.key_account_type, pa.pooled_at, pa.pool_reason, pa.pool_note, pa.previous_owner_id,"
				+ " pa.last_purchase_on as last_deal_on, pa.version"
				+ " from account pa where pa.owner_id is null and pa.archived = false and pa.merged_into is null)";
	}

}
