/**
 * Keeping customers (DOMAIN.md §10.4): the churn early warning, a score per customer
 * recomputed nightly and on demand and kept as a dated history, the at-risk list per
 * scope, and the lost-customer analysis with its back-test of the warning.
 * <p>
 * A run composes the SQL fragments the owners publish (decision 0033): the customers and
 * the record scope (account), the buying rhythm (order), the complaints and the
 * satisfaction at return visits (service), the latest contact (activity), the tier and
 * its contact cadence (segmentation), deals lost to competitors (opportunity) and
 * receivables long overdue (contract). It names no other module's table; these arrows are
 * declared here, so a new reach fails the module verification.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "account :: sql", "activity :: sql",
		"contract :: sql", "identity", "opportunity :: sql", "order :: sql", "segmentation", "segmentation :: sql",
		"service :: sql", "shared" })
package io.dakehu.retention;
