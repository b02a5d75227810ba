package io.dakehu.identity;

import org.springframework.modulith.NamedInterface;

/**
 * A user's display name for other modules' lists, as a join that brings it next to their
 * rows so they can sort by the person's name rather than an id.
 */
@NamedInterface("sql")
public final class UserNameSql {

	private UserNameSql() {
	}

	/**
	 * A left join of the user under {@code alias}; sort on {@link #sortKey}.
	 * @param userIdColumn the caller's column holding the user id, such as
	 * {@code o.owner_id}
	 */
	public static String join(String alias, String userIdColumn) {
		return " left join app_user " + alias + " on " + alias + ".id = " + userIdColumn;
	}

	/** The column of the joined user holding the name people know them by. */
	public static String displayName(String alias) {
		return alias + ".display_name";
	}

	/** The column of the joined user holding their username. */
	public static String username(String alias) {
		return alias + ".username";
	}

	/**
	 * The users under {@code alias}, for a list read owner by owner in the order of their
	 * {@link #sortKey}.
	 */
	public static String users(String alias) {
		return "app_user " + alias;
	}

	/** The column of the joined user to sort by name on. */
	public static String sortKey(String alias) {
		return alias + ".display_name";
	}

}
