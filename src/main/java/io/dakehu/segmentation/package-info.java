/**
 * Customer segmentation (DOMAIN.md §3): the pyramid, ABC, Pareto, value × growth and the
 * value indicators, computed set-based inside the database and kept as dated snapshots,
 * plus the service level each tier earns (§10).
 * {@link io.dakehu.segmentation.Segmentation} is the public face; other modules see an
 * account's tier through {@link io.dakehu.account.AccountSegments}, which this module
 * implements.
 */
package io.dakehu.segmentation;
