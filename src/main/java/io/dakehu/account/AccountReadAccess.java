package io.dakehu.account;

import io.dakehu.identity.RecordScope;

/**
 * A reason, outside the record scope, for a reader to open an account read-only: records
 * of another module that the reader sees and that point at the account, such as their own
 * deals on it (decision 0017). The other module implements it, so the account module
 * never depends on that module, and {@link AccountQueries} adds its condition to the
 * scope's whenever an account is read.
 */
public interface AccountReadAccess {

	/**
	 * A condition limiting an account id column to the accounts this module's records
	 * open for the scope. It is only asked for scopes that do not see everything. Its
	 * parameter names must be its own: they are merged with the scope's.
	 * @param accountIdColumn such as {@code a.id}
	 */
	AccountScopeSql readable(RecordScope scope, String accountIdColumn);

}
