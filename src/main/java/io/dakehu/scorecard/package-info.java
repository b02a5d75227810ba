/**
 * Scorecards (DOMAIN.md §5, §6, §6.1): one engine of versioned indicators with bands and
 * grades, and the quarterly credit rating scored with it, with the suggested credit limit
 * and payment terms a manager accepts.
 * <p>
 * Years with us come from the first purchase the ledger publishes, the tier from the
 * latest segmentation run as segmentation publishes it, the payment record (§5 #6–#9)
 * from what the contract module publishes; record scope is the account's, composed from
 * {@link io.dakehu.account.AccountScopeSql}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "account :: sql", "contract",
		"identity", "order", "segmentation", "segmentation :: sql", "shared" })
package io.dakehu.scorecard;
