package io.dakehu.webhook;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * One attempt to deliver an event to a webhook, for the deliveries log.
 *
 * @param statusCode the receiver's HTTP status; null when none came (refused, timed out)
 * @param responseExcerpt the start of the receiver's answer
 * @param error why no status came
 * @param deliveryStatus where the delivery stands now: PENDING, SENDING, DELIVERED or
 * FAILED (given up)
 */
public record AttemptView(long id, long deliveryId, UUID eventId, String eventType, String recordType, long recordId,
		LocalDateTime attemptedAt, Integer statusCode, String responseExcerpt, String error, long durationMs,
		String deliveryStatus) {

	/** Whether the receiver took the event. */
	public boolean succeeded() {
		return this.statusCode != null && this.statusCode >= 200 && this.statusCode < 300;
	}

}
