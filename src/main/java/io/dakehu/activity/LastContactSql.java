package io.dakehu.activity;

import org.springframework.modulith.NamedInterface;

/**
 * Each account's latest contact as a derived table, for the contact plan (DOMAIN.md
 * §10.2): columns {@code account_id}, {@code last_contact_at} (when the latest contact
 * took place) and {@code next_contact_date} (the next contact it planned, null for none).
 * Only activities whose type is a contact ({@link ActivityType#contact()}) count, and
 * only the latest one's plan is still open: a later contact fulfils an earlier plan.
 * Accounts never contacted have no row.
 * <p>
 * It reads a read model kept with every activity write ({@link LastContactBook}), one row
 * per account, rather than ranking every contact activity per request: at ten million
 * activities that ranking took seconds (decision 0034).
 */
@NamedInterface("sql")
public final class LastContactSql {

	private LastContactSql() {
	}

	/** A parenthesised sub-select without parameters. */
	public static String table() {
		return "(select lc.account_id, lc.last_contact_at, lc.next_contact_date from activity_last_contact lc)";
	}

}
