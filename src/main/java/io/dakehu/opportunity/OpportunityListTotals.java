package io.dakehu.opportunity;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountScopeSql;
import io.dakehu.identity.RecordScope;
import io.dakehu.shared.NameSearch;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the visible opportunities matching a list query add up to, per stage and in all:
 * how many, their amount and their weighted amount, in one statement (decision 0081).
 * Where nothing but owner, stage, purchase type and close period narrows the deals they
 * are read from the tallies (and a close period's end days from the deals, decision
 * 0083); otherwise the matching deals are grouped by stage. A search with few matches is
 * added up by {@link OpportunityLists} from its one reading of them instead (decision
 * 0073).
 */
@Component
@Transactional(readOnly = true)
class OpportunityListTotals {

	private static final String CLOSES = CloseMonths.CLOSES;

	private final JdbcClient jdbc;

	private final OpportunityTally tally;

	private final OpportunityConditions conditions;

	private final NameSearch nameSearch;

	OpportunityListTotals(JdbcClient jdbc, OpportunityTally tally, OpportunityConditions conditions,
			NameSearch nameSearch) {
		this.jdbc = jdbc;
		this.tally = tally;
		this.conditions = conditions;
		this.nameSearch = nameSearch;
	}

	/**
	 * How many visible opportunities match, with their amount and weighted amount.
	 */
	OpportunityTotals totals(RecordScope scope, OpportunityQuery query) {
		return OpportunityTotals.added(totalsByStage(scope, query).values());
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
		return (months != null) ? tallied(scope, query, months) : aggregate(this.conditions.where(scope, query));
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
		return this.nameSearch.marked(this.jdbc, where.onePlan(), (mark) -> weighedSums(List.of(part(where)), mark));
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
		StageSum.Part sums = StageSum.Part.union(parts);
		this.jdbc
			.sql(mark + "select s.stage, s.opportunities, s.amount, coalesce(p.probability, 0) from"
					+ " (select u.stage, sum(u.opportunities) as opportunities, sum(u.amount) as amount from ("
					+ sums.sql() + ") u group by u.stage having sum(u.opportunities) > 0) s"
					+ " left join opportunity_stage_probability p on p.stage = s.stage")
			.params(sums.params())
			.query((ResultSet rs) -> {
				totals.put(Stage.valueOf(rs.getString(1)),
						new StageSum(rs.getLong(2), rs.getBigDecimal(3)).weighed(rs.getInt(4)));
			});
		return totals;
	}

}
