package io.dakehu.pool;

/**
 * The pool list's filters, as on the account list; each null or blank for no filter.
 *
 * @param q part of the name, or a whole registration id
 * @param tier a tier's code
 * @param reason a {@link io.dakehu.account.PoolReason} name
 */
public record PoolCriteria(String q, String tier, String industry, String region, String reason) {
}
