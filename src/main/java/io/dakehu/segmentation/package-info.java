/**
 * Customer segmentation (DOMAIN.md §3): the pyramid, ABC, Pareto, value × growth and the
 * value indicators, computed set-based inside the database and kept as dated snapshots,
 * plus the service level each tier earns (§10).
 * {@link io.dakehu.segmentation.Segmentation} is what other modules ask of it (runs,
 * movers, the latest tiers as SQL); its own pages use the services by topic (runs,
 * snapshots, tier migration, standings, settings). Other modules see an account's tier
 * through {@link io.dakehu.account.AccountSegments}, which this module implements.
 * <p>
 * A run composes the SQL fragments its owners publish (docs/decisions/0010): the customer
 * population and the record scope (account), the ledger's sums per account and period
 * (order) and the activities' costs (activity). Those arrows are declared here, so a new
 * reach into another module fails the module verification.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "account :: sql", "order",
		"order :: sql", "activity :: sql", "identity", "shared" })
package io.dakehu.segmentation;
