package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.dakehu.account.AccountNameSql;
import io.dakehu.account.AccountScopeSql;
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
 * cards, and every match for exports. The totals are one statement (decision 0081): the
 * owners' tally where nothing but owner and stage narrows the deals, the deals grouped
 * otherwise; for a search with few matches they are added up from one reading of them
 * (decision 0073). The rows are read, named and scoped as {@link OpportunityRows} reads
 * them.
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

	private final OpportunityTally tally;

	private final NameSearch nameSearch;

	private final StageProbabilities probabilities;

	private final boolean postgres;

	OpportunityLists(JdbcClient jdbc, OpportunityRows rows, OpportunityTally tally, NameSearch nameSearch,
			StageProbabilities probabilities, DatabaseProduct database) {
		this.probabilities = probabilities;
		this.postgres = database.postgres();
		this.jdbc = jdbc;
		this.rows = rows;
		this.tally = tally;
		this.nameSearch = nameSearch;
	}

	/**
	 * One page of the visible opportunities matching the query, in the asked order, with
	 * the totals of every match.
	 * @param sort null for the board's order: longest in their stage first
	 */
	OpportunityPage page(RecordScope scope, OpportunityQuery query, OpportunitySort sort, PageRequest page) {
		if (this.postgres && query.tallied() && readByOwners(scope, query, sort)) {
			// Its totals and its page both run on one plan (tallied below, read from the
			// books or owner by owner): set once for the two, not around each, two round
			// trips to the database fewer (decision 0080). The totals' parts other than
			// the page's read a key or the whole of a small table, one plan whatever
			// their values.
			return this.nameSearch.onePlan(this.jdbc, () -> pageRead(scope, query, sort, page));
		}
		return pageRead(scope, query, sort, page);
	}

	private OpportunityPage pageRead(RecordScope scope, OpportunityQuery query, OpportunitySort sort,
			PageRequest page) {
		List<Match> matches = fewMatches(scope, query, sort);
		if (matches != null) {
			OpportunityTotals totals = sum(sums(matches));
			int from = (int) Math.min(page.offset(), matches.size());
			int to = (int) Math.min(page.offset() + page.size(), matches.size());
			List<OpportunityView> rows = this.rows.byIds(matches.subList(from, to).stream().map(Match::id).toList());
			return paged(rows, page, totals);
		}
		OpportunityTotals totals = totals(scope, query);
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
			Map<Stage, OpportunityTotals> totals = totalsByStage(scope, query);
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
		OpportunityRows.Where where = where(scope, query);
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
		List<Match> matches = marked(true,
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
			sums.forEach((stage, sum) -> totals.put(stage, weighed(sum, probabilities.getOrDefault(stage, 0))));
		}
		return totals;
	}

	/** A stage's totals, its amount weighed at its probability and rounded to cents. */
	private static OpportunityTotals weighed(StageSum sum, int probability) {
		return new OpportunityTotals(sum.count(), sum.amount(), OpportunityView.weigh(sum.amount(), probability));
	}

	/**
	 * How many visible opportunities match, with their amount and weighted amount.
	 */
	OpportunityTotals totals(RecordScope scope, OpportunityQuery query) {
		return sum(totalsByStage(scope, query));
	}

	private static OpportunityTotals sum(Map<Stage, OpportunityTotals> byStage) {
		long count = 0;
		BigDecimal amount = BigDecimal.ZERO;
		BigDecimal weighted = BigDecimal.ZERO;
		for (OpportunityTotals stage : byStage.values()) {
			count += stage.count();
			amount = amount.add(stage.amount());
			weighted = weighted.add(stage.weighted());
		}
		return (count == 0) ? OpportunityTotals.NONE : new OpportunityTotals(count, amount, weighted);
	}

	/**
	 * The totals of the visible opportunities matching the query, per stage; a stage
	 * nothing matches is absent. Each stage's weighted amount is its amount at the
	 * stage's probability, rounded to cents.
	 */
	Map<Stage, OpportunityTotals> totalsByStage(RecordScope scope, OpportunityQuery query) {
		if (query.matchesNothing()) {
			return new EnumMap<>(Stage.class);
		}
		if (query.tallied()) {
			return tallied(scope, query, null);
		}
		CloseMonths months = query.talliedByMonth() ? CloseMonths.within(query.from(), query.to()) : null;
		return (months != null) ? tallied(scope, query, months) : aggregate(where(scope, query));
	}

	/**
	 * The sums of a query without conditions on the opportunities' own fields but the
	 * purchase type and the close date, from the tallies: the owners in the reader's
	 * scope (within the owners asked for), plus what others own on the accounts the
	 * reader may see, which only the opportunities can tell. A director, and a KAM
	 * looking at their own, read the tally alone. A close period's months are read from
	 * the tallies per close month, the days at its ends that the months do not answer
	 * from the deals (decision 0083).
	 * @param months the months of the query's close period; null when it has none
	 */
	private Map<Stage, OpportunityTotals> tallied(RecordScope scope, OpportunityQuery query, CloseMonths months) {
		List<StageSum.Part> parts = new ArrayList<>();
		if (scope.all()) {
			StageSum.Part all = this.tally.part(query.ownerIds(), query.purchaseType(), query.stage(), query.openOnly(),
					months);
			if (all != null) {
				parts.add(all);
				parts.addAll(periodEnds(query, query.ownerIds(), months));
			}
			return parts.isEmpty() ? new EnumMap<>(Stage.class) : weighedSums(parts, "");
		}
		Set<Long> inScope = new HashSet<>(scope.ownerIds());
		if (query.ownerIds() != null) {
			inScope.retainAll(query.ownerIds());
		}
		StageSum.Part owned = this.tally.part(inScope, query.purchaseType(), query.stage(), query.openOnly(), months);
		if (owned != null) {
			parts.add(owned);
			parts.addAll(periodEnds(query, inScope, months));
		}
		if (query.ownerIds() != null && scope.ownerIds().containsAll(query.ownerIds())) {
			return parts.isEmpty() ? new EnumMap<>(Stage.class) : weighedSums(parts, "");
		}
		// Others' deals on the reader's accounts, in two parts on the owner of the
		// account each deal keeps (decision 0074): on accounts the scope's owners own,
		// the few deals whose owner is not the account's (a partial index holds just
		// those); on accounts shared with the reader through the team and owned outside
		// the scope, those accounts' deals. Read through the accounts, every deal on
		// the reader's accounts was read to find the few another owns.
		StringBuilder others = new StringBuilder();
		Map<String, Object> params = new HashMap<>();
		params.put("readerOwners", scope.ownerIds());
		if (query.ownerIds() != null) {
			others.append(" and o.owner_id in (:filterOwners)");
			params.put("filterOwners", query.ownerIds());
		}
		typeAndStage(query, others, params);
		// The others' few deals over the whole period, its ends included: the period
		// filters what they add up, not which deals are read, so the partial index of
		// decision 0074 still reads them. As a condition of the read, the plan made once
		// read every deal of the scope's books in the period instead (9–16 ms a page for
		// a team of ten over a quarter, the part itself empty).
		List<String> period = new ArrayList<>();
		if (query.from() != null) {
			period.add(CLOSES + " >= :from");
			params.put("from", query.from());
		}
		if (query.to() != null) {
			period.add(CLOSES + " <= :to");
			params.put("to", query.to());
		}
		String within = String.join(" and ", period);
		AccountScopeSql shared = AccountScopeSql.sharedWith(scope, "o.account_id");
		params.putAll(shared.params());
		String onOwned = " where " + OpportunityBook.othersOnOwnedAccounts(":readerOwners") + others;
		String onShared = " where " + OpportunityBook.onSharedAccounts(shared, ":readerOwners") + others;
		parts.add(part(new OpportunityRows.Where(onOwned, params), within));
		parts.add(part(new OpportunityRows.Where(onShared, params), within));
		// On one plan: an index fixes how each part is read whatever the owners (the
		// tally's key, the partial index of decision 0074, the team's shared accounts,
		// the close period's index for a period's ends), and planned anew for each
		// request the others on owned accounts cost a manager's list 0.55 ms of the
		// database's time, a fifth of it, to run in 0.02.
		return this.nameSearch.onePlan(this.jdbc, () -> weighedSums(parts, NameSearch.ONE_PLAN));
	}

	/**
	 * The deals of these owners matching the query that close in the days at the ends of
	 * its period the tallies' months do not answer ({@link CloseMonths#days}), as parts
	 * of the totals beside the tallies.
	 * @param owners null for every owner
	 * @param months the months of the query's close period; null when it has none
	 */
	private static List<StageSum.Part> periodEnds(OpportunityQuery query, Set<Long> owners, CloseMonths months) {
		if (months == null) {
			return List.of();
		}
		StringBuilder sql = new StringBuilder();
		Map<String, Object> params = new HashMap<>();
		if (owners != null) {
			sql.append(" and o.owner_id in (:endOwners)");
			params.put("endOwners", owners);
		}
		typeAndStage(query, sql, params);
		return months.days("o.stage", sql.toString(), params);
	}

	/**
	 * The query's purchase type and stage (or its open deals only) as conditions on the
	 * deals, for the totals' parts that read them beside the tallies.
	 */
	private static void typeAndStage(OpportunityQuery query, StringBuilder sql, Map<String, Object> params) {
		if (query.purchaseType() != null) {
			sql.append(" and o.purchase_type = :purchaseType");
			params.put("purchaseType", query.purchaseType().name());
		}
		if (query.stage() != null) {
			sql.append(" and o.stage = :stage");
			params.put("stage", query.stage().name());
		}
		else if (query.openOnly()) {
			sql.append(" and o.stage not in ('WON', 'LOST')");
		}
	}

	private Map<Stage, OpportunityTotals> aggregate(OpportunityRows.Where where) {
		if (where.readsEveryDeal()) {
			return this.nameSearch.inOneProcess(this.jdbc, () -> weighedSums(List.of(part(where)), ""));
		}
		return marked(where.onePlan(), (mark) -> weighedSums(List.of(part(where)), mark));
	}

	/**
	 * Runs a statement of a search that may run on one plan (decision 0071) under the
	 * mark and setting that takes, any other as it is.
	 * @param statement the statement run with its mark ({@link NameSearch#ONE_PLAN}), or
	 * none
	 */
	private <T> T marked(boolean onePlan, Function<String, T> statement) {
		return onePlan ? this.nameSearch.onePlan(this.jdbc, () -> statement.apply(NameSearch.ONE_PLAN))
				: statement.apply("");
	}

	/** The matching deals' count and amount per stage, as a part of the totals. */
	private static StageSum.Part part(OpportunityRows.Where where) {
		return part(where, "");
	}

	/**
	 * The count and amount per stage of the matching deals that meet a further condition,
	 * applied to what is added up rather than to what is read.
	 * @param filter the condition; empty for none
	 */
	private static StageSum.Part part(OpportunityRows.Where where, String filter) {
		if (filter.isEmpty()) {
			return new StageSum.Part("select o.stage, count(*) as opportunities, coalesce(sum(o.amount), 0) as amount"
					+ where.from() + where.sql() + " group by o.stage", where.params());
		}
		String only = " filter (where " + filter + ")";
		return new StageSum.Part("select o.stage, count(*)" + only + " as opportunities, coalesce(sum(o.amount)" + only
				+ ", 0) as amount" + where.from() + where.sql() + " group by o.stage having count(*)" + only + " > 0",
				where.params());
	}

	/**
	 * The parts' sums per stage, weighed at each stage's probability, all in one
	 * statement: the tally, the others' deals and the stages' probabilities read apart
	 * were four round trips to the database for a KAM's list, two for a director's
	 * (decision 0081).
	 * @param mark the statement's mark ({@link NameSearch#ONE_PLAN}), or none
	 */
	private Map<Stage, OpportunityTotals> weighedSums(List<StageSum.Part> parts, String mark) {
		Map<Stage, OpportunityTotals> totals = new EnumMap<>(Stage.class);
		Map<String, Object> params = new HashMap<>();
		parts.forEach((part) -> params.putAll(part.params()));
		String sums = parts.stream().map(StageSum.Part::sql).collect(Collectors.joining(" union all "));
		this.jdbc
			.sql(mark + "select s.stage, s.opportunities, s.amount, coalesce(p.probability, 0) from"
					+ " (select u.stage, sum(u.opportunities) as opportunities, sum(u.amount) as amount from (" + sums
					+ ") u group by u.stage having sum(u.opportunities) > 0) s"
					+ " left join opportunity_stage_probability p on p.stage = s.stage")
			.params(params)
			.query((ResultSet rs) -> {
				totals.put(Stage.valueOf(rs.getString(1)),
						weighed(new StageSum(rs.getLong(2), rs.getBigDecimal(3)), rs.getInt(4)));
			});
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
		// The page's bounds are written into the statement where nothing but the owner
		// and the stage narrows the deals: an index then fixes the plan whatever the
		// values, and PostgreSQL keeps one generic plan per prepared statement. Bound
		// as parameters, the limit is unknown to that plan, which then assumes a tenth
		// of the rows and loses to a plan made anew on every execution: 0.25 ms of the
		// database's CPU per page at 100,000 open deals, a third of a plain list's
		// (as for the account list, AccountQueries). A search or a filter on the deals'
		// own fields keeps them bound: a plan made for its values is right there.
		boolean fixedPlan = query.byOwnerAndStageOnly();
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
		Supplier<List<OpportunityRows.Named>> read = () -> marked(ordered.onePlan(),
				(mark) -> this.jdbc.sql(mark + OpportunityRows.withNames(statement))
					.params(params)
					.query(this.rows::namedRow)
					.list());
		return this.rows.views(ordered.pricedAsCached() ? pricedAsCached(read) : read.get());
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
		OpportunityRows.Where where = where(scope, query);
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
			OpportunityRows.Where where = where(scope, query);
			// Every owner's deals read ids first unless a stage narrows them (decision
			// 0082).
			boolean idsOnly = query.stage() == null;
			return new Ordered(OwnerOrder.everyOwner(where, descending, reach, idsOnly),
					windowed(where.params(), fixedPlan, window), where.onePlan(), true, idsOnly);
		}
		boolean idsOnly = scope.ownerIds().size() > OpportunityBook.ROWS_FROM_BOOKS && query.stage() == null;
		OpportunityBook.Page page = OwnerOrder.scoped(scope, where(RecordScope.everything(scope.userId()), query),
				descending, reach, idsOnly);
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
		OpportunityRows.Where conditions = where(RecordScope.everything(scope.userId()), query);
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
		OpportunityRows.Where where = where(scope, query);
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

	private OpportunityRows.Where where(RecordScope scope, OpportunityQuery query) {
		OpportunityRows.Where base = this.rows.where(scope,
				new OpportunityCriteria(query.accountId(), query.stage(), null));
		StringBuilder sql = new StringBuilder(base.sql());
		Map<String, Object> params = new HashMap<>(base.params());
		if (query.ownerIds() != null) {
			sql.append(" and o.owner_id in (:filterOwners)");
			params.put("filterOwners", query.ownerIds());
		}
		if (query.purchaseType() != null) {
			sql.append(" and o.purchase_type = :purchaseType");
			params.put("purchaseType", query.purchaseType().name());
		}
		if (query.from() != null) {
			sql.append(" and " + CLOSES + " >= :from");
			params.put("from", query.from());
		}
		if (query.to() != null) {
			sql.append(" and " + CLOSES + " <= :to");
			params.put("to", query.to());
		}
		if (query.openOnly() && query.stage() == null) {
			sql.append(" and o.stage not in ('WON', 'LOST')");
		}
		boolean readsEveryDeal = false;
		boolean onePlan = false;
		String deals = "opportunity";
		if (query.q() != null) {
			NameSearch.Condition name = this.nameSearch.containing("opportunity", "lower(qn.name)", "qn.name_grams",
					query.q(), "namePart");
			readsEveryDeal = name.mostNames();
			AccountNameSql.Containing account = AccountNameSql.containing(this.nameSearch, query.q(),
					readsEveryDeal ? "o.account_id" : "qa.account_id");
			if (readsEveryDeal) {
				// A text most deals' names hold (decision 0072): the deals are read once,
				// each name checked by the LIKE alone, the accounts found by name looked
				// up in a set built once. Gathering the index's matches and joining them
				// back cost ten times as much when they are most of the deals.
				sql.append(" and (")
					.append(NameSearch.like("lower(o.name)", "namePart"))
					.append(" or ")
					.append(account.scope().condition())
					.append(")");
			}
			else {
				// Two lookups each an index answers (the names' pieces on PostgreSQL, the
				// accounts found by name), read as the deals the list reads: the few
				// matches are found without reading every deal, as the OR above does, and
				// each is read once (as ids joined back to the deals, each was read a
				// second time: 60 % of the reads of a search by an account's name with
				// 535 matches). The second part leaves out what the first finds, so no
				// match comes twice: the LIKE is the first part's test (its pieces only
				// narrow what the LIKE checks), and a blank name meets neither. When both
				// are led by pieces few names hold, the index finds the few matches
				// whatever the text, so the statements run on one plan each (decision
				// 0071) instead of being planned for every search.
				onePlan = name.fewNames() && account.fewNames();
				deals = "(select qn.* from opportunity qn where " + name.sql()
						+ " union all select qa.* from opportunity qa where " + account.scope().condition()
						+ " and not coalesce(" + NameSearch.like("lower(qa.name)", "namePart") + ", false))";
			}
			params.putAll(name.params());
			params.putAll(account.scope().params());
		}
		if (query.segment() != null) {
			sql.append(" and ").append(query.segment().condition());
			params.putAll(query.segment().params());
		}
		if (query.custom() != null) {
			sql.append(" and ").append(query.custom().condition());
			params.putAll(query.custom().params());
		}
		return new OpportunityRows.Where(deals, sql.toString(), params, readsEveryDeal, onePlan);
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

	}

}
