package io.dakehu.webhook;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A registered webhook as administrators see it; the secret is never shown again.
 *
 * @param consecutiveFailures failed attempts since the last success
 * @param disabledAt when the worker switched it off after too many failures in a row;
 * null when on, or switched off by hand
 * @param pending deliveries waiting to go out (or to be retried)
 */
public record WebhookView(long id, String url, String description, boolean active, List<String> events,
		int consecutiveFailures, LocalDateTime disabledAt, LocalDateTime createdAt, int version, long pending) {
}
