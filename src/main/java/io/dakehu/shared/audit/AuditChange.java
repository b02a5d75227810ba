package io.dakehu.shared.audit;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One save as a person thinks of it: who changed which record when, with every field that
 * changed in that save.
 */
public record AuditChange(LocalDateTime occurredAt, String actor, String entityType, long entityId, String action,
		List<AuditEntry> fields) {

	/**
	 * Groups field rows, newest first, into saves: consecutive rows of the same record,
	 * actor, action and time.
	 */
	public static List<AuditChange> group(List<AuditEntry> entries) {
		List<AuditChange> changes = new ArrayList<>();
		for (AuditEntry entry : entries) {
			AuditChange last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
			if (last != null && last.entityId() == entry.entityId() && last.entityType().equals(entry.entityType())
					&& last.action().equals(entry.action()) && last.actor().equals(entry.actor())
					&& Objects.equals(last.occurredAt(), entry.occurredAt())) {
				last.fields().add(entry);
			}
			else {
				List<AuditEntry> fields = new ArrayList<>();
				fields.add(entry);
				changes.add(new AuditChange(entry.occurredAt(), entry.actor(), entry.entityType(), entry.entityId(),
						entry.action(), fields));
			}
		}
		return changes;
	}

}
