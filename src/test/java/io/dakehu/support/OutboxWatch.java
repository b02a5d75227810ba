package io.dakehu.support;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.dakehu.support.Api.json;

/**
 * A webhook subscribed for the length of a test, so the events a module publishes are
 * written to the outbox (which writes nothing for events nobody subscribes to) and can be
 * read back without a receiver: its address takes no connection and the tests' delivery
 * worker is switched off. Closing it removes the webhook, so later classes write no
 * events for it.
 */
public final class OutboxWatch implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Api api;

	private final JdbcClient jdbc;

	private final long webhook;

	private OutboxWatch(Api api, JdbcClient jdbc, long webhook) {
		this.api = api;
		this.jdbc = jdbc;
		this.webhook = webhook;
	}

	/** Subscribes a webhook, as the administrator, to the events with these codes. */
	public static OutboxWatch subscribe(Api api, JdbcClient jdbc, String... events) {
		long id = api
			.post(Api.ADMIN, "/api/v1/webhooks",
					json("url", "http://127.0.0.1:9/outbox-watch", "secret", "outbox-watch-secret-0123456789", "events",
							List.of(events)))
			.expect(201)
			.id();
		return new OutboxWatch(api, jdbc, id);
	}

	/**
	 * The data of each event of this code about the record that is on its way to this
	 * webhook, oldest first.
	 */
	public List<JsonNode> payloads(String event, long recordId) {
		return this.jdbc.sql("""
				select e.payload from webhook_event e
				where e.event_type = :type and e.record_id = :record
				  and exists (select 1 from webhook_delivery d where d.event_row_id = e.id and d.webhook_id = :webhook)
				order by e.id""")
			.param("type", event)
			.param("record", recordId)
			.param("webhook", this.webhook)
			.query(String.class)
			.list()
			.stream()
			.map(JSON::readTree)
			.toList();
	}

	@Override
	public void close() {
		this.api.delete(Api.ADMIN, "/api/v1/webhooks/" + this.webhook).expect(204);
	}

}
