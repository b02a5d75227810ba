package io.dakehu.shared.outbound;

import java.util.Map;

/**
 * One business event for each row of a set, published by the owning module inside the
 * transaction of a set-based change (a segmentation run changing thousands of tiers), so
 * the events are written with one statement rather than one insert per record.
 *
 * @param type what happened to each record
 * @param rows a sub-select with the columns {@code record_id} (bigint) and
 * {@code payload} (the event's data as JSON text), written by the owning module over its
 * own tables
 * @param params the sub-select's named parameters, none starting with {@code outbox}
 */
public record RecordEvents(EventType type, String rows, Map<String, ?> params) {

	public RecordEvents {
		params = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(params));
	}

}
