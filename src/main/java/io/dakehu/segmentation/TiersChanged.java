package io.dakehu.segmentation;

/**
 * What {@link Segmentation#latestTierSql()} answers may have changed for every account at
 * once: a run ranked the accounts anew, or the contact cadences were saved. Published
 * inside the writing transaction.
 */
public record TiersChanged() {
}
