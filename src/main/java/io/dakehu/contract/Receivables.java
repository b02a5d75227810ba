package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountQueries;
import io.dakehu.identity.RecordScope;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receivables (应收账款, DOMAIN.md §12): what accounts still owe on contracts in force or
 * ended, aged by how far past due, and each account's payment record. Drafts and
 * contracts awaiting approval owe nothing yet; written-off instalments no longer count as
 * owed. Ageing is a grouped query in the database, comparing due dates with bounds
 * computed from the clock, so it agrees with {@link AgingBucket#of}. The aging report is
 * {@link ReceivableAging}'s.
 */
@Service
@Transactional(readOnly = true)
public class Receivables implements ReceivableIndicators {

	/**
	 * The rule of {@link #OWED} on an instalment {@code i} of a contract {@code c}: not
	 * written off, not settled, of a contract that takes money.
	 */
	static final String STILL_OWED = """
			i.written_off_on is null and i.paid < i.amount and c.status not in ('DRAFT', 'AWAITING_APPROVAL')""";

	/**
	 * What each instalment of a contract that takes money still owes: its account, the
	 * contract's owner, its due date; written-off and settled instalments are left out.
	 * What was paid is kept on the instalment (decision 0040), so an aging reads only the
	 * open instalments of its scope, along their index on PostgreSQL, and no allocation.
	 */
	static final String OWED = """
			select i.account_id, c.owner_id, i.due_date, i.amount - i.paid as owed
			from instalment i
			join contract c on c.id = i.contract_id
			where\s""" + STILL_OWED;

	private final JdbcClient jdbc;

	private final AccountQueries accounts;

	private final Contracts contracts;

	private final Instalments instalments;

	private final Receipts receipts;

	private final CreditLimits limits;

	private final Clock clock;

	Receivables(JdbcClient jdbc, AccountQueries accounts, Contracts contracts, Instalments instalments,
			Receipts receipts, CreditLimits limits, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.contracts = contracts;
		this.instalments = instalments;
		this.receipts = receipts;
		this.limits = limits;
		this.clock = clock;
	}

	/**
	 * An account's receivables and payment record.
	 * @throws io.dakehu.shared.NotFoundException when the reader may not see the account
	 */
	public PaymentIndicators forAccount(RecordScope scope, long accountId) {
		this.accounts.requireVisible(scope, accountId);
		return of(List.of(accountId)).get(accountId);
	}

	/**
	 * The data card's part: active contracts, the next instalments owed, the last
	 * receipts and the indicators.
	 */
	public AccountReceivables card(RecordScope scope, long accountId, int limit) {
		PaymentIndicators indicators = forAccount(scope, accountId);
		List<ContractView> active = this.contracts.list(scope,
				new ContractFilter(accountId, ContractStatus.ACTIVE, null, false), limit);
		Map<Long, String> numbers = new HashMap<>();
		this.contracts.list(scope, new ContractFilter(accountId, null, null, false), 1000)
			.forEach((contract) -> numbers.put(contract.id(), contract.number()));
		return new AccountReceivables(indicators, active,
				this.instalments.owedOnAccount(accountId, numbers, today(), limit),
				this.receipts.latestOnAccount(scope, accountId, limit), new CreditUse(
						this.limits.granted(accountId).orElse(null), indicators.aging().total(), BigDecimal.ZERO));
	}

	@Override
	public Map<Long, PaymentIndicators> of(Collection<Long> accountIds) {
		LocalDate today = today();
		Map<Long, PaymentIndicators> result = new HashMap<>();
		if (accountIds.isEmpty()) {
			return result;
		}
		Set<Long> ids = Set.copyOf(accountIds);
		Map<Long, Aging> aging = new HashMap<>();
		OwedAging.aged(this.jdbc, OWED, "o.account_id", "i.account_id in (:accounts)", Map.of("accounts", ids), today,
				(keys, aged) -> aging.put(keys[0], aged));
		// Receipts are never dated after today, nor write-offs: tomorrow bounds nothing.
		Map<Long, List<PaymentRecord.Due>> histories = histories(ids, today, today.plusDays(1));
		Map<Long, int[]> ended = ended(ids, today, today.plusDays(1));
		Map<Long, BigDecimal> credit = credit(ids);
		for (long account : ids) {
			List<PaymentRecord.Due> history = histories.getOrDefault(account, List.of());
			int[] closed = ended.getOrDefault(account, new int[2]);
			result.put(account,
					new PaymentIndicators(account, today, aging.getOrDefault(account, Aging.NONE),
							credit.getOrDefault(account, BigDecimal.ZERO), PaymentRecord.onTimeRate(history, today),
							PaymentRecord.weightedDaysOverdue(history, today),
							PaymentRecord.fulfilmentRate(closed[0], closed[1]), PaymentRecord.defaults(history, today),
							PaymentRecord.dso(history, today)));
		}
		return result;
	}

	@Override
	public Map<Long, FulfilmentFigures> fulfilment(Collection<Long> accountIds, LocalDate day) {
		Map<Long, FulfilmentFigures> result = new HashMap<>();
		if (accountIds.isEmpty()) {
			return result;
		}
		Set<Long> ids = Set.copyOf(accountIds);
		Map<Long, List<PaymentRecord.Due>> histories = histories(ids, day, day);
		Map<Long, int[]> ended = ended(ids, day, day);
		Set<Long> withContracts = new HashSet<>(this.jdbc.sql("""
				select distinct account_id from contract
				where account_id in (:accounts) and status not in ('DRAFT', 'AWAITING_APPROVAL')
				  and signed_date < :day""").param("accounts", ids).param("day", day).query(Long.class).list());
		for (long account : ids) {
			List<PaymentRecord.Due> history = histories.getOrDefault(account, List.of());
			int[] closed = ended.getOrDefault(account, new int[2]);
			result.put(account,
					new FulfilmentFigures(account, day, withContracts.contains(account),
							PaymentRecord.onTimeRate(history, day), PaymentRecord.weightedDaysOverdue(history, day),
							PaymentRecord.fulfilmentRate(closed[0], closed[1]), PaymentRecord.defaults(history, day)));
		}
		return result;
	}

	/**
	 * Each account's instalments of the 3 years before {@code today}, with what receipts
	 * dated before {@code before} paid of them and the write-offs before it.
	 */
	private Map<Long, List<PaymentRecord.Due>> histories(Set<Long> ids, LocalDate today, LocalDate before) {
		Map<Long, List<PaymentRecord.Due>> histories = new HashMap<>();
		this.jdbc.sql("""
				select i.account_id, i.due_date, i.amount,
				       case when i.written_off_on < :before then i.written_off_on end,
				       coalesce(sum(p.amount), 0),
				       coalesce(sum(case when p.received_on <= i.due_date then p.amount else 0 end), 0),
				       max(p.received_on)
				from instalment i
				join contract c on c.id = i.contract_id
				left join (select a.instalment_id, a.amount, r.received_on from receipt_allocation a
				           join receipt r on r.id = a.receipt_id where r.received_on < :before) p
				  on p.instalment_id = i.id
				where i.account_id in (:accounts) and c.status not in ('DRAFT', 'AWAITING_APPROVAL')
				  and (i.due_date >= :since or i.written_off_on >= :since)
				group by i.id, i.account_id, i.due_date, i.amount, i.written_off_on""")
			.param("accounts", ids)
			.param("since", today.minusYears(3))
			.param("before", before)
			.query((rs, n) -> {
				BigDecimal amount = rs.getBigDecimal(3);
				BigDecimal paid = rs.getBigDecimal(5);
				LocalDate last = (rs.getDate(7) != null) ? rs.getDate(7).toLocalDate() : null;
				return histories.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>())
					.add(new PaymentRecord.Due(rs.getDate(2).toLocalDate(), amount, rs.getBigDecimal(6), paid,
							(paid.compareTo(amount) >= 0) ? last : null,
							(rs.getDate(4) != null) ? rs.getDate(4).toLocalDate() : null));
			})
			.list();
		return histories;
	}

	/** Contracts completed ([0]) and terminated ([1]) in the 3 years before a day. */
	private Map<Long, int[]> ended(Set<Long> ids, LocalDate today, LocalDate before) {
		Map<Long, int[]> ended = new HashMap<>();
		this.jdbc.sql("""
				select account_id, status, count(*) from contract
				where account_id in (:accounts) and status in ('COMPLETED', 'TERMINATED') and ended_on >= :since
				  and ended_on < :before
				group by account_id, status""")
			.param("accounts", ids)
			.param("since", today.minusYears(3))
			.param("before", before)
			.query((rs,
					n) -> ended.computeIfAbsent(rs.getLong(1),
							(k) -> new int[2])[rs.getString(2).strip().equals("COMPLETED") ? 0 : 1] = rs.getInt(3))
			.list();
		return ended;
	}

	/**
	 * What receipts paid beyond the instalments, per account: received less what the
	 * account's instalments have paid, as every allocation pays an instalment of the
	 * receipt's own contract and so of its account.
	 */
	private Map<Long, BigDecimal> credit(Set<Long> accountIds) {
		Map<Long, BigDecimal> credit = new HashMap<>();
		this.jdbc.sql("select account_id, sum(amount) from receipt where account_id in (:accounts) group by account_id")
			.param("accounts", accountIds)
			.query((rs, n) -> credit.put(rs.getLong(1), rs.getBigDecimal(2)))
			.list();
		this.jdbc.sql("""
				select account_id, sum(paid) from instalment where account_id in (:accounts) and paid > 0
				group by account_id""")
			.param("accounts", accountIds)
			.query((rs, n) -> credit.merge(rs.getLong(1), rs.getBigDecimal(2).negate(), BigDecimal::add))
			.list();
		return credit;
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
