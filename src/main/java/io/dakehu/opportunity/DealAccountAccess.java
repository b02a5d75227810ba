package io.dakehu.opportunity;

import java.util.Map;

import io.dakehu.account.AccountReadAccess;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.identity.RecordScope;

import org.springframework.stereotype.Component;

/**
 * A deal opens its account read-only to the deal's owner and to whoever sees the owner's
 * records (their manager), as decision 0017 says: the deal pages link to the account, and
 * its owner needs the account's basic data and contacts to work it.
 */
@Component
class DealAccountAccess implements AccountReadAccess {

	@Override
	public AccountScopeSql readable(RecordScope scope, String accountIdColumn) {
		return new AccountScopeSql(
				accountIdColumn
						+ " in (select deal.account_id from opportunity deal where deal.owner_id in (:dealOwners))",
				Map.of("dealOwners", scope.ownerIds()));
	}

}
