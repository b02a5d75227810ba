package io.dakehu.order;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.modulith.NamedInterface;

/**
 * What each of a few accounts bought of each product over a period, as a derived table
 * for set-based SQL (the whitespace matrix of a key account plan, DOMAIN.md §10.7).
 * Columns: {@code account_id}, {@code product_id}, {@code amount} and {@code last_bought}
 * (a date); only pairs with a purchase have a row, and lines without a product none. Read
 * along the (account, date) index for these accounts only.
 */
@NamedInterface("sql")
public record ProductPurchaseSql(String table, Map<String, Object> params) {

	private static final String BOUGHT = """
			(select o.account_id, o.product_id, sum(o.amount) as amount, max(o.order_date) as last_bought
			 from order_line o
			 where o.account_id in (:boughtAccounts) and o.order_date between :boughtFrom and :boughtTo
			   and o.product_id is not null
			 group by o.account_id, o.product_id)""";

	/**
	 * @param accountIds the accounts, not empty; the caller has limited them to the
	 * reader's scope
	 * @param from first day counted
	 * @param to last day counted
	 */
	public static ProductPurchaseSql of(Collection<Long> accountIds, LocalDate from, LocalDate to) {
		Map<String, Object> params = new HashMap<>();
		params.put("boughtAccounts", Set.copyOf(accountIds));
		params.put("boughtFrom", from);
		params.put("boughtTo", to);
		return new ProductPurchaseSql(BOUGHT, params);
	}

}
