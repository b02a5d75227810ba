package io.dakehu.pool;

import java.time.LocalDate;
import java.time.LocalDateTime;

import io.dakehu.account.PoolReason;

/**
 * An account of the pool as its list shows it.
 *
 * @param tier the latest run's tier (Small when it was not ranked)
 * @param lastFollowUpOn the day of the latest contact activity, null for none
 * @param lastDealOn the day of the latest purchase, null for none
 * @param reason why it is in the pool
 * @param note the owner's words when they returned it
 * @param previousOwner the display name of who had it last, null for nobody
 */
public record PoolAccount(long id, String name, String industry, String region, String tier, LocalDate lastFollowUpOn,
		LocalDate lastDealOn, LocalDateTime pooledAt, PoolReason reason, String note, String previousOwner,
		int version) {
}
