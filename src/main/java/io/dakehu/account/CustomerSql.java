package io.dakehu.account;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.modulith.NamedInterface;

/**
 * The company's customers (DOMAIN.md §3.1) as a derived table other modules may compose
 * into set-based SQL: live accounts that have bought and are not lost (lifecycle ACTIVE
 * or DORMANT). Prospects and lost accounts are not customers. The table has the columns
 * {@code account_id} and {@code owner_id}; the account module keeps it in step with its
 * own table and lifecycle.
 */
@NamedInterface("sql")
public record CustomerSql(String table, Map<String, Object> params) {

	private static final String CUSTOMERS = """
			(select c.id as account_id, c.owner_id from account c
			 where c.archived = false and c.status in ('%s', '%s')%s)""";

	/** Every customer of the company. */
	public static CustomerSql population() {
		return new CustomerSql(CUSTOMERS.formatted(LifecycleStatus.ACTIVE.name(), LifecycleStatus.DORMANT.name(), ""),
				Map.of());
	}

	/**
	 * The customers owned by the given users only.
	 * @param owners user ids, not empty
	 */
	public static CustomerSql ownedBy(Collection<Long> owners) {
		Map<String, Object> params = new HashMap<>();
		params.put("customerOwners", owners);
		return new CustomerSql(CUSTOMERS.formatted(LifecycleStatus.ACTIVE.name(), LifecycleStatus.DORMANT.name(),
				" and c.owner_id in (:customerOwners)"), params);
	}

}
