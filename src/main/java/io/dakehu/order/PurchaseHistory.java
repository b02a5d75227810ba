package io.dakehu.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.dakehu.account.AccountBookSql;
import io.dakehu.identity.RecordScope;

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

	/**
	 * What these accounts bought together from {@code from} to {@code to}, both included;
	 * zero when nothing. Read along the (account, date) index.
	 */
	public BigDecimal total(Collection<Long> accountIds, LocalDate from, LocalDate to) {
		if (accountIds.isEmpty()) {
			return BigDecimal.ZERO;
		}
		return this.jdbc.sql("""
				select coalesce(sum(amount), 0) from order_line
				where account_id in (:ids) and order_date between :from and :to""")
			.param("ids", Set.copyOf(accountIds))
			.param("from", from)
			.param("to", to)
			.query(BigDecimal.class)
			.single();
	}

	/**
	 * Accounts of a book whose first purchase falls on one of the given days of the year,
	 * for the contact plan's anniversaries (DOMAIN.md §10.2), by account name.
	 * @param ownerIds only these owners' accounts; null for every account in the scope
	 * @param monthDays days of the year as {@code month * 100 + day}
	 */
	public List<FirstPurchase> firstPurchasesOn(RecordScope scope, Collection<Long> ownerIds,
			Collection<Integer> monthDays, int limit) {
		if (monthDays.isEmpty()) {
			return List.of();
		}
		AccountBookSql book = AccountBookSql.of(scope, ownerIds);
		return this.jdbc.sql("""
				select b.account_id, b.account_name, f.first_on from %s b
				join (select o.account_id, min(o.order_date) as first_on from order_line o
				      where o.account_id in (select bb.account_id from %s bb) group by o.account_id) f
				  on f.account_id = b.account_id
				where extract(month from f.first_on) * 100 + extract(day from f.first_on) in (:monthDays)
				order by b.account_name, b.account_id limit :limit""".formatted(book.table(), book.table()))
			.params(book.params())
			.param("monthDays", Set.copyOf(monthDays))
			.param("limit", limit)
			.query((rs, n) -> new FirstPurchase(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate()))
			.list();
	}

	/** The day an account first bought. */
	public record FirstPurchase(long accountId, String accountName, LocalDate firstPurchase) {
	}

	/** What one account bought in all up to a date, and since when. */
	public record Lifetime(BigDecimal total, LocalDate firstPurchase) {
	}

}
