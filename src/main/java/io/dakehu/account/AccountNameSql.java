package io.dakehu.account;

import java.util.List;

import io.dakehu.shared.NameSearch;

import org.springframework.modulith.NamedInterface;

/**
 * The account's name for other modules' lists: a join that brings the name next to their
 * rows for sorting, and a condition matching part of the name as the account search does
 * (case-insensitive, on the normalised name that the bigram index on PostgreSQL serves).
 */
@NamedInterface("sql")
public final class AccountNameSql {

	private AccountNameSql() {
	}

	/**
	 * A left join of the account under {@code alias}; sort on {@link #sortKey}.
	 * @param accountIdColumn the caller's column holding the account id, such as
	 * {@code o.account_id}
	 */
	public static String join(String alias, String accountIdColumn) {
		return " left join account " + alias + " on " + alias + ".id = " + accountIdColumn;
	}

	/**
	 * An inner join of the account under {@code alias}, for rows that have one: the
	 * database can then read the rows in name order along the account name index.
	 */
	public static String innerJoin(String alias, String accountIdColumn) {
		return " join account " + alias + " on " + alias + ".id = " + accountIdColumn;
	}

	/** The column of the joined account holding its name as written. */
	public static String name(String alias) {
		return alias + ".name";
	}

	/**
	 * Conditions on the joined account that split the accounts into parts each read in
	 * name order ({@link #sortKey}) along an index: the live and the archived. A list
	 * ordered by its rows' account names reads each part as far as its page reaches and
	 * merges them; ordered over all accounts at once, no index serves the order (the
	 * list's index leads with the archived flag) and PostgreSQL reads and sorts every
	 * account's name first.
	 */
	public static List<String> sortedParts(String alias) {
		return List.of(alias + ".archived = false", alias + ".archived = true");
	}

	/** The column of the joined account to sort by name on. */
	public static String sortKey(String alias) {
		return alias + ".name_key";
	}

	/**
	 * A condition limiting the account id column to accounts whose name contains the
	 * text, as the account search matches it. Says nothing of scope: the caller's query
	 * is scoped already.
	 */
	public static Containing containing(NameSearch search, String text, String accountIdColumn) {
		NameSearch.Condition name = search.containing("account", "na.name_key", "na.name_grams", text,
				"accountNamePart");
		return new Containing(
				new AccountScopeSql(accountIdColumn + " in (select na.id from account na where " + name.sql() + ")",
						name.params()),
				name.fewNames());
	}

	/**
	 * The condition of {@link #containing}.
	 *
	 * @param scope the condition on the account id column and its parameters
	 * @param fewNames whether it asks the index for a piece few account names hold, so
	 * that it finds few accounts whatever the text
	 * ({@link NameSearch.Condition#fewNames})
	 */
	public record Containing(AccountScopeSql scope, boolean fewNames) {
	}

}
