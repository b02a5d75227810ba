package io.dakehu.account;

import java.util.HashMap;
import java.util.Map;

import io.dakehu.identity.RecordScope;

import org.springframework.modulith.NamedInterface;

/**
 * The record-scope rule for accounts as a SQL condition: everything, or owned by one of
 * the scope's owners, or shared with the user through the account team.
 */
@NamedInterface("sql")
public record AccountScopeSql(String condition, Map<String, Object> params) {

	/**
	 * @param scope who is asking
	 * @param accountIdColumn the column holding an account id in the caller's query, such
	 * as {@code a.id}
	 */
	public static AccountScopeSql of(RecordScope scope, String accountIdColumn) {
		if (scope.all()) {
			return new AccountScopeSql("1 = 1", Map.of());
		}
		Map<String, Object> params = new HashMap<>();
		params.put("scopeOwners", scope.ownerIds());
		params.put("scopeUser", scope.userId());
		String condition = accountIdColumn + " in (select sa.id from account sa where sa.owner_id in (:scopeOwners)"
				+ " union all select sm.account_id from account_team_member sm where sm.user_id = :scopeUser)";
		return new AccountScopeSql(condition, params);
	}

	/**
	 * The scope rule narrowed to a portfolio: live (not archived) accounts, optionally of
	 * one owner and one key-account type, for reports across many accounts.
	 * @param ownerId null for every owner in the scope
	 * @param type null for every type (and none)
	 */
	public static AccountScopeSql portfolio(RecordScope scope, String accountIdColumn, Long ownerId,
			KeyAccountType type) {
		AccountScopeSql scoped = of(scope, accountIdColumn);
		Map<String, Object> params = new HashMap<>(scoped.params());
		StringBuilder condition = new StringBuilder(scoped.condition()).append(" and ")
			.append(accountIdColumn)
			.append(" in (select pa.id from account pa where pa.archived = false");
		if (ownerId != null) {
			condition.append(" and pa.owner_id = :portfolioOwner");
			params.put("portfolioOwner", ownerId);
		}
		if (type != null) {
			condition.append(" and pa.key_account_type = :portfolioType");
			params.put("portfolioType", type.name());
		}
		condition.append(")");
		return new AccountScopeSql(condition.toString(), params);
	}

	/**
	 * Two conditions that must both hold, such as two filters of the account list; either
	 * may be null, meaning none.
	 */
	public static AccountScopeSql both(AccountScopeSql first, AccountScopeSql second) {
		if (first == null || second == null) {
			return (first != null) ? first : second;
		}
		Map<String, Object> params = new HashMap<>(first.params());
		params.putAll(second.params());
		return new AccountScopeSql(first.condition() + " and " + second.condition(), params);
	}

	/**
	 * The accounts shared with the scope's user through the account team, whoever owns
	 * them: the part of the scope rule that owners alone do not cover, for a read model
	 * that keeps each account's owner and reads the owners' part from its own index.
	 * @param accountIdColumn the column holding an account id in the caller's query
	 */
	public static AccountScopeSql sharedWith(RecordScope scope, String accountIdColumn) {
		return new AccountScopeSql(accountIdColumn + " in (select sm.account_id from account_team_member sm"
				+ " where sm.user_id = :scopeUser)", Map.of("scopeUser", scope.userId()));
	}

	/**
	 * The account's owner, as a scalar expression for a read model that keeps it beside
	 * its own rows and reads the scope's owners from its own index (the opportunities,
	 * decision 0074): 0 for an account in the pool, which no user owns. Archived accounts
	 * keep their owner, as the scope rule does.
	 * @param accountIdColumn the column holding the account's id in the caller's
	 * statement
	 */
	public static String ownerOf(String accountIdColumn) {
		return "coalesce((select ao.owner_id from account ao where ao.id = " + accountIdColumn + "), 0)";
	}

	/**
	 * The scope rule for a read model that keeps each account's owner ({@link #ownerOf}):
	 * the kept owner is one of the scope's owners, or the account is shared with the user
	 * through the account team.
	 * @param ownerColumn the column holding the kept owner in the caller's query
	 * @param accountIdColumn the column holding the account's id in the caller's query
	 */
	public static AccountScopeSql ofKeptOwner(RecordScope scope, String ownerColumn, String accountIdColumn) {
		if (scope.all()) {
			return new AccountScopeSql("1 = 1", Map.of());
		}
		AccountScopeSql shared = sharedWith(scope, accountIdColumn);
		Map<String, Object> params = new HashMap<>(shared.params());
		params.put("scopeOwners", scope.ownerIds());
		return new AccountScopeSql("(" + ownerColumn + " in (:scopeOwners) or " + shared.condition() + ")", params);
	}

	/**
	 * The same rule for a query on the account table itself, written so the database can
	 * use the owner index.
	 */
	static AccountScopeSql onAccountTable(RecordScope scope, String alias) {
		if (scope.all()) {
			return new AccountScopeSql("1 = 1", Map.of());
		}
		Map<String, Object> params = new HashMap<>();
		params.put("scopeOwners", scope.ownerIds());
		params.put("scopeUser", scope.userId());
		String condition = "(" + alias + ".owner_id in (:scopeOwners) or exists (select 1 from account_team_member sm"
				+ " where sm.account_id = " + alias + ".id and sm.user_id = :scopeUser))";
		return new AccountScopeSql(condition, params);
	}

}
