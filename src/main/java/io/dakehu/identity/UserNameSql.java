package io.dakehu.identity;

/**
 * A user's display name for other modules' lists, as a join that brings it next to their
 * rows so they can sort by the person's name rather than an id.
 */
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

	/** The column of the joined user to sort by name on. */
	public static String sortKey(String alias) {
		return alias + ".display_name";
	}

}
