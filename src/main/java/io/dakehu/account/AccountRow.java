package io.dakehu.account;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * An account as a line in a list, with its custom field values by key (empty for none).
 */
public record AccountRow(long id, String name, String registrationId, String industry, String region,
		String ownerUsername, String ownerName, KeyAccountType keyAccountType, LifecycleStatus status, boolean archived,
		LocalDateTime updatedAt, Map<String, Object> customFields) {
}
