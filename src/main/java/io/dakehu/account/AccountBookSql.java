package io.dakehu.account;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.dakehu.identity.RecordScope;

import org.springframework.modulith.NamedInterface;

/**
 * A book of accounts as a derived table for reports that start from accounts rather than
 * from another module's records, such as contacts due (an account never contacted is due
 * too): the live (not archived) owned accounts the reader may see (the pool's are
 * nobody's book), with columns {@code account_id}, {@code account_name}, {@code owner_id}
 * and {@code key_account_type} (null for an account that is no key account).
 *
 * @param table a parenthesised sub-select to use after {@code from} or {@code join}
 */
@NamedInterface("sql")
public record AccountBookSql(String table, Map<String, Object> params) {

	/**
	 * @param scope who is asking
	 * @param ownerIds only accounts these users own; null for every account in the scope
	 */
	public static AccountBookSql of(RecordScope scope, Collection<Long> ownerIds) {
		AccountScopeSql scoped = AccountScopeSql.onAccountTable(scope, "bk");
		Map<String, Object> params = new HashMap<>(scoped.params());
		StringBuilder sql = new StringBuilder(
				"(select bk.id as account_id, bk.name as account_name, bk.owner_id as owner_id,"
						+ " bk.key_account_type as key_account_type from account bk where bk.archived = false"
						+ " and bk.owner_id is not null and ")
			.append(scoped.condition());
		if (ownerIds != null) {
			// An empty set matches nothing; "in ()" is not valid SQL.
			sql.append(" and bk.owner_id in (:bookOwners)");
			params.put("bookOwners", ownerIds.isEmpty() ? Set.of(-1L) : Set.copyOf(ownerIds));
		}
		return new AccountBookSql(sql.append(')').toString(), params);
	}

}
