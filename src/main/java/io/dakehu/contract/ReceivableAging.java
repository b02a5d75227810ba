package io.dakehu.contract;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

/**
 * The aging report of receivables (DOMAIN.md §12): what the accounts of a reader's scope
 * owe, by how far past due, by account, owner or team. Each owner's book is remembered
 * for the day with its version (decision 0058) and aged again only when the version
 * moved. No transaction scope, not even an empty one: each statement reads what is
 * committed, and a reader waiting for another's work on the same book holds no connection
 * meanwhile (as the credit lists, decision 0059).
 */
@Service
public class ReceivableAging {

	/**
	 * {@link Receivables#OWED} with the book each account's receivables are counted in
	 * ({@code book_id}, the owner's id: {@link ReceivableBooks}), for the aging
	 * remembered per book. Conditions may name the book as {@code ra}.
	 */
	private static final String OWED_IN_BOOKS = """
			select ra.owner_id as book_id, i.account_id, c.owner_id, i.due_date, i.amount - i.paid as owed
			from instalment i
			join contract c on c.id = i.contract_id
			join receivable_account ra on ra.account_id = i.account_id
			where\s""" + Receivables.STILL_OWED;

	private final JdbcClient jdbc;

	private final AccountQueries accounts;

	private final Users users;

	private final ReceivableBooks books;

	/**
	 * Each owner's book on a day; a book weighs its accounts (a few hundred bytes each,
	 * with the name): at most half a million accounts' lines are remembered.
	 */
	private final VersionedMemo<AgingBook> remembered = new VersionedMemo<>(500_000, AgingBook::weight,
			AgingBook.EMPTY);

	private final Clock clock;

	ReceivableAging(JdbcClient jdbc, AccountQueries accounts, Users users, ReceivableBooks books, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.users = users;
		this.books = books;
		this.clock = clock;
	}

	/**
	 * A page of the aging of everything owed in the reader's scope, by account, owner
	 * (the contract's) or the owner's team, largest total first, with the total of all of
	 * it. Each owner's book is remembered for the day with its version (decision 0058)
	 * and aged again only when the version moved; the accounts shared with the reader
	 * from other books are aged on each request.
	 */
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
		OwedAging.aged(this.jdbc, OWED_IN_BOOKS, "o.book_id, o.account_id, o.owner_id", "ra.owner_id in (:agingOwners)",
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
		OwedAging.aged(this.jdbc, OWED_IN_BOOKS, "o.account_id, o.owner_id",
				shared.condition() + " and ra.owner_id not in (:agingOwners)", params, today,
				(keys, aging) -> owed.add(new AgingBook.Owed(keys[0], keys[1], aging)));
		return AgingBook.of(owed, this.accounts.names(owed.stream().map(AgingBook.Owed::accountId).toList()));
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
