package io.dakehu.shared.audit;

import java.time.LocalDateTime;

/**
 * One changed field of one record: who, when, before and after.
 */
public record AuditEntry(LocalDateTime occurredAt, String actor, String entityType, long entityId, String action,
		String field, String oldValue, String newValue) {
}
