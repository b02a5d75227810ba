package io.dakehu.opportunity;

import java.time.LocalDate;
import java.util.Set;

import io.dakehu.account.AccountScopeSql;
import io.dakehu.customfield.CustomFields;

/**
 * A pipeline filter as SQL can apply it: the team already expanded to its members and the
 * account tier turned into a condition from the module that classifies accounts.
 *
 * @param ownerIds null for every owner; empty matches nothing
 * @param stage null for every stage
 * @param openOnly leave won and lost opportunities out
 * @param segment a condition on {@code o.account_id}; null for none
 * @param custom the filters by custom fields as a condition on {@code o.custom_fields};
 * null for none
 */
record OpportunityQuery(Long accountId, Set<Long> ownerIds, PurchaseType purchaseType, LocalDate from, LocalDate to,
		Stage stage, boolean openOnly, String q, AccountScopeSql segment, CustomFields.Filter custom) {

	OpportunityQuery(Long accountId, Set<Long> ownerIds, PurchaseType purchaseType, LocalDate from, LocalDate to,
			Stage stage, boolean openOnly, String q, AccountScopeSql segment) {
		this(accountId, ownerIds, purchaseType, from, to, stage, openOnly, q, segment, null);
	}

	boolean matchesNothing() {
		return this.ownerIds != null && this.ownerIds.isEmpty();
	}

	/**
	 * Whether the tally answers the totals: nothing narrows the opportunities but their
	 * owner, stage and purchase type.
	 */
	boolean tallied() {
		return this.from == null && this.to == null && talliedByMonth();
	}

	/**
	 * Whether the tallies per close month answer the totals of a close period's whole
	 * months: nothing narrows the opportunities but their owner, stage, purchase type and
	 * close date.
	 */
	boolean talliedByMonth() {
		return this.accountId == null && this.q == null && this.segment == null && this.custom == null;
	}

	OpportunityQuery inStage(Stage stage) {
		return new OpportunityQuery(this.accountId, this.ownerIds, this.purchaseType, this.from, this.to, stage,
				this.openOnly, this.q, this.segment, this.custom);
	}

}
