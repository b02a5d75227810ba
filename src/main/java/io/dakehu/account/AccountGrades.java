package io.dakehu.account;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The credit grade of an account's latest rating, computed by another module, which the
 * account list shows as a column and offers as a filter. The other module implements it,
 * so the account module never depends on that module nor names its tables.
 */
public interface AccountGrades {

	/** The grade codes from the best down, e.g. {@code AAA, AA, A, B, C}. */
	List<String> codes();

	/**
	 * The grades of the given accounts; an account never rated is absent. The caller has
	 * limited the ids to the reader's scope.
	 */
	Map<Long, String> of(Collection<Long> accountIds);

	/**
	 * A condition limiting an account id column to accounts whose latest rating has the
	 * grade.
	 * @param accountIdColumn such as {@code a.id}
	 */
	AccountScopeSql filter(String code, String accountIdColumn);

}
