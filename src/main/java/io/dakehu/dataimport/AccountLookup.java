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

	/**
	 * Names remembered across chunks before the memory is cleared: the limit depends on
	 * the number of accounts, not on the file.
	 */
	private static final int MAX_REMEMBERED = 200_000;

	private final AccountQueries accounts;

	private final RecordScope scope;

	private final Map<String, List<AccountRef>> byKey = new HashMap<>();

	/**
	 * A lookup for one chunk.
	 */
	AccountLookup(AccountQueries accounts, RecordScope scope, List<Row> rows, String field) {
		this(accounts, scope);
		load(rows, field);
	}

	/**
	 * A lookup that remembers across chunks, for files that name the same accounts over
	 * and over (purchases follow a Pareto curve: a few accounts buy most often). Only for
	 * imports that do not create accounts, so what it remembers stays true.
	 */
	AccountLookup(AccountQueries accounts, RecordScope scope) {
		this.accounts = accounts;
		this.scope = scope;
	}

	/**
	 * Looks up the names of a chunk that are not known yet, in one query.
	 */
	void load(List<Row> rows, String field) {
		if (this.byKey.size() > MAX_REMEMBERED) {
			this.byKey.clear();
		}
		Set<String> names = new HashSet<>();
		for (Row row : rows) {
			String name = row.get(field);
			if (name != null && !this.byKey.containsKey(AccountQueries.nameKey(name))) {
				names.add(name);
			}
		}
		if (names.isEmpty()) {
			return;
		}
		for (String name : names) {
			this.byKey.put(AccountQueries.nameKey(name), List.of());
		}
		for (AccountRef account : this.accounts.findByNames(this.scope, names)) {
			List<AccountRef> found = new java.util.ArrayList<>(this.byKey.get(AccountQueries.nameKey(account.name())));
			found.add(account);
			this.byKey.put(AccountQueries.nameKey(account.name()), found);
		}
	}

	boolean contains(String name) {
		List<AccountRef> found = this.byKey.get(AccountQueries.nameKey(name));
		return found != null && !found.isEmpty();
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
		if (found == null || found.isEmpty()) {
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
