package io.dakehu.dataimport;

import java.util.Locale;

/**
 * The kinds of records a file can bring in.
 */
public enum ImportType {

	ACCOUNTS, CONTACTS, PRODUCTS, ORDERS, OPPORTUNITIES, USERS, SURVEYS, RECEIPTS, FINANCIALS;

	/**
	 * The type named in a request ({@code orders}, {@code ORDERS}), or null when there is
	 * no such type.
	 */
	public static ImportType parse(String text) {
		if (text == null) {
			return null;
		}
		try {
			return valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
