package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.dakehu.account.AccountNameSql;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserNameSql;
import io.dakehu.shared.Chunks;
import io.dakehu.shared.DatabaseProduct;
import io.dakehu.shared.NameSearch;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;
import io.dakehu.shared.PlannerSetting;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The opportunity list and the board: a page of the visible opportunities matching a
 * query in the asked order with the totals of every match, each stage's totals and first
 * cards, and every match for exports. Each order is read the way an index serves it. The
 * totals are {@link OpportunityListTotals}'s, but for a search with few matches, whose
 * totals and page are cut from one reading of them (decision 0073). The rows are read,
 * named and scoped as {@link OpportunityRows} reads them.
 */
@Service
@Transactional(readOnly = true)
class OpportunityLists {

	/**
	 * Most matches of a search read at once to add up its totals and cut its page
	 * ({@link #page}), as the account list sorts a filter's matches only up to 2,000
	 * (decision 0066): at 535 matches the one reading and the page's rows took 1.9–2.6 ms
	 * of the database where the totals and the page apart took 4.0–4.4.
	 */
	static final int FEW_MATCHES = 2000;

	private static final String CLOSES = CloseMonths.CLOSES;

	private final JdbcClient jdbc;

	private final OpportunityRows rows;

	private final OpportunityListTotals totals;

	private final OpportunityConditions conditions;

	private final NameSearch nameSearch;

	private final StageProbabilities probabilities;

	private final boolean postgres;

	OpportunityLists(JdbcClient jdbc, OpportunityRows rows, OpportunityListTotals totals,
			OpportunityConditions conditions, NameSearch nameSearch, StageProbabilities probabilities,
			DatabaseProduct database) {
		this.probabilities = probabilities;
		this.postgres = database.postgres();
		this.jdbc = jdbc;
		this.rows = rows;
		this.totals = totals;
		this.conditions = conditions;
		this.nameSearch = nameSearch;
	}

	/**
	 * One page of the visible opportunities matching the query, in the asked order, with
	 * the totals of every match.
	 * @param sort null for the board's order: longest in their stage first
	 */
	OpportunityPage page(RecordScope scope, OpportunityQuery query, OpportunitySort sort, PageRequest page) {
		if (this.postgres
				&& (query.talliedByMonth() && readByOwners(scope, query, sort) || alongPeriod(scope, query, sort))) {
			// Its totals and its page both run on one plan (tallied below, read from the
			// books, owner by owner or along the close period's index): set once for the
			// two, not around each, two round trips to the database fewer (decision
			// 0080). The totals' parts other than the page's read a key, the whole of a
			// small table or a close period's days along its index, one plan whatever
			// their values.
			return this.nameSearch.onePlan(this.jdbc, () -> pageRead(scope, query, sort, page));
		}
		return pageRead(scope, query, sort, page);
	}

	private OpportunityPage pageRead(RecordScope scope, OpportunityQuery query, OpportunitySort sort,
			PageRequest page) {
		List<Match> matches = fewMatches(scope, query, sort);
		if (matches != null) {
			OpportunityTotals totals = OpportunityTotals.added(sums(matches).values());
			int from = (int) Math.min(page.offset(), matches.size());
			int to = (int) Math.min(page.offset() + page.size(), matches.size());
			List<OpportunityView> rows = this.rows.byIds(matches.subList(from, to).stream().map(Match::id).toList());
			return paged(rows, page, totals);
		}
		OpportunityTotals totals = this.totals.totals(scope, query);
		List<OpportunityView> rows = (totals.count() == 0) ? List.of()
				: rows(scope, query, sort, page.offset(), page.size());
		return paged(rows, page, totals);
	}

	/**
	 * The first page of each of the stages in the board's order (longest in the stage
	 * first), with each stage's totals under the query; a searched board whose matches
	 * are few reads them once for every stage ({@link #fewMatches}).
	 */
	Map<Stage, OpportunityPage> firstPages(RecordScope scope, OpportunityQuery query, List<Stage> stages, int size) {
		Map<Stage, OpportunityPage> pages = new EnumMap<>(Stage.class);
		List<Match> matches = fewMatches(scope, query, null);
		if (matches == null) {
			Map<Stage, OpportunityTotals> totals = this.totals.totalsByStage(scope, query);
			for (Stage stage : stages) {
				OpportunityTotals column = totals.getOrDefault(stage, OpportunityTotals.NONE);
				List<OpportunityView> cards = (column.count() == 0) ? List.of()
						: rows(scope, query.inStage(stage), null, 0, size);
				pages.put(stage, paged(cards, new PageRequest(0, size), column));
			}
			return pages;
		}
		Map<Stage, OpportunityTotals> totals = sums(matches);
		Map<Stage, List<Long>> firstIds = new EnumMap<>(Stage.class);
		List<Long> wanted = new ArrayList<>();
		for (Match match : matches) {
			List<Long> ids = firstIds.computeIfAbsent(match.stage(), (stage) -> new ArrayList<>());
			if (ids.size() < size && stages.contains(match.stage())) {
				ids.add(match.id());
				wanted.add(match.id());
			}
		}
		Map<Long, OpportunityView> cards = this.rows.byIds(wanted)
			.stream()
			.collect(Collectors.toMap(OpportunityView::id, Function.identity()));
		for (Stage stage : stages) {
			OpportunityTotals column = totals.getOrDefault(stage, OpportunityTotals.NONE);
			List<OpportunityView> first = firstIds.getOrDefault(stage, List.of()).stream().map(cards::get).toList();
			pages.put(stage, paged(first, new PageRequest(0, size), column));
		}
		return pages;
	}

	/**
	 * One page of rows with the totals of every match, whose count is the page's total.
	 */
	private static OpportunityPage paged(List<OpportunityView> rows, PageRequest page, OpportunityTotals totals) {
		return new OpportunityPage(new PageResult<>(rows, page.page(), page.size(), totals.count()), totals);
	}

	/**
	 * A search's matches from one reading, when they are few: their ids, stages and
	 * amounts in the list's order, up to {@link #FEW_MATCHES}, from which the caller adds
	 * up the totals and cuts its page, then reads the page's rows by id. Counting the
	 * matches and reading the page as two statements ran the search twice, and PostgreSQL
	 * planned it twice: half of a rare search's time in the database (decision 0073).
	 * @return null without a search, when the search reads every deal (decision 0072) or
	 * when it finds more than {@link #FEW_MATCHES}: its totals and page are then read
	 * apart
	 */
	private List<Match> fewMatches(RecordScope scope, OpportunityQuery query, OpportunitySort sort) {
		if (query.q() == null || query.matchesNothing()) {
			return null;
		}
		OpportunityRows.Where where = this.conditions.where(scope, query);
		if (where.readsEveryDeal()) {
			return null;
		}
		OrderBy order = orderBy(sort);
		String sql = "select o.id, o.stage, o.amount" + where.from() + order.join() + where.sql() + " order by "
				+ order.sql() + " limit " + (FEW_MATCHES + 1);
		// On one plan whatever the text (decision 0071 asks that of the whole search only
		// when its pieces are rare): planning it for each text was half of its time in
		// the database, and the plan made without the text reads the matches through the
		// pieces' index, which is how a plan made for it reads few; for many it reads at
		// most what counting them apart then reads again.
		List<Match> matches = this.nameSearch.marked(this.jdbc, true,
				(mark) -> this.jdbc.sql(mark + sql)
					.params(where.params())
					.query((rs, n) -> new Match(rs.getLong(1), Stage.valueOf(rs.getString(2)), rs.getBigDecimal(3)))
					.list());
		return (matches.size() > FEW_MATCHES) ? null : matches;
	}

	/**
	 * The matches' totals per stage (blank amounts count as none), each stage's amount
	 * weighed at its probability. The probabilities are read apart: joined to the
	 * matches, whose number the plan made once cannot know, PostgreSQL joined them to
	 * every match in a nested loop, a fifth more of the search's time in the database
	 * (decision 0081).
	 */
	private Map<Stage, OpportunityTotals> sums(List<Match> matches) {
		Map<Stage, StageSum> sums = new EnumMap<>(Stage.class);
		for (Match match : matches) {
			sums.merge(match.stage(), new StageSum(1, (match.amount() != null) ? match.amount() : BigDecimal.ZERO),
					StageSum::plus);
		}
		Map<Stage, OpportunityTotals> totals = new EnumMap<>(Stage.class);
		if (!sums.isEmpty()) {
			Map<Stage, Integer> probabilities = this.probabilities.read();
			sums.forEach((stage, sum) -> totals.put(stage, sum.weighed(probabilities.getOrDefault(stage, 0))));
		}
		return totals;
	}

	/**
	 * One page of the visible opportunities matching the query.
	 * @param sort null for the board's order: longest in their stage first
	 */
	List<OpportunityView> rows(RecordScope scope, OpportunityQuery query, OpportunitySort sort, long offset,
			int limit) {
		if (query.matchesNothing()) {
			return List.of();
		}
		// The page's bounds are written into the statement where nothing but the owner,
		// the stage and the purchase type narrows the deals: an index then fixes the
		// plan whatever the values, and PostgreSQL keeps one generic plan per prepared
		// statement. Bound as parameters, the limit is unknown to that plan, which then
		// assumes a tenth of the rows and loses to a plan made anew on every execution:
		// 0.25 ms of the database's CPU per page at 100,000 open deals, a third of a
		// plain list's (as for the account list, AccountQueries). No index leads with the
		// purchase type, so each of its values is read along the order's index as the
		// others are. A search or another filter on the deals' own fields keeps them
		// bound: a plan made for its values is right there (but for a director's close
		// period in the close dates' order, which its index reads one way,
		// alongPeriod).
		boolean fixedPlan = query.tallied();
		Ordered ordered;
		if (sort != null && sort.column() == OpportunitySort.Column.ACCOUNT) {
			ordered = byAccountName(scope, query, sort.descending(), offset + limit, fixedPlan);
		}
		else if (this.postgres && OpportunityBook.serves(scope, query, sort)) {
			ordered = fromBook(scope, query, sort, offset + limit, fixedPlan);
		}
		else if (this.postgres && byOwner(scope, query, sort)) {
			ordered = byOwnerName(scope, query, sort.descending(), offset + limit, fixedPlan);
		}
		else if (this.postgres && alongPeriod(scope, query, sort)) {
			ordered = ordered(scope, query, sort).onOnePlan();
		}
		else {
			ordered = ordered(scope, query, sort);
		}
		String page = fixedPlan ? " limit " + limit + " offset " + offset : " limit :limit offset :offset";
		String statement = ordered.idsOnly() ? OpportunityRows.byIdsInOrder(ordered.sql() + page)
				: ordered.sql() + page;
		Map<String, Object> params = new HashMap<>(ordered.params());
		if (!fixedPlan) {
			params.put("limit", limit);
			params.put("offset", offset);
		}
		if (!fixedPlan && !ordered.onePlan()) {
			// Planned for each request, the names' joins cost more to plan than the two
			// statements that read the names after (decision 0080).
			return this.rows.named(this.jdbc.sql(statement).params(params).query(this.rows::raw).list());
		}
		Supplier<List<OpportunityRows.Named>> read = () -> this.nameSearch.marked(this.jdbc, ordered.onePlan(),
				(mark) -> this.jdbc.sql(mark + OpportunityRows.withNames(statement))
					.params(params)
					.query(this.rows::namedRow)
					.list());
		return this.rows.views(ordered.pricedAsCached() ? pricedAsCached(read) : read.get());
	}

	/**
	 * Whether a director's page over a close period is read in the close dates' order
	 * with nothing but the purchase type narrowing the deals further: the period's index
	 * then serves the period and the order whatever the dates, and the totals are the
	 * tallies' months and the deals of the days at the period's ends (decision 0083),
	 * each read along a key, so the page and its totals run on one plan. Planned for each
	 * request, the plans cost the database two to three times what the statements did
	 * (0.2 ms against 0.07 for the page at 100,000 open deals). An owner or a stage asked
	 * for may hold a few of a long period's deals, which a plan made for them finds along
	 * their own index: those stay planned for their values.
	 */
	private static boolean alongPeriod(RecordScope scope, OpportunityQuery query, OpportunitySort sort) {
		return scope.all() && !query.tallied() && query.talliedByMonth() && query.ownerIds() == null
				&& query.stage() == null && sort != null && sort.column() == OpportunitySort.Column.EXPECTED;
	}

	/** Whether a page is read owner by owner ({@link #byOwnerName}). */
	private static boolean byOwner(RecordScope scope, OpportunityQuery query, OpportunitySort sort) {
		return sort != null && sort.column() == OpportunitySort.Column.OWNER && query.q() == null
				&& (scope.all() || !scope.ownerIds().isEmpty());
	}

	/**
	 * Whether a KAM's or a team's page is read from the owners' books or owner by owner,
	 * on one plan either way.
	 */
	private static boolean readByOwners(RecordScope scope, OpportunityQuery query, OpportunitySort sort) {
		return !scope.all() && (OpportunityBook.serves(scope, query, sort) || byOwner(scope, query, sort));
	}

	/**
	 * Runs a statement with PostgreSQL pricing a read of a table's page out of order as
	 * little more than one in order, as it is when the pages are in memory
	 * ({@code random_page_cost} 1.1 instead of the default 4, which is set for spinning
	 * disks), back to the server's setting after. The owner-by-owner page needs it:
	 * priced at 4, each owner's deals were read along the primary key rather than the
	 * owner's index, the whole table for an owner without open deals (64 ms a page at
	 * 100,000 deals, 1.4 ms priced as cached).
	 */
	private <T> T pricedAsCached(Supplier<T> work) {
		return PlannerSetting.during(this.jdbc, "random_page_cost", "1.1", work);
	}

	/**
	 * A page sorted by account name, in parts each an index serves: the deals with an
	 * account, read along the accounts' name index into each account's deals (the live
	 * accounts and the archived apart, {@link AccountNameSql#sortedParts}), and the deals
	 * without one; each part cut at the page's end, so only a page's worth of rows per
	 * part is ever sorted. Written as one left join ordered by the name, the database
	 * joins and sorts every matching deal first. Deals without an account come last
	 * ascending and first descending, as empty values do in every other column.
	 * @param window rows up to the end of the page asked for
	 * @param fixedPlan whether the window is written into the statement (see
	 * {@link #rows})
	 */
	private Ordered byAccountName(RecordScope scope, OpportunityQuery query, boolean descending, long window,
			boolean fixedPlan) {
		OpportunityRows.Where where = this.conditions.where(scope, query);
		String direction = descending ? " desc" : " asc";
		String key = AccountNameSql.sortKey("an");
		String reach = fixedPlan ? String.valueOf(window) : ":window";
		// One branch per part of the accounts that an index reads in name order.
		String withAccount = AccountNameSql.sortedParts("an")
			.stream()
			.map((part) -> "(" + OpportunityRows.COLUMNS + ", " + (descending ? 1 : 0) + " as sort_part, " + key
					+ " as sort_key" + where.fromWithProbability() + AccountNameSql.innerJoin("an", "o.account_id")
					+ where.sql() + " and " + part + " order by " + key + direction + ", o.id" + direction + " limit "
					+ reach + ")")
			.collect(Collectors.joining(" union all "));
		String without = OpportunityRows.COLUMNS + ", " + (descending ? 0 : 1) + " as sort_part, null as sort_key"
				+ where.fromWithProbability() + where.sql() + " and o.account_id is null order by o.id" + direction
				+ " limit " + reach;
		Map<String, Object> params = windowed(where.params(), fixedPlan, window);
		return new Ordered("select x.* from (" + withAccount + " union all (" + without
				+ ")) x order by x.sort_part, x.sort_key" + direction + ", x.id" + direction, params, where.onePlan());
	}

	/**
	 * A page sorted by owner, read owner by owner ({@link OwnerOrder}): every owner's
	 * deals for a reader who sees them all, the scope's owners' and the few others on the
	 * scope's accounts and shared with the reader for a KAM or a team.
	 * @param window rows up to the end of the page asked for
	 * @param fixedPlan whether the window is written into the statement (see
	 * {@link #rows})
	 */
	private Ordered byOwnerName(RecordScope scope, OpportunityQuery query, boolean descending, long window,
			boolean fixedPlan) {
		String reach = fixedPlan ? String.valueOf(window) : ":window";
		if (scope.all()) {
			OpportunityRows.Where where = this.conditions.where(scope, query);
			// Every owner's deals read ids first unless a stage narrows them (decision
			// 0082).
			boolean idsOnly = query.stage() == null;
			return new Ordered(OwnerOrder.everyOwner(where, descending, reach, idsOnly),
					windowed(where.params(), fixedPlan, window), where.onePlan(), true, idsOnly);
		}
		boolean idsOnly = scope.ownerIds().size() > OpportunityBook.ROWS_FROM_BOOKS && query.stage() == null;
		OpportunityBook.Page page = OwnerOrder.scoped(scope,
				this.conditions.where(RecordScope.everything(scope.userId()), query), descending, reach, idsOnly);
		// On one plan, as the books' pages (see fromBook).
		return new Ordered(page.sql(), windowed(page.params(), fixedPlan, window), true, true, page.idsOnly());
	}

	/**
	 * A KAM's or a team's page read part by part from the owners' books
	 * ({@link OpportunityBook}): the query's conditions without the scope in each part,
	 * the scope being the parts.
	 * @param window rows up to the end of the page asked for
	 * @param fixedPlan whether the window is written into the statement (see
	 * {@link #rows})
	 */
	private Ordered fromBook(RecordScope scope, OpportunityQuery query, OpportunitySort sort, long window,
			boolean fixedPlan) {
		OpportunityRows.Where conditions = this.conditions.where(RecordScope.everything(scope.userId()), query);
		OpportunityBook.Page page = OpportunityBook.page(scope, conditions, orderBy(sort).key(), sort.descending(),
				fixedPlan ? String.valueOf(window) : ":window");
		Map<String, Object> params = windowed(page.params(), fixedPlan, window);
		// On one plan: the books' indexes fix how each part is read whatever the owners,
		// and PostgreSQL otherwise planned the statement for each request (its owners
		// an array it cannot count without the values): 0.97 ms to plan, 0.27 to run.
		return new Ordered(page.sql(), params, true, false, page.idsOnly());
	}

	/**
	 * The statement's parameters with the window bound, unless it is written into the
	 * statement (see {@link #rows}).
	 */
	private static Map<String, Object> windowed(Map<String, Object> params, boolean fixedPlan, long window) {
		Map<String, Object> all = new HashMap<>(params);
		if (!fixedPlan) {
			all.put("window", window);
		}
		return all;
	}

	/**
	 * Every visible opportunity matching the query, in the list's order, handed over one
	 * at a time while the rows stream from the database.
	 */
	void forEach(RecordScope scope, OpportunityQuery query, OpportunitySort sort, Consumer<OpportunityView> consumer) {
		if (query.matchesNothing()) {
			return;
		}
		Ordered ordered = ordered(scope, query, sort);
		Chunks<OpportunityRows.Raw> chunks = new Chunks<>(OpportunityRows.NAME_CHUNK,
				(chunk) -> this.rows.named(chunk).forEach(consumer));
		this.jdbc.sql(ordered.sql())
			.params(ordered.params())
			.withFetchSize(OpportunityRows.NAME_CHUNK)
			.query((ResultSet rs) -> {
				chunks.accept(this.rows.raw(rs, 0));
			});
		chunks.finish();
	}

	private Ordered ordered(RecordScope scope, OpportunityQuery query, OpportunitySort sort) {
		OpportunityRows.Where where = this.conditions.where(scope, query);
		OrderBy order = orderBy(sort);
		return new Ordered(OpportunityRows.COLUMNS + where.fromWithProbability() + order.join() + where.sql()
				+ " order by " + order.sql(), where.params(), where.onePlan());
	}

	/**
	 * The list's order, with the join its key needs.
	 * @param sort null for the board's order: longest in their stage first
	 */
	private static OrderBy orderBy(OpportunitySort sort) {
		if (sort == null) {
			return new OrderBy("", "o.stage_since", "o.stage_since, o.id");
		}
		String direction = sort.descending() ? " desc" : " asc";
		String join = "";
		String key = switch (sort.column()) {
			case NAME -> "o.name";
			case ACCOUNT -> {
				join = AccountNameSql.join("an", "o.account_id");
				yield AccountNameSql.sortKey("an");
			}
			case STAGE -> stageOrder();
			case AMOUNT -> "o.amount";
			case EXPECTED -> CLOSES;
			case OWNER -> {
				join = UserNameSql.join("un", "o.owner_id");
				yield UserNameSql.sortKey("un");
			}
			case UPDATED -> "o.updated_at";
		};
		return new OrderBy(join, key, key + direction + ", o.id" + direction);
	}

	/**
	 * The buying steps in the buyer's order, then won and lost: the key the indexes of
	 * migration 192 hold, which a change here must replace.
	 */
	static String stageOrder() {
		StringBuilder sql = new StringBuilder("case o.stage");
		for (Stage stage : Stage.values()) {
			sql.append(" when '").append(stage.name()).append("' then ").append(stage.ordinal());
		}
		return sql.append(" end").toString();
	}

	/**
	 * @param join the join the order's key needs, or none
	 * @param key the order's key, before the id that breaks its ties
	 * @param sql the terms after {@code order by}
	 */
	private record OrderBy(String join, String key, String sql) {
	}

	/** A match of a search, as much of it as its totals need. */
	private record Match(long id, Stage stage, BigDecimal amount) {
	}

	/**
	 * @param onePlan as for {@link Where#onePlan}
	 * @param pricedAsCached whether the statement runs with pages priced as cached
	 * ({@link #pricedAsCached})
	 * @param idsOnly whether the statement answers the ids of its rows in order, not the
	 * rows ({@link OpportunityBook.Page#idsOnly})
	 */
	private record Ordered(String sql, Map<String, Object> params, boolean onePlan, boolean pricedAsCached,
			boolean idsOnly) {

		Ordered(String sql, Map<String, Object> params, boolean onePlan) {
			this(sql, params, onePlan, false, false);
		}

		Ordered onOnePlan() {
			return new Ordered(this.sql, this.params, true, this.pricedAsCached, this.idsOnly);
		}

	}

}
