package io.dakehu.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.dakehu.identity.Role;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.NoticeRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox's due deliveries. It reads nothing but the outbox's rows, so an event
 * committed just before the application stopped goes out on the next pass of any
 * instance. Per webhook and record the events go in the order they were written: a
 * delivery waits while an earlier one for the same record is pending. A failed attempt is
 * retried after a pause that doubles each time, up to {@code max-attempts}; after
 * {@code disable-after} failed attempts in a row the webhook is switched off and the
 * administrators are told.
 * <p>
 * Each delivery is claimed by one update before it is sent (PENDING → SENDING), so two
 * workers never send it at once; one left SENDING by a worker that died is taken again
 * after {@link #LEASE}. A receiver may therefore, rarely, get an event twice: the
 * {@code X-Dakehu-Event-Id} header is what it de-duplicates by.
 */
@Component
class Deliveries {

	private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

	/** Deliveries read per query. */
	static final int BATCH = 100;

	/** The most attempts one pass makes; the rest wait for the next. */
	static final int MOST_PER_PASS = 1000;

	/** How long a claimed delivery is left to its worker before another takes it. */
	static final Duration LEASE = Duration.ofMinutes(5);

	/** The longest response excerpt kept per attempt. */
	static final int EXCERPT = 500;

	private final JdbcClient jdbc;

	private final Users users;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final Policy policy;

	private final HttpClient http;

	@Autowired
	Deliveries(JdbcClient jdbc, Users users, ApplicationEventPublisher events, TransactionTemplate transaction,
			Clock clock, @Value("${dakehu.webhook.max-attempts:12}") int maxAttempts,
			@Value("${dakehu.webhook.disable-after:20}") int disableAfter,
			@Value("${dakehu.webhook.first-retry:PT30S}") Duration firstRetry,
			@Value("${dakehu.webhook.timeout:PT10S}") Duration timeout) {
		this(jdbc, users, events, transaction, clock, new Policy(maxAttempts, disableAfter, firstRetry, timeout));
	}

	Deliveries(JdbcClient jdbc, Users users, ApplicationEventPublisher events, TransactionTemplate transaction,
			Clock clock, Policy policy) {
		this.jdbc = jdbc;
		this.users = users;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
		this.policy = policy;
		this.http = HttpClient.newBuilder()
			.connectTimeout(policy.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * Sends what is due now, for every active webhook.
	 * @return how many attempts were made
	 */
	int deliverDue() {
		return deliverDue(null);
	}

	/**
	 * Sends what is due now.
	 * @param onlyWebhook the one webhook to send for; null for all
	 * @return how many attempts were made
	 */
	int deliverDue(Long onlyWebhook) {
		int attempts = 0;
		while (attempts < MOST_PER_PASS) {
			List<Due> due = due(onlyWebhook, Math.min(BATCH, MOST_PER_PASS - attempts));
			if (due.isEmpty()) {
				break;
			}
			int claimed = 0;
			for (Due d : due) {
				if (claim(d.id())) {
					claimed++;
					attempts++;
					try {
						send(d);
					}
					catch (DataAccessException ex) {
						// The webhook was deleted while this one was on its way.
						log.info("Webhook delivery {} not recorded: {}", d.id(), ex.getMessage());
					}
				}
			}
			if (claimed == 0) {
				// Another worker took them all: what is left is theirs.
				break;
			}
		}
		return attempts;
	}

	private List<Due> due(Long onlyWebhook, int limit) {
		LocalDateTime now = now();
		String only = (onlyWebhook != null) ? " and d.webhook_id = :webhook" : "";
		return this.jdbc.sql("""
				select d.id, d.webhook_id, d.attempts, w.url, w.secret, e.event_id, e.event_type, e.record_type,
				       e.record_id, e.occurred_at, e.payload
				from webhook_delivery d
				join webhook w on w.id = d.webhook_id
				join webhook_event e on e.id = d.event_row_id
				where w.active = true%s
				  and ((d.status = 'PENDING' and d.next_attempt_at <= :now)
				       or (d.status = 'SENDING' and d.claimed_at < :stale))
				  and not exists (select 1 from webhook_delivery p
				                  where p.webhook_id = d.webhook_id and p.record_type = d.record_type
				                    and p.record_id = d.record_id and p.event_row_id < d.event_row_id
				                    and p.status in ('PENDING', 'SENDING'))
				order by d.event_row_id
				limit :limit""".formatted(only))
			.param("webhook", (onlyWebhook != null) ? onlyWebhook : 0L)
			.param("now", Timestamp.valueOf(now))
			.param("stale", Timestamp.valueOf(now.minus(LEASE)))
			.param("limit", limit)
			.query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
					rs.getObject(6, UUID.class), rs.getString(7), rs.getString(8), rs.getLong(9),
					rs.getTimestamp(10).toLocalDateTime(), rs.getString(11)))
			.list();
	}

	/** Whether this worker won the delivery; one another claimed first is left to it. */
	private boolean claim(long id) {
		LocalDateTime now = now();
		return this.jdbc.sql("""
				update webhook_delivery set status = 'SENDING', claimed_at = :now, attempts = attempts + 1
				where id = :id and (status = 'PENDING' or (status = 'SENDING' and claimed_at < :stale))""")
			.param("now", Timestamp.valueOf(now))
			.param("stale", Timestamp.valueOf(now.minus(LEASE)))
			.param("id", id)
			.update() == 1;
	}

	private void send(Due due) {
		String body = body(due);
		long timestamp = this.clock.instant().getEpochSecond();
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(URI.create(due.url()))
				.timeout(this.policy.timeout())
				.header("Content-Type", "application/json; charset=utf-8")
				.header("User-Agent", "Dakehu-Webhooks")
				.header("X-Dakehu-Event-Id", due.eventId().toString())
				.header("X-Dakehu-Event", due.type())
				.header("X-Dakehu-Timestamp", Long.toString(timestamp))
				.header("X-Dakehu-Signature", Signatures.sign(due.secret(), timestamp, body))
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
				.build();
		}
		catch (IllegalArgumentException ex) {
			failed(due, null, null, "Invalid URL: " + ex.getMessage(), 0);
			return;
		}
		long started = System.nanoTime();
		try {
			HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			String excerpt;
			try (InputStream in = response.body()) {
				excerpt = excerpt(new String(in.readNBytes(EXCERPT * 4), StandardCharsets.UTF_8));
			}
			long millis = (System.nanoTime() - started) / 1_000_000;
			if (response.statusCode() >= 200 && response.statusCode() < 300) {
				delivered(due, response.statusCode(), excerpt, millis);
			}
			else {
				failed(due, response.statusCode(), excerpt, null, millis);
			}
		}
		catch (IOException ex) {
			failed(due, null, null, ex.getClass().getSimpleName() + ": " + ex.getMessage(),
					(System.nanoTime() - started) / 1_000_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			failed(due, null, null, "Interrupted", (System.nanoTime() - started) / 1_000_000);
		}
	}

	/** What the receiver gets: the event's identity, its record and its data. */
	private String body(Due due) {
		ObjectNode envelope = Outbox.JSON.createObjectNode();
		envelope.put("id", due.eventId().toString());
		envelope.put("type", due.type());
		envelope.put("occurredAt", due.occurredAt().atZone(this.clock.getZone()).toOffsetDateTime().toString());
		ObjectNode record = envelope.putObject("record");
		record.put("type", due.recordType());
		record.put("id", due.recordId());
		envelope.set("data", Outbox.JSON.readTree(due.payload()));
		return Outbox.JSON.writeValueAsString(envelope);
	}

	private void delivered(Due due, int status, String excerpt, long millis) {
		LocalDateTime now = now();
		this.transaction.executeWithoutResult((tx) -> {
			log(due, now, status, excerpt, null, millis);
			this.jdbc.sql("update webhook_delivery set status = 'DELIVERED', delivered_at = :now where id = :id")
				.param("now", Timestamp.valueOf(now))
				.param("id", due.id())
				.update();
			this.jdbc.sql("update webhook set consecutive_failures = 0 where id = :id and consecutive_failures > 0")
				.param("id", due.webhookId())
				.update();
		});
	}

	private void failed(Due due, Integer status, String excerpt, String error, long millis) {
		LocalDateTime now = now();
		int attempts = due.attempts() + 1;
		boolean giveUp = attempts >= this.policy.maxAttempts();
		this.transaction.executeWithoutResult((tx) -> {
			log(due, now, status, excerpt, error, millis);
			this.jdbc.sql("""
					update webhook_delivery set status = :status, next_attempt_at = :next, claimed_at = null
					where id = :id""")
				.param("status", giveUp ? "FAILED" : "PENDING")
				.param("next", Timestamp.valueOf(now.plus(this.policy.pauseAfter(attempts))))
				.param("id", due.id())
				.update();
			this.jdbc.sql("update webhook set consecutive_failures = consecutive_failures + 1 where id = :id")
				.param("id", due.webhookId())
				.update();
			int disabled = this.jdbc.sql("""
					update webhook set active = false, disabled_at = :now, version = version + 1
					where id = :id and active = true and consecutive_failures >= :limit""")
				.param("now", Timestamp.valueOf(now))
				.param("id", due.webhookId())
				.param("limit", this.policy.disableAfter())
				.update();
			if (disabled == 1) {
				tellAdministrators(due, now);
			}
		});
		log.info("Webhook {} delivery {} failed (attempt {}{}): {}", due.webhookId(), due.id(), attempts,
				giveUp ? ", given up" : "", (status != null) ? "HTTP " + status : error);
	}

	private void tellAdministrators(Due due, LocalDateTime now) {
		List<Long> admins = this.users.active()
			.stream()
			.filter((u) -> u.role() == Role.ADMIN)
			.map(UserSummary::id)
			.toList();
		log.warn("Webhook {} ({}) switched off after {} failed attempts in a row", due.webhookId(), due.url(),
				this.policy.disableAfter());
		if (!admins.isEmpty()) {
			this.events.publishEvent(new NoticeRequested(admins, false, "webhook.disabled", "notice.webhook.disabled",
					List.of(due.url(), Integer.toString(this.policy.disableAfter())),
					"/admin/webhooks/" + due.webhookId(), "webhook.disabled:" + due.webhookId() + ":" + now));
		}
	}

	private void log(Due due, LocalDateTime now, Integer status, String excerpt, String error, long millis) {
		this.jdbc.sql("""
				insert into webhook_attempt (delivery_id, webhook_id, attempted_at, status_code, response_excerpt,
				                             error, duration_ms)
				values (:delivery, :webhook, :now, :status, :excerpt, :error, :millis)""")
			.param("delivery", due.id())
			.param("webhook", due.webhookId())
			.param("now", Timestamp.valueOf(now))
			.param("status", status)
			.param("excerpt", excerpt)
			.param("error", excerpt(error))
			.param("millis", millis)
			.update();
	}

	private static String excerpt(String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		return (text.length() > EXCERPT) ? text.substring(0, EXCERPT) : text;
	}

	/**
	 * To the millisecond, as every database here stores it, so "due at" compares exactly.
	 */
	private LocalDateTime now() {
		return LocalDateTime.now(this.clock).truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * How hard the worker tries.
	 *
	 * @param maxAttempts attempts per delivery before it is given up
	 * @param disableAfter failed attempts in a row (any delivery) that switch a webhook
	 * off
	 * @param firstRetry the pause after the first failure, doubled after each next one
	 * @param timeout how long to wait to connect, and for the response
	 */
	record Policy(int maxAttempts, int disableAfter, Duration firstRetry, Duration timeout) {

		/** The pause after the given number of failed attempts, at most a day. */
		Duration pauseAfter(int attempts) {
			Duration pause = this.firstRetry.multipliedBy(1L << Math.min(attempts - 1, 20));
			return (pause.compareTo(Duration.ofDays(1)) > 0) ? Duration.ofDays(1) : pause;
		}

	}

	private record Due(long id, long webhookId, int attempts, String url, String secret, UUID eventId, String type,
			String recordType, long recordId, LocalDateTime occurredAt, String payload) {
	}

}
