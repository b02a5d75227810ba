package io.dakehu.webhook;

import java.util.List;

/**
 * A webhook as an administrator enters it.
 *
 * @param secret the signing secret; blank on an edit keeps the current one
 * @param events the event codes subscribed to, e.g. {@code account.created}
 * @param active whether deliveries go out; null keeps it as it is (on, for a new one)
 * @param version the version the administrator saw; null not to check
 */
public record WebhookInput(String url, String secret, String description, List<String> events, Boolean active,
		Integer version) {
}
