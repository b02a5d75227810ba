package io.dakehu.opportunity;

import java.util.HashMap;
import java.util.Map;

import io.dakehu.account.AccountNameSql;
import io.dakehu.identity.RecordScope;
import io.dakehu.shared.NameSearch;

import org.springframework.stereotype.Component;

/**
 * The conditions a list query puts on the deals, as the list's totals and its pages both
 * read them: the reader's scope and the account, stage, owners, purchase type, close
 * period, search, segment and custom field asked for.
 */
@Component
class OpportunityConditions {

	private static final String CLOSES = CloseMonths.CLOSES;

	private final OpportunityRows rows;

	private final NameSearch nameSearch;

	OpportunityConditions(OpportunityRows rows, NameSearch nameSearch) {
		this.rows = rows;
		this.nameSearch = nameSearch;
	}

	/**
	 * The query's conditions on the deals the reader may see, and the deals they are read
	 * from (a search's two lookups, or every deal).
	 */
	OpportunityRows.Where where(RecordScope scope, OpportunityQuery query) {
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

}
