package io.dakehu.shared.outbound;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One business event about one record, published by the owning module inside the
 * transaction that made it true. Whoever sends events out (the webhook module) writes it
 * to its outbox in that same transaction, so it is kept exactly when the change commits.
 *
 * @param type what happened
 * @param recordId the record it happened to, of the type's record type
 * @param payload what a receiver needs to know, as plain values (text, numbers, dates,
 * booleans, nested maps and lists); null values are kept
 */
public record RecordEvent(EventType type, long recordId, Map<String, Object> payload) {

	public RecordEvent {
		payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
	}

}
