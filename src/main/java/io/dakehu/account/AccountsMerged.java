package io.dakehu.account;

/**
 * Two accounts became one: every record of the absorbed account now belongs to the
 * survivor. Published inside the merge's transaction; each module that keeps rows per
 * account handles it synchronously ({@code @EventListener}, not after commit) and moves
 * its own rows, so the merge commits whole or not at all and no module touches another's
 * tables.
 *
 * @param absorbedId the account left as a tombstone pointing at the survivor
 * @param survivorId the account that keeps everything
 */
public record AccountsMerged(long absorbedId, long survivorId) {
}
