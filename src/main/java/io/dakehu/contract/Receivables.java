package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.account.OwnerBooks;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;
import io.dakehu.shared.VersionedMemo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Receivables (应收账款, DOMAIN.md §12): what accounts still owe on contracts in force or
 * ended, aged by how far past due, and each account's payment record. Drafts and
 * contracts awaiting approval owe nothing yet; written-off instalments no longer count as
 * owed. Ageing is a grouped query in the database, comparing due dates with bounds
 * computed from the clock, so it agrees with {@link AgingBucket#of}; the aging report
 * remembers each owner's book for the day (decision 0058) and ages only the books that
 * changed.
 */
@Service
@Transactional(readOnly = true)
public class Receivables implements ReceivableIndicators {

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
			where i.written_off_on is null and i.paid < i.amount and c.status not in ('DRAFT', 'AWAITING_APPROVAL')""";

	/**
	 * {@link #OWED} with the book each account's receivables are counted in
	 * ({@code book_id}, the owner's id: {@link ReceivableBooks}), for the aging
	 * remembered per book. Conditions may name the book as {@code ra}.
	 */
	private static final String OWED_IN_BOOKS = """
			select ra.owner_id as book_id, i.account_id, c.owner_id, i.due_date, i.amount - i.paid as owed
			from instalment i
			join contract c on c.id = i.contract_id
			join receivable_account ra on ra.account_id = i.account_id
			where i.written_off_on is null and i.paid < i.amount and c.status not in ('DRAFT', 'AWAITING_APPROVAL')""";

	private final JdbcClient jdbc;

	private final AccountQueries accounts;

	private final Users users;

	private final Contracts contracts;

	private final Instalments instalments;

	private final Receipts receipts;

	private final CreditLimits limits;

	private final ReceivableBooks books;

	/**
	 * Each owner's book on a day; a book weighs its accounts (a few hundred bytes each,
	 * with the name): at most half a million accounts' lines are remembered.
	 */
	private final VersionedMemo<AgingBook> remembered = new VersionedMemo<>(500_000, AgingBook::weight,
			AgingBook.EMPTY);

	private final Clock clock;

	Receivables(JdbcClient jdbc, AccountQueries accounts, Users users, Contracts contracts, Instalments instalments,
			Receipts receipts, CreditLimits limits, ReceivableBooks books, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.users = users;
		this.contracts = contracts;
		this.instalments = instalments;
		this.receipts = receipts;
		this.limits = limits;
		this.books = books;
		this.clock = clock;
	}

	/**
	 * A page of the aging of everything owed in the reader's scope, by account, owner
	 * (the contract's) or the owner's team, largest total first, with the total of all of
	 * it. Each owner's book is remembered for the day with its version (decision 0058)
	 * and aged again only when the version moved; the accounts shared with the reader
	 * from other books are aged on each request. No transaction of its own: each
	 * statement reads what is committed, and the request spares the round trips that
	 * begin and end one.
	 */
	@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
	public AgingReport aging(RecordScope scope, AgingScope by, PageRequest page) {
		List<AgingBook> parts = books(scope);
		Aging total = Aging.NONE;
		for (AgingBook part : parts) {
			total = total.plus(part.total());
		}
		long from = page.offset();
		long to = from + page.size();
		List<AgingRow> rows;
		long count;
		if (by == AgingScope.ACCOUNT) {
			// Each book is sorted and an account is in one book only: the page is among
			// the first lines of each.
			List<AgingBook.Line> first = new ArrayList<>();
			count = 0;
			for (AgingBook part : parts) {
				count += part.accounts().size();
				first.addAll(part.accounts().subList(0, (int) Math.min(to, part.accounts().size())));
			}
			first.sort(AgingBook.LARGEST_FIRST);
			List<AgingBook.Line> shown = first.subList((int) Math.min(from, first.size()),
					(int) Math.min(to, first.size()));
			rows = shown.stream().map(AgingBook.Line::row).toList();
		}
		else {
			List<AgingRow> all = byPeople(parts, by);
			count = all.size();
			rows = all.subList((int) Math.min(from, all.size()), (int) Math.min(to, all.size()));
		}
		return new AgingReport(new PageResult<>(rows, page.page(), page.size(), count), total);
	}

	/** Every row of the aging, largest total first, for an export. */
	public List<AgingRow> agingAll(RecordScope scope, AgingScope by) {
		List<AgingBook> parts = books(scope);
		if (by != AgingScope.ACCOUNT) {
			return byPeople(parts, by);
		}
		List<AgingBook.Line> all = new ArrayList<>();
		parts.forEach((part) -> all.addAll(part.accounts()));
		all.sort(AgingBook.LARGEST_FIRST);
		return all.stream().map(AgingBook.Line::row).toList();
	}

	/** The books of the reader's scope: its owners' as remembered, and what is shared. */
	private List<AgingBook> books(RecordScope scope) {
		LocalDate today = today();
		OwnerBooks.Versions versions = this.books.versions(scope);
		Set<Long> owners = scope.all() ? versions.byOwner().keySet() : scope.ownerIds();
		List<AgingBook> parts = new ArrayList<>(
				this.remembered.of(owners, versions.byOwner(), today, (moved) -> booksOf(moved, today)).values());
		if (versions.shared()) {
			parts.add(sharedBook(scope, today));
		}
		return parts;
	}

	/** The rows by the contracts' owner or their team, largest total first. */
	private List<AgingRow> byPeople(List<AgingBook> parts, AgingScope by) {
		Map<Long, Aging> byOwner = new HashMap<>();
		parts.forEach((part) -> part.byOwner().forEach((owner, aging) -> byOwner.merge(owner, aging, Aging::plus)));
		Map<Long, UserSummary> owners = this.users.byIds(byOwner.keySet());
		List<AgingRow> rows = new ArrayList<>();
		if (by == AgingScope.OWNER) {
			byOwner.forEach((id, aging) -> rows
				.add(new AgingRow(id, owners.containsKey(id) ? owners.get(id).displayName() : null, aging)));
		}
		else {
			Map<Long, AgingRow> teams = new LinkedHashMap<>();
			byOwner.forEach((id, aging) -> {
				UserSummary owner = owners.get(id);
				Long team = (owner != null) ? owner.teamId() : null;
				String name = (owner != null) ? owner.teamName() : null;
				teams.merge(team, new AgingRow(team, name, aging),
						(a, b) -> new AgingRow(a.id(), a.name(), a.aging().plus(b.aging())));
			});
			rows.addAll(teams.values());
		}
		rows.sort(Comparator.comparing((AgingRow row) -> row.aging().total())
			.reversed()
			.thenComparing(AgingRow::id, Comparator.nullsLast(Comparator.naturalOrder())));
		return rows;
	}

	/** The books of these owners as they stand. */
	private Map<Long, AgingBook> booksOf(Set<Long> owners, LocalDate today) {
		Map<Long, List<AgingBook.Owed>> owed = new HashMap<>();
		aged(OWED_IN_BOOKS, "o.book_id, o.account_id, o.owner_id", "ra.owner_id in (:agingOwners)",
				Map.of("agingOwners", owners), today,
				(keys, aging) -> owed.computeIfAbsent(keys[0], (k) -> new ArrayList<>())
					.add(new AgingBook.Owed(keys[1], keys[2], aging)));
		// Named here, once per book: renaming an account raises its book
		// (AccountsChanged).
		Map<Long, String> names = this.accounts
			.names(owed.values().stream().flatMap((rows) -> rows.stream().map(AgingBook.Owed::accountId)).toList());
		Map<Long, AgingBook> books = new HashMap<>();
		owed.forEach((owner, rows) -> books.put(owner, AgingBook.of(rows, names)));
		return books;
	}

	/**
	 * What the accounts shared with the reader through the account team owe, of those
	 * outside the books of the reader's scope: those books are remembered.
	 */
	private AgingBook sharedBook(RecordScope scope, LocalDate today) {
		AccountScopeSql shared = AccountScopeSql.sharedWith(scope, "i.account_id");
		Map<String, Object> params = new HashMap<>(shared.params());
		params.put("agingOwners", scope.ownerIds().isEmpty() ? Set.of(-1L) : scope.ownerIds());
		List<AgingBook.Owed> owed = new ArrayList<>();
		aged(OWED_IN_BOOKS, "o.account_id, o.owner_id", shared.condition() + " and ra.owner_id not in (:agingOwners)",
				params, today, (keys, aging) -> owed.add(new AgingBook.Owed(keys[0], keys[1], aging)));
		return AgingBook.of(owed, this.accounts.names(owed.stream().map(AgingBook.Owed::accountId).toList()));
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
		aged(OWED, "o.account_id", "i.account_id in (:accounts)", Map.of("accounts", ids), today,
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

	/**
	 * Ages what is owed in one grouped query, comparing due dates with bounds computed
	 * from the clock, so it agrees with {@link AgingBucket#of}.
	 * @param keys the id columns of {@code owed} (as {@code o.…}) to group by, in the
	 * order they are handed to {@code row}
	 */
	private void aged(String owed, String keys, String condition, Map<String, Object> conditionParams, LocalDate today,
			BiConsumer<long[], Aging> row) {
		Map<String, Object> params = new HashMap<>(conditionParams);
		params.put("today", today);
		params.put("d30", AgingBucket.DAYS_1_TO_30.earliestDue(today));
		params.put("d60", AgingBucket.DAYS_31_TO_60.earliestDue(today));
		params.put("d90", AgingBucket.DAYS_61_TO_90.earliestDue(today));
		int keyCount = keys.split(",").length;
		this.jdbc.sql("""
				select %s,
				       sum(case when o.due_date >= :today then o.owed else 0 end),
				       sum(case when o.due_date < :today and o.due_date >= :d30 then o.owed else 0 end),
				       sum(case when o.due_date < :d30 and o.due_date >= :d60 then o.owed else 0 end),
				       sum(case when o.due_date < :d60 and o.due_date >= :d90 then o.owed else 0 end),
				       sum(case when o.due_date < :d90 then o.owed else 0 end)
				from (%s and %s) o group by %s""".formatted(keys, owed, condition, keys)).params(params).query((rs) -> {
			long[] ids = new long[keyCount];
			for (int k = 0; k < keyCount; k++) {
				ids[k] = rs.getLong(k + 1);
			}
			Map<AgingBucket, BigDecimal> amounts = new EnumMap<>(AgingBucket.class);
			AgingBucket[] buckets = AgingBucket.values();
			for (int b = 0; b < buckets.length; b++) {
				amounts.put(buckets[b], rs.getBigDecimal(keyCount + b + 1));
			}
			row.accept(ids, Aging.of(amounts));
		});
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
