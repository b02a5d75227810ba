/**
 * Contracts, payment plans, receipts and receivables (DOMAIN.md §12): what a customer
 * signed, the instalments it pays in, the money received and allocated to them, the aging
 * of what is still owed, and the payment indicators the credit rating reads (§5 #6–#9)
 * through {@link io.dakehu.contract.ReceivableIndicators}.
 * <p>
 * Record scope is the account's, composed from {@link io.dakehu.account.AccountScopeSql};
 * a won opportunity is read through what the opportunity module publishes, products
 * through the catalog.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "account", "account :: sql", "catalog", "identity", "opportunity", "shared" })
package io.dakehu.contract;
