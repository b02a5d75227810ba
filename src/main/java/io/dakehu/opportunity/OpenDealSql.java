package io.dakehu.opportunity;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import org.springframework.modulith.NamedInterface;

/**
 * The products each of a few accounts is offered in open deals (still in one of the eight
 * buying steps), as a derived table for set-based SQL (the whitespace matrix of a key
 * account plan, DOMAIN.md §10.7). Columns: {@code account_id}, {@code product_id},
 * {@code opportunity_id}; a deal has a row for its main product and each further one.
 */
@NamedInterface("sql")
public record OpenDealSql(String table, Map<String, Object> params) {

	private static final String OPEN = """
			(select od.account_id, od.product_id, od.opportunity_id
			 from (select o.account_id, o.product_id, o.id as opportunity_id from opportunity o
			       where o.account_id in (:openDealAccounts) and o.stage not in ('WON', 'LOST')
			         and o.product_id is not null
			       union
			       select o.account_id, op.product_id, o.id from opportunity o
			       join opportunity_product op on op.opportunity_id = o.id
			       where o.account_id in (:openDealAccounts) and o.stage not in ('WON', 'LOST')) od)""";

	/**
	 * @param accountIds the accounts, not empty; the caller has limited them to the
	 * reader's scope
	 */
	public static OpenDealSql of(Collection<Long> accountIds) {
		return new OpenDealSql(OPEN, Map.of("openDealAccounts", Set.copyOf(accountIds)));
	}

}
