package io.dakehu.pool;

/**
 * When an owned account of one tier returns to the pool.
 *
 * @param tier the tier's code, VIP first
 * @param followUpDays days without a follow-up activity; null for never by this measure
 * @param dealDays days without a deal; null for never by this measure
 */
public record PoolRule(long id, String tier, Integer followUpDays, Integer dealDays, int version) {
}
