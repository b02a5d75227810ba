package io.dakehu.account;

import java.time.LocalDateTime;

/**
 * An account as a line in a list.
 */
public record AccountRow(long id, String name, String registrationId, String industry, String region,
		String ownerUsername, String ownerName, KeyAccountType keyAccountType, LifecycleStatus status, boolean archived,
		LocalDateTime updatedAt) {
}
