package io.dakehu.account;

/**
 * How far a reader may open an account (decision 0017).
 */
public enum AccountAccess {

	/** In the reader's record scope: everything the account page shows, and edits. */
	FULL,

	/**
	 * Outside the scope but opened by the reader's own records on it (their deals): the
	 * account's basic data, characteristics and contacts, read-only.
	 */
	READ_ONLY

}
