package io.dakehu.contact;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.dakehu.account.AccountBookSql;
import io.dakehu.account.AccountNameSql;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.NameSearch;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The contact list: the people at the live accounts of the reader's book (their own and
 * those shared with them; the pool's accounts are nobody's book and show their people on
 * the pool's pages), found by any part of the name, or by a whole e-mail address or phone
 * number (its digits, however it is written), and sorted by name, by account or by when
 * they were added.
 */
@Service
@Transactional(readOnly = true)
public class ContactList {

	/**
	 * Counting stops here, as for a name search of accounts (decision 0054): the cost of
	 * a page stays bounded however broad the search, and a list of more than a thousand
	 * people is one to search, not to page through.
	 */
	static final int COUNT_LIMIT = 1_000;

	/**
	 * Up to how many owners a book's list reads each owner's people apart and merges them
	 * (a manager's team); a wider book reads them together and sorts.
	 */
	private static final int MERGED_OWNERS = 30;

	/**
	 * The orders {@link Criteria#sort} names, each ending in the contact's id so pages
	 * never overlap; {@code %2$s} is the account's sort key.
	 */
	private static final Map<String, String> SORTS = Map.of("name", "lower(c.name) %1$s, c.id %1$s", "account",
			"%2$s %1$s, lower(c.name) %1$s, c.id %1$s", "created", "c.created_at %1$s, c.id %1$s");

	private final JdbcClient jdbc;

	private final NameSearch nameSearch;

	private final Users users;

	ContactList(JdbcClient jdbc, NameSearch nameSearch, Users users) {
		this.jdbc = jdbc;
		this.nameSearch = nameSearch;
		this.users = users;
	}

	public PageResult<ContactRow> search(RecordScope scope, Criteria criteria, PageRequest page) {
		Set<Long> owners = null;
		if (StringUtils.hasText(criteria.owner())) {
			Optional<UserSummary> owner = this.users.findByUsername(criteria.owner().strip());
			if (owner.isEmpty()) {
				return new PageResult<>(List.of(), page.page(), page.size(), 0);
			}
			owners = Set.of(owner.get().id());
		}
		// The list's default order, which any sort it does not know falls back to.
		boolean byName = criteria.sort() == null || !SORTS.containsKey(criteria.sort())
				|| criteria.sort().equals("name");
		boolean byCreation = "created".equals(criteria.sort());
		if (!StringUtils.hasText(criteria.q()) && (byName || byCreation) && (!scope.all() || owners != null)) {
			return byBook(scope, owners, byName ? "lower(c.name)" : "c.created_at", criteria.descending(), page);
		}
		StringBuilder where = new StringBuilder(" where 1 = 1");
		Map<String, Object> params = new HashMap<>();
		String from;
		String accountName;
		String accountKey;
		boolean onePlan = false;
		if (StringUtils.hasText(criteria.q())) {
			NameSearch.Condition name = this.nameSearch.containing("contact", "lower(c.name)", "c.name_grams",
					criteria.q(), "q");
			onePlan = name.fewNames();
			// A whole address, or a whole number by its digits however it is written;
			// the name matches any part.
			String digits = criteria.q().replaceAll("[^0-9]", "");
			where.append(" and (")
				.append(name.sql())
				.append(" or lower(c.email) = :qEmail")
				.append(digits.isEmpty() ? ")" : " or c.phone_digits = :qPhone)");
			params.putAll(name.params());
			params.put("qEmail", NameSearch.key(criteria.q()));
			params.put("qPhone", digits);
			// A search starts from its few matches and checks each one's account; reading
			// the whole book first cost a KAM's search their every account.
			AccountScopeSql book = AccountBookSql.on(scope, owners, "b");
			where.append(" and ").append(book.condition());
			params.putAll(book.params());
			from = " from contact c" + AccountNameSql.innerJoin("b", "c.account_id");
			accountName = AccountNameSql.name("b");
			accountKey = AccountNameSql.sortKey("b");
		}
		else {
			// The list without a search starts from the book: a KAM's people are their
			// accounts' people.
			AccountBookSql book = AccountBookSql.of(scope, owners);
			params.putAll(book.params());
			from = " from contact c join " + book.table() + " b on b.account_id = c.account_id";
			accountName = "b.account_name";
			accountKey = "b.account_name_key";
		}
		String direction = criteria.descending() ? "desc" : "asc";
		String order = SORTS.getOrDefault(criteria.sort(), SORTS.get("name")).formatted(direction, accountKey);
		String columns = """
				select c.id, c.name, c.title, c.department, c.account_id, %s, c.phone, c.email, c.created_at
				""".formatted(accountName);
		String rows;
		String matches;
		List<AccountBookSql> parts = StringUtils.hasText(criteria.q()) ? List.of()
				: AccountBookSql.parts(scope, owners);
		if (parts.size() > 1) {
			// By account, a book with accounts shared into it: each part's people read in
			// the order of its accounts' names as far as the page reaches, then merged.
			// Joined to both parts at once, the order of the owners' name index was lost
			// and a KAM's every person read and sorted for a page (decision 0075).
			String reach = " limit " + (page.offset() + page.size());
			String branches = parts.stream().map((part) -> {
				params.putAll(part.params());
				return "(" + columns.strip() + ", b.account_name_key as sort_account, lower(c.name) as sort_name"
						+ " from contact c join " + part.table() + " b on b.account_id = c.account_id order by " + order
						+ reach + ")";
			}).collect(Collectors.joining(" union all "));
			rows = "select p.id, p.name, p.title, p.department, p.account_id, p.account_name, p.phone, p.email,"
					+ " p.created_at from (" + branches + ") p order by p.sort_account " + direction + ", p.sort_name "
					+ direction + ", p.id " + direction;
			// Counted from the contacts' books, as the list by name is.
			Books books = books(scope, owners);
			params.putAll(books.params());
			matches = books.matches();
		}
		else {
			rows = columns + from + where + " order by " + order;
			matches = "select 1" + from + where + " limit " + (COUNT_LIMIT + 1);
		}
		if (onePlan) {
			// A name's rare piece, or a phone number's digits, which no name holds: the
			// index finds the few people whatever the text (decision 0071).
			return this.nameSearch.onePlan(this.jdbc,
					() -> page(NameSearch.ONE_PLAN + rows, NameSearch.ONE_PLAN + matches, params, page, true));
		}
		return page(rows, matches, params, page, StringUtils.hasText(criteria.q()));
	}

	/**
	 * A book's people by name or by creation without a search (decisions 0069, 0075):
	 * each owner's read along the index of the contacts' books in that order, as far as
	 * the page reaches, and merged with the people at accounts shared with the reader;
	 * the accounts are joined for the page's rows only. Read through the accounts, a
	 * KAM's first page read and sorted every person of their book.
	 * @param filter the owners asked for; null for the whole book
	 * @param sortKey the order's column: {@code lower(c.name)} or {@code c.created_at}
	 */
	private PageResult<ContactRow> byBook(RecordScope scope, Set<Long> filter, String sortKey, boolean descending,
			PageRequest page) {
		String direction = descending ? " desc" : " asc";
		String order = " order by " + sortKey + direction + ", c.id" + direction;
		String reach = " limit " + (page.offset() + page.size());
		Books books = books(scope, filter);
		if (books.branches().isEmpty()) {
			return new PageResult<>(List.of(), page.page(), page.size(), 0);
		}
		String union = books.branches()
			.stream()
			.map((branch) -> "(select c.id, c.name, c.title, c.department, c.account_id, c.phone, c.email,"
					+ " c.created_at, " + sortKey + " as sort_key from contact c where " + branch + order + reach + ")")
			.collect(Collectors.joining(" union all "));
		return page("select p.id, p.name, p.title, p.department, p.account_id, " + AccountNameSql.name("b")
				+ ", p.phone, p.email, p.created_at from (" + union + ") p"
				+ AccountNameSql.innerJoin("b", "p.account_id") + " order by p.sort_key" + direction + ", p.id"
				+ direction, books.matches(), books.params(), page, false);
	}

	/**
	 * The book's people as conditions on the contacts' own columns (decision 0069): one
	 * branch per owner of a team (each an index range already in order) or one for all
	 * the owners, and one for the people at accounts of other books shared with the
	 * reader; with the statement counting them, at most {@link #COUNT_LIMIT} + 1.
	 * @param filter the owners asked for; null for the whole book
	 */
	private static Books books(RecordScope scope, Set<Long> filter) {
		Set<Long> owned = new TreeSet<>((filter != null) ? filter : scope.ownerIds());
		if (!scope.all()) {
			owned.retainAll(scope.ownerIds());
		}
		Map<String, Object> params = new HashMap<>();
		List<String> branches = new ArrayList<>();
		List<String> counted = new ArrayList<>();
		if (owned.size() > 1 && owned.size() <= MERGED_OWNERS) {
			int i = 0;
			for (Long owner : owned) {
				branches.add("c.book_owner_id = :listOwner" + i);
				params.put("listOwner" + i, owner);
				i++;
			}
			counted.add("c.book_owner_id in (:listOwners)");
		}
		else if (!owned.isEmpty()) {
			branches.add("c.book_owner_id in (:listOwners)");
			counted.add(branches.get(0));
		}
		params.put("listOwners", owned.isEmpty() ? Set.of(-1L) : owned);
		if (!scope.all()) {
			// People at accounts of other books shared with the reader (0: no book).
			AccountScopeSql shared = AccountScopeSql.sharedWith(scope, "c.account_id");
			String sharedBranch = "c.book_owner_id <> 0 and c.book_owner_id not in (:readerOwners) and "
					+ shared.condition() + ((filter != null) ? " and c.book_owner_id in (:filterOwners)" : "");
			params.putAll(shared.params());
			params.put("readerOwners", scope.ownerIds().isEmpty() ? Set.of(-1L) : scope.ownerIds());
			params.put("filterOwners", (filter != null && !filter.isEmpty()) ? filter : Set.of(-1L));
			branches.add(sharedBranch);
			counted.add(sharedBranch);
		}
		String matches = counted.stream()
			.map((branch) -> "(select 1 from contact c where " + branch + " limit " + (COUNT_LIMIT + 1) + ")")
			.collect(Collectors.joining(" union all "));
		return new Books(branches, matches, params);
	}

	private record Books(List<String> branches, String matches, Map<String, Object> params) {
	}

	/**
	 * The page a statement of rows in the list's order reads (its limit and offset added
	 * here), with its total: told by a page that is not full, which is the last one (a
	 * search that finds a few people costs one query, not two), otherwise counted by the
	 * statement of {@code matches}, which reads at most {@link #COUNT_LIMIT} + 1 rows.
	 * @param searched whether the statement holds a search, planned for its text: the
	 * bounds are bound then; a list without one reads an index in its order whatever the
	 * values, and its bounds are written in, so PostgreSQL keeps one plan for it (bound,
	 * the plan made without them expected a tenth of the rows and lost to one made anew
	 * on every request, half a millisecond for a director's list by creation)
	 */
	private PageResult<ContactRow> page(String rowsSql, String matches, Map<String, Object> params, PageRequest page,
			boolean searched) {
		String bounds = searched ? " limit :limit offset :offset"
				: " limit " + page.size() + " offset " + page.offset();
		List<ContactRow> rows = this.jdbc.sql(rowsSql + bounds)
			.params(params)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, n) -> new ContactRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8),
					rs.getTimestamp(9).toLocalDateTime()))
			.list();
		if (rows.size() < page.size() && (!rows.isEmpty() || page.offset() == 0)) {
			return new PageResult<>(rows, page.page(), page.size(), page.offset() + rows.size());
		}
		long total = this.jdbc.sql("select count(*) from (" + matches + ") matches")
			.params(params)
			.query(Long.class)
			.single();
		return (total > COUNT_LIMIT) ? new PageResult<>(rows, page.page(), page.size(), COUNT_LIMIT, false)
				: new PageResult<>(rows, page.page(), page.size(), total);
	}

	/**
	 * What the list shows.
	 *
	 * @param q any part of the name, or a whole e-mail address or phone number
	 * @param owner the username whose accounts' people to list; null for the whole book
	 * @param sort {@code name}, {@code account} or {@code created}; anything else sorts
	 * by name
	 */
	public record Criteria(String q, String owner, String sort, boolean descending) {
	}

	/** A contact as the list shows it, with the account they work at. */
	public record ContactRow(long id, String name, String title, String department, long accountId, String accountName,
			String phone, String email, LocalDateTime createdAt) {
	}

}
