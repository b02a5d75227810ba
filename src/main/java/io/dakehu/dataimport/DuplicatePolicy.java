package io.dakehu.dataimport;

import java.util.Locale;

/**
 * What an account import does with a row whose account already exists (same name): reject
 * the row (so "valid rows only" skips it), update the stored account from the row's
 * columns, or create a second account of that name. A registration id that belongs to
 * another account is always rejected.
 */
public enum DuplicatePolicy {

	REJECT, UPDATE, CREATE;

	/**
	 * The policy named in a request; null or blank means REJECT.
	 * @throws IllegalArgumentException for an unknown name
	 */
	public static DuplicatePolicy parse(String text) {
		return (text == null || text.isBlank()) ? REJECT : valueOf(text.strip().toUpperCase(Locale.ROOT));
	}

}
