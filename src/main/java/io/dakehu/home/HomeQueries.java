package io.dakehu.home;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.dakehu.account.AccountScopeSql;
import io.dakehu.identity.RecordScope;
import io.dakehu.relationship.AssessmentSql;
import io.dakehu.segmentation.Segmentation;
import io.dakehu.segmentation.TierSql;
import io.dakehu.shared.DatabaseProduct;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The set-based figures of the home pages, composed from the fragments the owning modules
 * publish: the reader's book of accounts (account), each account's latest contact and
 * open plan (activity), its tier and cadence (segmentation), and whether it was ever
 * placed on the 25-grid (relationship).
 *
 * <p>
 * An account is due for contact (DOMAIN.md §10.2) on the earlier of its last contact plus
 * its tier's cadence and the next contact its latest activity planned; overdue after that
 * day. An account never contacted and without a plan is due today. A plan dated on or
 * before the contact that made it (an activity logged after the day it planned) plans
 * nothing ahead and is left out, so it cannot make the account overdue.
 *
 * <p>
 * The lists read on every request of the contact plan ({@code due}, {@code dueCounts})
 * join the caller's transaction but do not begin one: each statement reads what is
 * committed, as it would in a read-committed transaction, without the round trips that
 * begin and end one.
 */
@Service
@Transactional(readOnly = true)
public class HomeQueries {

	/** "Due" on the home page: overdue, or due within this many days from today. */
	public static final int DUE_WITHIN_DAYS = 7;

	private final JdbcClient jdbc;

	private final Segmentation segmentation;

	private final OwnerDueCounts ownerCounts;

	private final Clock clock;

	/**
	 * PostgreSQL: a book's due pages read each owner's first rows (H2 has no lateral).
	 */
	private final boolean perOwnerPages;

	HomeQueries(JdbcClient jdbc, Segmentation segmentation, OwnerDueCounts ownerCounts, Clock clock,
			DatabaseProduct database) {
		this.jdbc = jdbc;
		this.ownerCounts = ownerCounts;
		this.segmentation = segmentation;
		this.clock = clock;
		this.perOwnerPages = database.postgres();
	}

	/**
	 * Accounts of the book with the day each is due, soonest first.
	 * @param ownerIds only these owners' accounts; null for every account in the scope
	 * @param tiers only accounts of these tiers; null for all
	 */
	@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
	public PageResult<DueContact> due(RecordScope scope, Collection<Long> ownerIds, Set<String> tiers, Window window,
			PageRequest page) {
		return due(scope, ownerIds, tiers, window, page, null);
	}

	/**
	 * As {@link #due(RecordScope, Collection, Set, Window, PageRequest)}, with the total
	 * already known to the caller (non-null): the sum of {@link #dueCounts} over the same
	 * book, which a list grouped per owner reads anyway. The page is then not counted
	 * again.
	 */
	@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
	public PageResult<DueContact> due(RecordScope scope, Collection<Long> ownerIds, Set<String> tiers, Window window,
			PageRequest page, Long counted) {
		Query query = dueQuery(scope, ownerIds, tiers);
		String condition = switch (window) {
			// On the stored day, so the database reads a range of the owners' index.
			case OVERDUE -> " where d.due_raw < :today";
			case TODAY -> " where d.due_on <= :today";
			case DUE -> " where d.due_on <= :horizon";
			case ANY -> "";
		};
		if (this.perOwnerPages && (!scope.all() || ownerIds != null)) {
			// Each owner's range of the index holds the page's order (due day,
			// name, id), the never-contacted accounts (due today) by name: the
			// page needs each owner's first rows, not a sort of the whole team's
			// book. The total is counted from the same ranges, index-only.
			Query firstRows = dueQuery(scope, ownerIds, tiers, window, page.offset() + page.size());
			if (counted != null) {
				return page(firstRows, condition, BY_DUE_DAY, page, counted);
			}
			String book = "(" + query.sql() + ")";
			String count = "select (select count(*) from " + book + " d where " + window.storedDay("d.due_raw") + ")";
			if (window != Window.OVERDUE) {
				count += " + (select count(*) from " + book + " n where n.due_raw is null)";
			}
			long total = this.jdbc.sql(count).params(query.params()).query(Long.class).single();
			return page(firstRows, condition, BY_DUE_DAY, page, total);
		}
		return page(query, condition, BY_DUE_DAY, page, counted);
	}

	private static final List<String> BY_DUE_DAY = List.of("due_on", "account_name", "account_id");

	/**
	 * Accounts of the book due on a day between {@code from} and {@code to} (both
	 * included), by day then name: the contact plan's month calendar.
	 * @param ownerIds only these owners' accounts; null for every account in the scope
	 */
	public PageResult<DueContact> dueBetween(RecordScope scope, Collection<Long> ownerIds, LocalDate from, LocalDate to,
			PageRequest page) {
		return dueBetween(scope, ownerIds, null, from, to, page);
	}

	/**
	 * As {@link #dueBetween(RecordScope, Collection, LocalDate, LocalDate, PageRequest)},
	 * only the accounts of the given tiers (all when null).
	 */
	public PageResult<DueContact> dueBetween(RecordScope scope, Collection<Long> ownerIds, Set<String> tiers,
			LocalDate from, LocalDate to, PageRequest page) {
		Query query = dueQuery(scope, ownerIds, tiers);
		query.params().put("dueFrom", from);
		query.params().put("dueTo", to);
		return page(query, " where d.due_on between :dueFrom and :dueTo", BY_DUE_DAY, page);
	}

	/**
	 * One page of the accounts the query and condition select, with the exact total. The
	 * total comes with the page (a window count over the same rows), so the book is
	 * evaluated once per page, not once to count and again to list (decision 0034). The
	 * latest contact shown comes with the row (V170), so a page is read from the owners'
	 * index alone on PostgreSQL.
	 */
	private PageResult<DueContact> page(Query query, String condition, List<String> order, PageRequest page) {
		return page(query, condition, order, page, null);
	}

	/**
	 * As {@link #page(Query, String, List, PageRequest)}; a total counted beforehand
	 * (non-null) spares the window count.
	 */
	private PageResult<DueContact> page(Query query, String condition, List<String> order, PageRequest page,
			Long counted) {
		LocalDate today = today();
		long[] total = { (counted != null) ? counted : 0 };
		List<DueContact> rows = this.jdbc
			.sql("select d.*" + ((counted != null) ? "" : ", count(*) over () as total_rows") + " from (" + query.sql()
					+ ") d" + condition + " order by " + ordered("d", order) + " limit :limit offset :offset")
			.params(query.params())
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, n) -> {
				if (counted == null) {
					total[0] = rs.getLong("total_rows");
				}
				return dueContact(rs, today);
			})
			.list();
		if (counted == null && rows.isEmpty() && page.offset() > 0) {
			// A page past the end still tells how many there are.
			total[0] = this.jdbc.sql("select count(*) from (" + query.sql() + ") d" + condition)
				.params(query.params())
				.query(Long.class)
				.single();
		}
		return new PageResult<>(rows, page.page(), page.size(), total[0]);
	}

	/**
	 * Per owner: how many accounts are overdue and how many are due within
	 * {@link #DUE_WITHIN_DAYS} days (overdue ones included). Owners with neither are
	 * absent.
	 */
	@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
	public Map<Long, DueCounts> dueCounts(RecordScope scope, Collection<Long> ownerIds) {
		if (scope.all() && ownerIds == null) {
			// The whole company: one pass over the read model.
			return countsOf(dueQuery(scope, null, null));
		}
		// Each owner's whole range counts the same for every reader: remembered with the
		// owner's version. The accounts shared with the reader are the reader's own.
		Set<Long> owners = bookOwners(scope, ownerIds);
		Map<Long, DueCounts> counts = new HashMap<>(this.ownerCounts.of(owners, today(),
				(moved) -> countsOf(dueQuery(RecordScope.everything(0), moved, null))));
		counts.values().removeIf((due) -> due.due() == 0 && due.overdue() == 0);
		Query shared = sharedPart(scope, ownerIds, owners, baseParams(null), "");
		if (shared != null) {
			counts.putAll(countsOf(shared));
		}
		return counts;
	}

	/**
	 * Per owner of the rows the query selects: how many are overdue and how many due
	 * within the week.
	 */
	private Map<Long, DueCounts> countsOf(Query query) {
		Map<Long, DueCounts> counts = new HashMap<>();
		// On the stored day, so each owner's part is a range of the owners' index, and
		// the never-contacted accounts (due today) a second range: a team's counts read
		// the third of its book that is due, not all of it (an "or" would read it all).
		this.jdbc.sql(
				"select d.owner_id, sum(case when d.due_raw < :today then 1 else 0 end), count(*) from (select * from ("
						+ query.sql() + ") s where s.due_raw <= :horizon union all select * from (" + query.sql()
						+ ") n where n.due_raw is null) d group by d.owner_id")
			.params(query.params())
			.query((ResultSet rs) -> {
				counts.put(rs.getLong(1), new DueCounts(rs.getLong(2), rs.getLong(3)));
			});
		return counts;
	}

	/**
	 * The book per tier, VIP first: how many accounts, how many overdue, and the tier's
	 * cadence. Every tier is present, with zeros when the book has none of it.
	 */
	public List<TierLine> perTier(RecordScope scope, Collection<Long> ownerIds) {
		Query query = dueQuery(scope, ownerIds, null);
		Map<String, long[]> counts = new LinkedHashMap<>();
		for (String tier : TIERS) {
			counts.put(tier, new long[2]);
		}
		this.jdbc
			.sql("select d.tier, count(*), sum(case when d.due_on < :today then 1 else 0 end) from (" + query.sql()
					+ ") d group by d.tier")
			.params(query.params())
			.query((ResultSet rs) -> {
				long[] line = counts.get(rs.getString(1).strip());
				line[0] = rs.getLong(2);
				line[1] = rs.getLong(3);
			});
		Map<String, Integer> cadence = cadences();
		return counts.entrySet()
			.stream()
			.map((e) -> new TierLine(e.getKey(), cadence.get(e.getKey()), e.getValue()[0], e.getValue()[1]))
			.toList();
	}

	/**
	 * Live accounts never placed on the 25-grid, the highest tier first, then by name.
	 * @param ownerIds only these owners' accounts; null for every account in the scope
	 */
	public PageResult<DueContact> unassessed(RecordScope scope, Collection<Long> ownerIds, PageRequest page) {
		Query query = dueQuery(scope, ownerIds, null);
		String condition = " where " + AssessmentSql.notAssessed("d.account_id");
		return page(query, condition, List.of("tier_order", "account_name", "account_id"), page);
	}

	private static final List<String> TIERS = List.of("VIP", "MAJOR", "ORDINARY", "SMALL");

	/** The tier's cadence in days, from the segmentation settings. */
	public Map<String, Integer> cadences() {
		return this.segmentation.latestTierSql().cadences();
	}

	private static String ordered(String alias, List<String> columns) {
		return String.join(", ", columns.stream().map((column) -> alias + "." + column).toList());
	}

	/**
	 * One row per account of the book from the due-day read model (decision 0035): name,
	 * owner, tier (Small when not ranked), tier order, the stored due day
	 * ({@code due_raw}, null when never contacted) and the due day as shown
	 * ({@code due_on}, today for those), the latest contact and its planned next contact.
	 * The book is the scope's owners (narrowed to {@code ownerIds}) read from the model's
	 * owner index, plus the accounts shared with the reader through the account team that
	 * those owners do not cover.
	 */
	private Query dueQuery(RecordScope scope, Collection<Long> ownerIds, Set<String> tiers) {
		return dueQuery(scope, ownerIds, tiers, Window.ANY, 0);
	}

	/**
	 * As {@link #dueQuery(RecordScope, Collection, Set)}; with {@code firstRows} above
	 * zero, the named owners' part holds only each owner's first that many accounts of
	 * the window in due-day order (PostgreSQL): those with a stored day within it, and
	 * unless the window is "overdue" those never contacted, each read from the owner's
	 * range of the index in order.
	 */
	private Query dueQuery(RecordScope scope, Collection<Long> ownerIds, Set<String> tiers, Window window,
			long firstRows) {
		Map<String, Object> params = baseParams(tiers);
		String tierCondition = (tiers != null) ? " and dd.tier in (:onlyTiers)" : "";
		Set<Long> owners = bookOwners(scope, ownerIds);
		if (owners == null) {
			return new Query(COLUMNS + " where 1 = 1" + tierCondition, params);
		}
		params.put("dueOwners", nonEmpty(owners));
		String ownersPart = COLUMNS + " where dd.owner_id in (:dueOwners)" + tierCondition;
		if (firstRows > 0) {
			params.put("firstRows", firstRows);
			ownersPart = firstRows(nonEmpty(owners), firstRows, window, tierCondition, params);
		}
		Query shared = sharedPart(scope, ownerIds, owners, params, tierCondition);
		return new Query((shared != null) ? ownersPart + " union all " + shared.sql() : ownersPart, params);
	}

	/**
	 * Up to this many owners, a book's first rows are merged from the owners' ranges;
	 * more would make a plan too long to make.
	 */
	private static final int MERGED_OWNERS = 32;

	/**
	 * The owners' first {@code :firstRows} accounts of the window in due-day order, each
	 * owner's read from their range of the index in order. For a team (up to
	 * {@value #MERGED_OWNERS} owners) one branch per owner, so the database merges the
	 * ranges and stops after the rows it needs (a merge append) instead of reading that
	 * many rows from every owner and sorting them all; the owners as parameters keep one
	 * statement per team size and page, planned once. Accounts never contacted (due
	 * today) come by name from a second range per owner, unless the window is "overdue".
	 */
	private static String firstRows(Set<Long> owners, long firstRows, Window window, String tierCondition,
			Map<String, Object> params) {
		if (owners.size() > MERGED_OWNERS) {
			String owner = " where dd.owner_id = u.owner_id and ";
			String first = "(" + COLUMNS + owner + window.storedDay("dd.due_on") + tierCondition
					+ " order by dd.due_on, dd.account_name, dd.account_id limit :firstRows)";
			if (window != Window.OVERDUE) {
				first += " union all (" + COLUMNS + owner + "dd.due_on is null" + tierCondition
						+ " order by dd.account_name, dd.account_id limit :firstRows)";
			}
			return "select o.* from unnest(array[:dueOwners]) u (owner_id) cross join lateral (" + first + ") o";
		}
		// Each branch reads the raw row, shaped once outside, and the limits are
		// written in: fewer parameters to bind on every execution of a statement
		// planned once.
		String limit = " limit " + firstRows + ")";
		List<String> stored = new ArrayList<>();
		List<String> never = new ArrayList<>();
		int branch = 0;
		for (Long id : new TreeSet<>(owners)) {
			String owner = "(" + RAW_COLUMNS + " where dd.owner_id = :dueOwner" + branch + " and ";
			params.put("dueOwner" + branch++, id);
			stored.add(owner + window.storedDay("dd.due_on") + tierCondition
					+ " order by dd.due_on, dd.account_name, dd.account_id" + limit);
			never.add(owner + "dd.due_on is null" + tierCondition + " order by dd.account_name, dd.account_id" + limit);
		}
		String merged = "(select * from (" + String.join(" union all ", stored)
				+ ") s order by s.due_on, s.account_name, s.account_id" + limit;
		if (window != Window.OVERDUE) {
			merged += " union all (select * from (" + String.join(" union all ", never)
					+ ") n order by n.account_name, n.account_id" + limit;
		}
		return "select m.account_id, m.account_name, m.owner_id, m.tier, " + TierSql.order("m.tier")
				+ " as tier_order, m.due_on as due_raw, coalesce(m.due_on, :today) as due_on, m.last_contact_at,"
				+ " m.next_contact_date from (" + merged + ") m";
	}

	private static final String RAW_COLUMNS = "select dd.account_id, dd.account_name, dd.owner_id, dd.tier, dd.due_on,"
			+ " dd.last_contact_at, dd.next_contact_date from home_due_day dd";

	private static final String COLUMNS = "select dd.account_id, dd.account_name, dd.owner_id, dd.tier, "
			+ TierSql.order("dd.tier") + " as tier_order, dd.due_on as due_raw, coalesce(dd.due_on, :today) as due_on,"
			+ " dd.last_contact_at, dd.next_contact_date from home_due_day dd";

	/** Today, the week's horizon and the tiers asked for (all when null). */
	private Map<String, Object> baseParams(Set<String> tiers) {
		Map<String, Object> params = new HashMap<>();
		LocalDate today = today();
		params.put("today", today);
		params.put("horizon", today.plusDays(DUE_WITHIN_DAYS));
		if (tiers != null) {
			params.put("onlyTiers", tiers.isEmpty() ? Set.of("-") : Set.copyOf(tiers));
		}
		return params;
	}

	/**
	 * The owners whose whole range of the read model a book holds: the scope's owners,
	 * narrowed to {@code ownerIds}; null for every account (the whole company).
	 */
	private static Set<Long> bookOwners(RecordScope scope, Collection<Long> ownerIds) {
		if (scope.all()) {
			return (ownerIds != null) ? Set.copyOf(ownerIds) : null;
		}
		Set<Long> owners = new HashSet<>(scope.ownerIds());
		if (ownerIds != null) {
			owners.retainAll(ownerIds);
		}
		return owners;
	}

	/**
	 * The accounts shared with the reader through the account team that the book's owners
	 * do not cover (of {@code ownerIds} only, when given); null when there can be none.
	 * Its parameters are added to {@code params}.
	 */
	private static Query sharedPart(RecordScope scope, Collection<Long> ownerIds, Set<Long> owners,
			Map<String, Object> params, String tierCondition) {
		if (scope.all() || (ownerIds != null && owners.containsAll(ownerIds))) {
			// Every owner asked for is in the scope: no shared account can add to them.
			return null;
		}
		AccountScopeSql shared = AccountScopeSql.sharedWith(scope, "dd.account_id");
		params.putAll(shared.params());
		params.put("dueOwners", nonEmpty(owners));
		String sharedOwners = "";
		if (ownerIds != null) {
			sharedOwners = " and dd.owner_id in (:sharedOwners)";
			params.put("sharedOwners", nonEmpty(ownerIds));
		}
		return new Query(COLUMNS + " where " + shared.condition() + " and dd.owner_id not in (:dueOwners)"
				+ sharedOwners + tierCondition, params);
	}

	/** An empty set matches nothing; "in ()" is not valid SQL. */
	private static Set<Long> nonEmpty(Collection<Long> ids) {
		return ids.isEmpty() ? Set.of(-1L) : Set.copyOf(ids);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	private static DueContact dueContact(ResultSet rs, LocalDate today) throws SQLException {
		// java.time from the driver: a Timestamp goes through a Calendar per row.
		LocalDateTime last = rs.getObject("last_contact_at", LocalDateTime.class);
		LocalDate due = rs.getObject("due_on", LocalDate.class);
		return new DueContact(rs.getLong("account_id"), rs.getString("account_name"), rs.getLong("owner_id"),
				rs.getString("tier").strip(), (last != null) ? last.toLocalDate() : null,
				rs.getObject("next_contact_date", LocalDate.class), due, due.isBefore(today));
	}

	private record Query(String sql, Map<String, Object> params) {
	}

	/** Which accounts of a book a list of contacts shows. */
	public enum Window {

		/** Past the day they were due. */
		OVERDUE,
		/** Due today or overdue: the day's work on the to-do list. */
		TODAY,
		/** Overdue, or due within {@link #DUE_WITHIN_DAYS} days. */
		DUE,
		/** Every account, however far off its due day. */
		ANY;

		/**
		 * The window's condition on a stored due day (null for an account never
		 * contacted, which is due today and so in every window but "overdue").
		 */
		String storedDay(String column) {
			return switch (this) {
				case OVERDUE -> column + " < :today";
				case TODAY -> column + " <= :today";
				case DUE -> column + " <= :horizon";
				case ANY -> column + " is not null";
			};
		}

	}

	/**
	 * An account and when it is due for contact.
	 *
	 * @param tier the tier code, Small when not ranked
	 * @param lastContact null when never contacted
	 * @param nextContact the next contact the latest activity planned, null for none
	 */
	public record DueContact(long accountId, String accountName, long ownerId, String tier, LocalDate lastContact,
			LocalDate nextContact, LocalDate dueOn, boolean overdue) {
	}

	/**
	 * @param due overdue or due within {@link #DUE_WITHIN_DAYS} days
	 */
	public record DueCounts(long overdue, long due) {
	}

	/** One tier of a book: its cadence, accounts and overdue accounts. */
	public record TierLine(String tier, int cadenceDays, long accounts, long overdue) {
	}

}
