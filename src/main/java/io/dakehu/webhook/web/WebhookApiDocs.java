package io.dakehu.webhook.web;

import io.dakehu.shared.outbound.EventType;
import io.dakehu.webhook.Webhooks;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.stereotype.Component;

/**
 * The webhooks' tag in the API description: how a delivery looks, how to check its
 * signature, and the event catalogue, built from {@link EventType} so it never drifts
 * from what is sent.
 */
@Component
class WebhookApiDocs implements OpenApiCustomizer {

	static final String TAG = "Webhooks";

	@Override
	public void customise(io.swagger.v3.oas.models.OpenAPI api) {
		api.addTagsItem(new Tag().name(TAG).description(description()));
	}

	static String description() {
		StringBuilder text = new StringBuilder("""
				Administrators register webhooks; Dakehu POSTs each subscribed event to them as JSON:
				`{"id": "<uuid>", "type": "account.created", "occurredAt": "2026-01-31T09:30:00+08:00",
				"record": {"type": "Account", "id": 42}, "data": {...}}`.

				Headers: `X-Dakehu-Event-Id` (the event's id: de-duplicate by it, a delivery may come twice),
				`X-Dakehu-Event` (its type), `X-Dakehu-Timestamp` (seconds since 1970 when sent) and
				`X-Dakehu-Signature`, the lower-case hex HMAC-SHA256 of `timestamp + "." + body` with the
				webhook's secret. Answer 2xx within 10 seconds; anything else is retried with a pause that
				doubles each time. Events about one record arrive in the order they happened. After 20 failed
				attempts in a row the webhook is switched off and the administrators are told.

				| Event | Record | When |
				|---|---|---|
				""");
		for (EventType type : Webhooks.catalogue()) {
			text.append("| `")
				.append(type.code())
				.append("` | ")
				.append(type.recordType())
				.append(" | ")
				.append(Webhooks.describe(type))
				.append(" |\n");
		}
		return text.toString();
	}

}
