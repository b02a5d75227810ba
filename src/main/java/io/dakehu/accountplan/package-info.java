/**
 * The key account plan (DOMAIN.md §10.7): per account and year, the goals (revenue, share
 * of wallet, the stage on the 25-grid), the SWOT, the actions with owners and dates, the
 * reviews and how complete the plan is; the whitespace matrix of the account's group
 * against our product lines; the plan's goals against what happened, on the account page.
 * <p>
 * Record scope is the account's. The matrix composes what the owners publish: the group
 * from {@link io.dakehu.account.AccountQueries}, product lines from the catalog and its
 * {@code ProductLineSql}, purchases from the order module's {@code ProductPurchaseSql},
 * open deals from the opportunity module's {@code OpenDealSql}; it names no other
 * module's table. An action may stand for another module's record through
 * {@link io.dakehu.accountplan.PlanActionLink}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "catalog", "catalog :: sql",
		"identity", "opportunity", "opportunity :: sql", "order", "order :: sql", "relationship", "shared" })
package io.dakehu.accountplan;
