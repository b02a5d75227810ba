/**
 * The public pool (公海, DOMAIN.md §13, decision 0032): the rules per tier by which idle
 * owned accounts return to the pool, the nightly run that applies them and warns owners a
 * week ahead, and the pool's list. The moves themselves (claim, assign, return) are verbs
 * of the account ({@link io.dakehu.account.AccountPool}).
 * <p>
 * The run composes the fragments the owners publish: the owned and pooled accounts
 * (account), each account's latest contact (activity) and its tier (segmentation). It
 * names no other module's table.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "account :: sql", "activity :: sql",
		"identity", "segmentation", "segmentation :: sql", "shared" })
package io.dakehu.pool;
