package io.dakehu.activity;

import java.util.stream.Collectors;

import org.springframework.modulith.NamedInterface;

/**
 * Each account's latest contact as a derived table, for the contact plan (DOMAIN.md
 * §10.2): columns {@code account_id}, {@code last_contact_at} (when the latest contact
 * took place) and {@code next_contact_date} (the next contact it planned, null for none).
 * Only activities whose type is a contact ({@link ActivityType#contact()}) count, and
 * only the latest one's plan is still open: a later contact fulfils an earlier plan.
 */
@NamedInterface("sql")
public final class LastContactSql {

	/**
	 * The stored codes of the contact types as SQL literals: they come from the enum,
	 * never from input, and keep the fragment free of parameters.
	 */
	private static final String CONTACT_TYPES = ActivityType.contactCodes()
		.stream()
		.map((code) -> "'" + code + "'")
		.collect(Collectors.joining(", "));

	private LastContactSql() {
	}

	/** A parenthesised sub-select without parameters. */
	public static String table() {
		return """
				(select lc.account_id, lc.occurred_at as last_contact_at, lc.next_contact_date from (
				    select la.account_id, la.occurred_at, la.next_contact_date,
				           row_number() over (partition by la.account_id order by la.occurred_at desc, la.id desc) as rn
				    from activity la where la.type in (%s)) lc
				 where lc.rn = 1)""".formatted(CONTACT_TYPES);
	}

}
