package io.dakehu.dataimport;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.identity.RecordScope;

/**
 * Resolves the account names of one chunk of rows in one query, within the importer's
 * scope: an account the importer may not see is as unknown as one that does not exist.
 */
final class AccountLookup {

	private final Map<String, List<AccountRef>> byKey = new HashMap<>();

	AccountLookup(AccountQueries accounts, RecordScope scope, List<Row> rows, String field) {
		Set<String> names = new HashSet<>();
		for (Row row : rows) {
			String name = row.get(field);
			if (name != null) {
				names.add(name);
			}
		}
		for (AccountRef account : accounts.findByNames(scope, names)) {
			this.byKey.computeIfAbsent(AccountQueries.nameKey(account.name()), (k) -> new java.util.ArrayList<>())
				.add(account);
		}
	}

	boolean contains(String name) {
		return this.byKey.containsKey(AccountQueries.nameKey(name));
	}

	/**
	 * The id of the account the row names, or null (rejecting the row when a name is
	 * given but matches no visible account, or several).
	 */
	Long require(Row row, String field, ImportContext context) {
		String name = row.get(field);
		if (name == null) {
			return null;
		}
		List<AccountRef> found = this.byKey.get(AccountQueries.nameKey(name));
		if (found == null) {
			context.reject(row, field, "import.unknownAccount", null);
			return null;
		}
		if (found.size() > 1) {
			context.reject(row, field, "import.ambiguousAccount", null);
			return null;
		}
		return found.get(0).id();
	}

}
