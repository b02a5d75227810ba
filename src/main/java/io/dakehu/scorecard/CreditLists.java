package io.dakehu.scorecard;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.dakehu.account.AccountBookSql;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.OwnerBooks;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.segmentation.LatestClasses;
import io.dakehu.segmentation.Segmentation;
import io.dakehu.segmentation.TierSql;
import io.dakehu.shared.VersionedMemo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The credit lists of a portfolio (DOMAIN.md §5): the accounts due a rating this quarter
 * and the tier × grade heat map, each worked out per owner's book and remembered for the
 * day with the book's version (decision 0059, {@link CreditBooks}); the accounts shared
 * with a reader from outside their books are counted as they stand. Neither runs in a
 * transaction of its own: each owner's part is one statement, and a reader waiting for
 * another's work on the same book holds no connection meanwhile (in a transaction scope,
 * even an empty one, it would, and twenty readers waiting emptied the pool while ratings
 * were recorded).
 */
@Service
public class CreditLists {

	/**
	 * The most accounts a due list answers: what each owner's book remembers of each kind
	 * (key accounts, the others).
	 */
	public static final int MOST_DUE = 500;

	/**
	 * Up to how many books' heat maps are counted by looking each account up; more are
	 * counted by joining (see {@link #heatBooks}).
	 */
	private static final int PROBED_BOOKS = 20;

	private final CreditBooks books;

	private final Segmentation segmentation;

	private final LatestClasses classes;

	private final AccountQueries accounts;

	private final Users users;

	private final JdbcClient jdbc;

	private final Clock clock;

	/** A book's due accounts weigh a row each; a million rows are remembered. */
	private final VersionedMemo<DueBook> dueBooks = new VersionedMemo<>(1_000_000, DueBook::weight, DueBook.NONE);

	/** A book's heat map weighs one entry; a hundred thousand owners are remembered. */
	private final VersionedMemo<Map<String, Map<String, Long>>> heatBooks = new VersionedMemo<>(100_000, (heat) -> 1,
			Map.of());

	CreditLists(CreditBooks books, Segmentation segmentation, LatestClasses classes, AccountQueries accounts,
			Users users, JdbcClient jdbc, Clock clock) {
		this.books = books;
		this.segmentation = segmentation;
		this.classes = classes;
		this.accounts = accounts;
		this.users = users;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Live accounts in scope with no rating for the current quarter: key accounts first,
	 * then by owner and name, with the latest earlier rating of each, and how many there
	 * are.
	 * @param ownerIds only these owners' accounts; null for every account in the scope
	 * @param limit how many rows at most ({@link #MOST_DUE} at most)
	 */
	public DueList due(RecordScope scope, Set<Long> ownerIds, int limit) {
		LocalDate today = LocalDate.now(this.clock);
		Quarter quarter = Quarter.of(today);
		OwnerBooks.Versions versions = this.books.versions(scope);
		Set<Long> owners = owners(scope, ownerIds, versions);
		Map<Long, DueBook> parts = new HashMap<>(
				this.dueBooks.of(owners, versions.byOwner(), today, (moved) -> dueBooks(moved, null, quarter)));
		if (versions.shared()) {
			parts.putAll(dueBooks(null, shared(scope, ownerIds), quarter));
		}
		List<Long> sorted = new ArrayList<>(new TreeSet<>(parts.keySet()));
		int rows = Math.min(limit, MOST_DUE);
		List<DueBook.Row> page = new ArrayList<>();
		long total = 0;
		for (boolean key : new boolean[] { true, false }) {
			for (Long owner : sorted) {
				DueBook part = parts.get(owner);
				List<DueBook.Row> kind = key ? part.keyAccounts() : part.others();
				page.addAll(kind.subList(0, Math.min(kind.size(), Math.max(0, rows - page.size()))));
				total += key ? part.keyCount() : part.otherCount();
			}
		}
		Set<Long> pageOwners = new HashSet<>();
		page.forEach((row) -> pageOwners.add(row.ownerId()));
		Map<Long, UserSummary> people = this.users.byIds(pageOwners);
		List<DueRating> accounts = page.stream().map((row) -> {
			UserSummary owner = people.get(row.ownerId());
			return new DueRating(row.accountId(), row.accountName(), row.ownerId(),
					(owner != null) ? owner.username() : null, row.keyAccount(), row.lastQuarter(), row.lastGrade());
		}).toList();
		return new DueList(quarter.toString(), accounts, total);
	}

	/**
	 * The current quarter's ratings still to do on the user's own accounts, for the
	 * to-do.
	 */
	public DueList toDo(CurrentUser me, int limit) {
		return due(me.scope(), Set.of(me.id()), limit);
	}

	/**
	 * How many accounts in scope stand in each tier (of the latest segmentation run, NONE
	 * when unranked) and credit grade (of their latest rating): who is big and risky.
	 * Accounts never rated are left out.
	 * @return counts by tier code, then by grade code
	 */
	public Map<String, Map<String, Long>> tierByGrade(RecordScope scope) {
		LocalDate today = LocalDate.now(this.clock);
		OwnerBooks.Versions versions = this.books.versions(scope);
		Set<Long> owners = owners(scope, null, versions);
		List<Map<String, Map<String, Long>>> parts = new ArrayList<>(
				this.heatBooks.of(owners, versions.byOwner(), today, (moved) -> heatBooks(moved, null)).values());
		if (versions.shared()) {
			parts.addAll(heatBooks(null, shared(scope, null)).values());
		}
		Map<String, Map<String, Long>> counts = new HashMap<>();
		parts.forEach((part) -> part.forEach((tier, grades) -> grades.forEach((grade,
				count) -> counts.computeIfAbsent(tier, (t) -> new HashMap<>()).merge(grade, count, Long::sum))));
		return counts;
	}

	/**
	 * The rated accounts in scope with their tier and latest rating, in a cell of the
	 * heat map or all of them, by name: what a cell's export holds.
	 * @param tier a tier code (NONE for unranked), null for every tier
	 * @param grade a grade code, null for every grade
	 */
	public List<GradedAccount> graded(RecordScope scope, String tier, String grade) {
		List<GradedAccount> listed = latestGraded(scope).stream()
			.filter((account) -> tier == null || tier.equals(account.tier()))
			.filter((account) -> grade == null || grade.equals(account.grade()))
			.toList();
		List<Long> ids = listed.stream().map(GradedAccount::accountId).toList();
		Map<Long, String> names = this.accounts.names(ids);
		Map<Long, String> owners = this.accounts.ownerUsernames(ids);
		return listed.stream()
			.map((a) -> new GradedAccount(a.accountId(), names.get(a.accountId()), owners.get(a.accountId()), a.tier(),
					a.grade(), a.quarter(), a.score(), a.provisional(), a.ratingId()))
			.sorted(Comparator.comparing(GradedAccount::name, Comparator.nullsLast(String::compareTo)))
			.toList();
	}

	/**
	 * The books a reader's list is made of: the scope's owners (every book for a scope of
	 * everything), only those asked for when {@code ownerIds} is given.
	 */
	private static Set<Long> owners(RecordScope scope, Set<Long> ownerIds, OwnerBooks.Versions versions) {
		Set<Long> owners = new HashSet<>(scope.all() ? versions.byOwner().keySet() : scope.ownerIds());
		if (ownerIds != null) {
			owners.retainAll(ownerIds);
		}
		return owners;
	}

	/**
	 * The accounts shared with the reader from books outside the reader's own, as a book
	 * fragment and the condition keeping them.
	 */
	private static Part shared(RecordScope scope, Set<Long> ownerIds) {
		AccountBookSql book = AccountBookSql.of(scope, ownerIds);
		Map<String, Object> params = new HashMap<>(book.params());
		params.put("creditReaderOwners", scope.ownerIds().isEmpty() ? Set.of(-1L) : scope.ownerIds());
		return new Part(book.table(), "b.owner_id not in (:creditReaderOwners)", params);
	}

	/** The given owners' books in full (the first argument), or a part of a book. */
	private static Part books(Set<Long> owners, Part part) {
		if (part != null) {
			return part;
		}
		AccountBookSql book = AccountBookSql.of(RecordScope.everything(0), owners);
		return new Part(book.table(), "1 = 1", book.params());
	}

	/**
	 * The due accounts of each owner's book, the first {@link #MOST_DUE} of each kind
	 * with their latest earlier rating, and how many of each kind.
	 */
	private Map<Long, DueBook> dueBooks(Set<Long> owners, Part part, Quarter quarter) {
		Part from = books(owners, part);
		Map<String, Object> params = new HashMap<>(from.params());
		params.put("dueQuarter", quarter.toString());
		params.put("dueKept", MOST_DUE);
		Map<Long, DueBook.Builder> built = new HashMap<>();
		this.jdbc.sql("""
				select p.account_id, p.account_name, p.owner_id, p.key_account, p.due_count,
				       (select r.quarter from credit_rating r where r.account_id = p.account_id
				        order by r.quarter desc, r.id desc limit 1) as last_quarter,
				       (select r.grade from credit_rating r where r.account_id = p.account_id
				        order by r.quarter desc, r.id desc limit 1) as last_grade
				from (select d.*,
				             row_number() over (partition by d.owner_id, d.key_account
				                                order by d.account_name, d.account_id) as due_rank,
				             count(*) over (partition by d.owner_id, d.key_account) as due_count
				      from (select b.account_id, b.account_name, b.owner_id,
				                   case when b.key_account_type is null then 0 else 1 end as key_account
				            from %s b
				            where %s and not exists (select 1 from credit_rating r where r.account_id = b.account_id
				                                     and r.quarter = :dueQuarter)) d) p
				where p.due_rank <= :dueKept
				order by p.owner_id, p.key_account, p.due_rank""".formatted(from.table(), from.condition()))
			.params(params)
			.query((java.sql.ResultSet rs) -> {
				DueBook.Builder book = built.computeIfAbsent(rs.getLong(3), (o) -> new DueBook.Builder());
				book.add(new DueBook.Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4) == 1,
						rs.getString(6), rs.getString(7)), rs.getLong(5));
			});
		Map<Long, DueBook> due = new HashMap<>();
		built.forEach((owner, book) -> due.put(owner, book.build()));
		return due;
	}

	/** Each owner's book's counts by tier and grade. */
	private Map<Long, Map<String, Map<String, Long>>> heatBooks(Set<Long> owners, Part part) {
		// Counted in the database, the tiers read from the fragment segmentation
		// publishes, so a director's million accounts never travel to Java.
		Part from = books(owners, part);
		TierSql tiers = this.segmentation.latestTierSql();
		Map<String, Object> params = new HashMap<>(from.params());
		params.putAll(tiers.params());
		Map<Long, Map<String, Map<String, Long>>> counts = new HashMap<>();
		String sql;
		if (part != null || owners.size() <= PROBED_BOOKS) {
			// A few books (a rating moved one): each account's latest grade and tier
			// looked up by its key, an index probe each. Joined instead, PostgreSQL
			// hashed every rating and every snapshot row of the company to count one
			// owner's book (the director's heat map ran 16 requests a second, p99 6 s,
			// while ratings were recorded). Accounts never rated come as a null grade,
			// left out below.
			sql = """
					select x.owner_id, x.tier, x.grade, count(*)
					from (select b.owner_id,
					             (select cr.grade from credit_rating cr where cr.account_id = b.account_id
					              order by cr.quarter desc, cr.id desc limit 1) as grade,
					             coalesce((select t.tier from %s t where t.account_id = b.account_id), 'NONE') as tier
					      from %s b where %s) x
					group by x.owner_id, x.tier, x.grade""".formatted(tiers.table(), from.table(), from.condition());
		}
		else {
			// Many books (the day's first reader of the company): hashing every rating is
			// the cheaper plan (2.6 s for a million accounts, 12.7 s probed).
			sql = """
					select b.owner_id, coalesce(t.tier, 'NONE') as tier, cr.grade, count(*) from %s b
					join credit_rating cr on cr.account_id = b.account_id
					left join %s t on t.account_id = b.account_id
					where %s and not exists (select 1 from credit_rating cn where cn.account_id = cr.account_id
					                         and (cn.quarter > cr.quarter or (cn.quarter = cr.quarter and cn.id > cr.id)))
					group by b.owner_id, coalesce(t.tier, 'NONE'), cr.grade"""
				.formatted(from.table(), tiers.table(), from.condition());
		}
		this.jdbc.sql(sql).params(params).query((java.sql.ResultSet rs) -> {
			if (rs.getString(3) != null) {
				counts.computeIfAbsent(rs.getLong(1), (o) -> new HashMap<>())
					.computeIfAbsent(rs.getString(2), (t) -> new HashMap<>())
					.put(rs.getString(3), rs.getLong(4));
			}
		});
		return counts;
	}

	/** Every rated account in scope with its latest rating and tier, unnamed. */
	private List<GradedAccount> latestGraded(RecordScope scope) {
		AccountBookSql book = AccountBookSql.of(scope, null);
		List<GradedAccount> rated = new ArrayList<>();
		this.jdbc
			.sql("""
					select b.account_id, cr.grade, cr.quarter, cr.score, cr.provisional, cr.id from %s b
					join credit_rating cr on cr.account_id = b.account_id
					where not exists (select 1 from credit_rating cn where cn.account_id = cr.account_id
					                  and (cn.quarter > cr.quarter or (cn.quarter = cr.quarter and cn.id > cr.id)))"""
				.formatted(book.table()))
			.params(book.params())
			.query((java.sql.ResultSet rs) -> {
				rated.add(new GradedAccount(rs.getLong(1), null, null, null, rs.getString(2), rs.getString(3),
						rs.getBigDecimal(4), rs.getBoolean(5), rs.getLong(6)));
			});
		Map<Long, LatestClasses.Classes> tiers = this.classes.of(rated.stream().map(GradedAccount::accountId).toList());
		return rated.stream().map((a) -> {
			LatestClasses.Classes found = tiers.get(a.accountId());
			return new GradedAccount(a.accountId(), null, null, (found != null) ? found.tier().name() : "NONE",
					a.grade(), a.quarter(), a.score(), a.provisional(), a.ratingId());
		}).toList();
	}

	/**
	 * Where a list's rows come from: a book fragment with columns {@code account_id},
	 * {@code account_name}, {@code owner_id}, {@code key_account_type} (alias {@code b})
	 * and a condition on it.
	 */
	private record Part(String table, String condition, Map<String, Object> params) {
	}

	/**
	 * The accounts due for the quarter: the first rows and the exact count.
	 */
	public record DueList(String quarter, List<DueRating> accounts, long total) {
	}

}
