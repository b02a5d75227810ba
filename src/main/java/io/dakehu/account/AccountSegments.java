package io.dakehu.account;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A classification of accounts computed by another module, such as the customer tier,
 * which the account list shows as a column and offers as a filter. The other module
 * implements it, so the account module never depends on that module.
 */
public interface AccountSegments {

	/** The codes in their natural order, e.g. {@code VIP, MAJOR, ORDINARY, SMALL}. */
	List<String> codes();

	/** The message key prefix of a code's label, e.g. {@code tier.}. */
	String labelPrefix();

	/**
	 * The codes of the given accounts; an account not classified yet is absent. The
	 * caller has limited the ids to the reader's scope.
	 */
	Map<Long, String> of(Collection<Long> accountIds);

	/**
	 * A condition limiting an account id column to one code.
	 * @param accountIdColumn such as {@code a.id}
	 */
	AccountScopeSql filter(String code, String accountIdColumn);

}
