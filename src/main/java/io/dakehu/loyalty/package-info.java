/**
 * Loyalty actions (提高大客户忠诚度, DOMAIN.md §10.5): the catalogue of the ten strategies plus
 * gifts and hosting; actions planned for a key account with an owner, a day and a budget,
 * approved through the approval flow when they need it (gifts, hosting, and any action
 * whose budget is above the threshold), then done and evaluated; the budget and spend per
 * tier, owner and year; a month calendar.
 * <p>
 * Record scope is the account's ({@link io.dakehu.account.AccountScopeSql}); the tier is
 * the latest segmentation run's ({@link io.dakehu.segmentation.TierSql}); approvals are
 * asked of {@link io.dakehu.approval.Approvals} and followed through
 * {@link io.dakehu.approval.ApprovalDecided}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "account :: sql", "approval",
		"identity", "segmentation", "segmentation :: sql", "shared" })
package io.dakehu.loyalty;
