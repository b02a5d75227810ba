package io.dakehu.webhook;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.dakehu.shared.outbound.EventType;
import io.dakehu.shared.outbound.RecordEvent;
import io.dakehu.shared.outbound.RecordEvents;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes the business events to the outbox, with one delivery per subscribed, active
 * webhook, in the transaction of the change that published them: an event exists exactly
 * when its change committed, whatever happens to the application afterwards, and the
 * worker sends from these rows alone. An event no active webhook subscribes to is not
 * written at all, so a Dakehu without webhooks pays one small query per event.
 */
@Component
class Outbox {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final Clock clock;

	Outbox(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@EventListener
	void on(RecordEvent event) {
		if (!subscribed(event.type())) {
			return;
		}
		String batch = UUID.randomUUID().toString();
		this.jdbc.sql("""
				insert into webhook_event (event_id, batch_id, event_type, record_type, record_id, occurred_at, payload)
				values (:eventId, :batch, :type, :recordType, :recordId, :now, :payload)""")
			.param("eventId", UUID.randomUUID())
			.param("batch", batch)
			.param("type", event.type().code())
			.param("recordType", event.type().recordType())
			.param("recordId", event.recordId())
			.param("now", Timestamp.valueOf(now()))
			.param("payload", JSON.writeValueAsString(event.payload()))
			.update();
		fanOut(batch, null);
	}

	@EventListener
	void on(RecordEvents events) {
		if (!subscribed(events.type())) {
			return;
		}
		String batch = UUID.randomUUID().toString();
		Map<String, Object> params = new HashMap<>(events.params());
		params.put("outboxBatch", batch);
		params.put("outboxType", events.type().code());
		params.put("outboxRecordType", events.type().recordType());
		params.put("outboxNow", Timestamp.valueOf(now()));
		this.jdbc.sql("""
				insert into webhook_event (event_id, batch_id, event_type, record_type, record_id, occurred_at, payload)
				select gen_random_uuid(), :outboxBatch, :outboxType, :outboxRecordType, outbox_rows.record_id,
				       :outboxNow, outbox_rows.payload
				from (%s) outbox_rows""".formatted(events.rows())).params(params).update();
		fanOut(batch, null);
	}

	/**
	 * Writes the test event for one webhook, whatever it subscribes to.
	 * @return the event's id
	 */
	UUID test(long webhookId) {
		String batch = UUID.randomUUID().toString();
		UUID id = UUID.randomUUID();
		Map<String, Object> payload = new HashMap<>();
		payload.put("message", "This is a test event from Dakehu.");
		this.jdbc.sql("""
				insert into webhook_event (event_id, batch_id, event_type, record_type, record_id, occurred_at, payload)
				values (:eventId, :batch, :type, :recordType, :recordId, :now, :payload)""")
			.param("eventId", id)
			.param("batch", batch)
			.param("type", EventType.TEST.code())
			.param("recordType", EventType.TEST.recordType())
			.param("recordId", webhookId)
			.param("now", Timestamp.valueOf(now()))
			.param("payload", JSON.writeValueAsString(payload))
			.update();
		fanOut(batch, webhookId);
		return id;
	}

	/**
	 * Whether an active webhook takes the type. Asked once per type and transaction: an
	 * import opening thousands of accounts in one transaction asks once, not per account.
	 */
	private boolean subscribed(EventType type) {
		Map<EventType, Boolean> known = transactionCache();
		Boolean cached = (known != null) ? known.get(type) : null;
		if (cached != null) {
			return cached;
		}
		boolean subscribed = this.jdbc.sql("""
				select count(*) from webhook_subscription s join webhook w on w.id = s.webhook_id
				where s.event_type = :type and w.active = true""")
			.param("type", type.code())
			.query(Long.class)
			.single() > 0;
		if (known != null) {
			known.put(type, subscribed);
		}
		return subscribed;
	}

	/** The answers of this transaction so far; null outside a transaction. */
	@SuppressWarnings("unchecked")
	private Map<EventType, Boolean> transactionCache() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		Map<EventType, Boolean> known = (Map<EventType, Boolean>) TransactionSynchronizationManager.getResource(this);
		if (known == null) {
			Map<EventType, Boolean> fresh = new EnumMap<>(EventType.class);
			TransactionSynchronizationManager.bindResource(this, fresh);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
				}
			});
			known = fresh;
		}
		return known;
	}

	/**
	 * One delivery per event of the batch and webhook subscribed to its type (or, for a
	 * test, the one webhook), due at once.
	 */
	private void fanOut(String batch, Long testedWebhook) {
		if (testedWebhook != null) {
			this.jdbc.sql("""
					insert into webhook_delivery (webhook_id, event_row_id, record_type, record_id, status, attempts,
					                              next_attempt_at)
					select :webhook, e.id, e.record_type, e.record_id, 'PENDING', 0, e.occurred_at
					from webhook_event e where e.batch_id = :batch""")
				.param("batch", batch)
				.param("webhook", testedWebhook)
				.update();
			return;
		}
		this.jdbc.sql("""
				insert into webhook_delivery (webhook_id, event_row_id, record_type, record_id, status, attempts,
				                              next_attempt_at)
				select s.webhook_id, e.id, e.record_type, e.record_id, 'PENDING', 0, e.occurred_at
				from webhook_event e
				join webhook_subscription s on s.event_type = e.event_type
				join webhook w on w.id = s.webhook_id and w.active = true
				where e.batch_id = :batch""").param("batch", batch).update();
	}

	/** To the millisecond, as the worker reads the clock. */
	private LocalDateTime now() {
		return LocalDateTime.now(this.clock).truncatedTo(ChronoUnit.MILLIS);
	}

}
