package io.dakehu.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lifetime facts of the ledger that other modules show beside their own figures: when the
 * newest purchase was, and what each account bought up to a date. The callers have
 * limited the accounts to the reader's scope.
 */
@Service
@Transactional(readOnly = true)
public class PurchaseHistory {

	private final JdbcClient jdbc;

	PurchaseHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The date of the newest purchase on or before the given day, if any. */
	public Optional<LocalDate> newestPurchase(LocalDate until) {
		return this.jdbc.sql("select max(order_date) from order_line where order_date <= :until")
			.param("until", until)
			.query(LocalDate.class)
			.optional();
	}

	/**
	 * Per account with a purchase on or before {@code until}: the total amount and the
	 * first purchase date, read along the (account, date) index for these accounts only.
	 */
	public Map<Long, Lifetime> lifetime(Collection<Long> accountIds, LocalDate until) {
		Map<Long, Lifetime> lifetime = new HashMap<>();
		if (accountIds.isEmpty()) {
			return lifetime;
		}
		this.jdbc.sql("""
				select account_id, sum(amount), min(order_date) from order_line
				where account_id in (:ids) and order_date <= :until group by account_id""")
			.param("ids", Set.copyOf(accountIds))
			.param("until", until)
			.query((ResultSet rs) -> {
				lifetime.put(rs.getLong(1), new Lifetime(rs.getBigDecimal(2), rs.getDate(3).toLocalDate()));
			});
		return lifetime;
	}

	/** What one account bought in all up to a date, and since when. */
	public record Lifetime(BigDecimal total, LocalDate firstPurchase) {
	}

}
