package io.dakehu.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.dakehu.identity.CurrentUser;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;
import io.dakehu.shared.outbound.EventType;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The webhooks administrators register (decision 0047): where to send, the secret that
 * signs, which events; switching one back on after the worker switched it off; the test
 * event; and the log of attempts. Administrators only; every change is audited (the
 * secret never).
 */
@Service
@Transactional
public class Webhooks {

	static final String AUDIT_TYPE = "Webhook";

	/** The shortest secret taken: 128 bits of a random hex string. */
	static final int SHORTEST_SECRET = 16;

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final AuditTrail audit;

	private final Clock clock;

	Webhooks(JdbcClient jdbc, Outbox outbox, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.audit = audit;
		this.clock = clock;
	}

	/** The events a webhook may subscribe to, in catalogue order. */
	public static List<EventType> catalogue() {
		return Arrays.stream(EventType.values()).filter((t) -> t != EventType.TEST).toList();
	}

	/**
	 * When the event is sent and what its {@code data} holds, for the API description
	 * (which is in English only).
	 */
	public static String describe(EventType type) {
		return switch (type) {
			case ACCOUNT_CREATED -> "An account was opened (by hand, the API or an import). Data: its fields.";
			case ACCOUNT_CHANGED -> "An account's fields were edited. Data: `changes`, each field's `from` and `to`.";
			case ACCOUNT_ARCHIVED -> "An account was archived. Data: `name`.";
			case ACCOUNT_MERGED -> "An account was merged into another; the record is the absorbed one."
					+ " Data: `absorbedId`, `survivorId`.";
			case ACCOUNT_OWNER_CHANGED -> "An account got another owner (edit or a manager's assignment)."
					+ " Data: `previousOwnerId`, `ownerId`.";
			case ACCOUNT_RETURNED_TO_POOL -> "An account entered the public pool, returned by its owner or by the"
					+ " pool rules. Data: `previousOwnerId`, `reason` (RETURNED, NO_FOLLOW_UP, NO_DEAL), `note`.";
			case ACCOUNT_CLAIMED ->
				"A user claimed an account from the public pool. Data: `previousOwnerId`" + " (null), `ownerId`.";
			case ACCOUNT_TIER_CHANGED -> "A company-wide segmentation run put the account in another tier (one"
					+ " event per account that moved). Data: `tier`, `previousTier` (null when first ranked), `runId`.";
			case OPPORTUNITY_STAGE_CHANGED ->
				"An opportunity moved to another buying step. Data: `accountId`," + " `from`, `to`.";
			case OPPORTUNITY_WON -> "An opportunity was won. Data: `accountId`, `from`, `amount`, `closeDate`.";
			case OPPORTUNITY_LOST -> "An opportunity was lost. Data: `accountId`, `from`, `lostReason`,"
					+ " `winningCompetitor`, `closeDate`.";
			case COMPLAINT_OPENED ->
				"A complaint was recorded. Data: `accountId`, `category`, `severity`, `receivedAt`.";
			case COMPLAINT_RESOLVED -> "A complaint was resolved. Data: `accountId`, `resolvedAt`.";
			case CHURN_RISK_HIGH -> "The nightly churn run scored an account at high risk that was not before."
					+ " Data: `score`, `previousLevel` (null when not scored before), `runId`.";
			case CREDIT_GRADE_CHANGED -> "An account's credit rating gave another grade than the previous one."
					+ " Data: `ratingId`, `quarter`, `previousGrade`, `grade`, `downgrade`.";
			case CONTRACT_ACTIVATED -> "A contract took effect. Data: `accountId`, `number`, `amount`.";
			case RECEIPT_RECORDED ->
				"A payment was received. Data: `accountId`, `contractId`, `amount`, `receivedOn`, `method`.";
			case TEST -> "Sent by an administrator's \"send test event\". Data: `message`.";
		};
	}

	@Transactional(readOnly = true)
	public List<WebhookView> all(CurrentUser admin) {
		requireAdmin(admin);
		return views("");
	}

	@Transactional(readOnly = true)
	public WebhookView get(CurrentUser admin, long id) {
		requireAdmin(admin);
		return views(" where w.id = :id", Map.of("id", id)).stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException(AUDIT_TYPE, id));
	}

	public WebhookView create(CurrentUser admin, WebhookInput input) {
		requireAdmin(admin);
		String url = url(input.url());
		String secret = secret(input.secret(), true);
		String description = description(input.description());
		Set<String> events = events(input.events());
		boolean active = input.active() == null || input.active();
		LocalDateTime now = LocalDateTime.now(this.clock);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into webhook (url, secret, description, active, created_at, updated_at)
				values (:url, :secret, :description, :active, :now, :now)""")
			.param("url", url)
			.param("secret", secret)
			.param("description", description)
			.param("active", active)
			.param("now", Timestamp.valueOf(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Long.class);
		subscribe(id, events);
		this.audit.created(AUDIT_TYPE, id, null, auditValues(url, description, active, events));
		return get(admin, id);
	}

	public WebhookView update(CurrentUser admin, long id, WebhookInput input) {
		WebhookView before = get(admin, id);
		if (input.version() != null) {
			StaleEditException.check(AUDIT_TYPE, id, input.version(), before.version());
		}
		String url = url(input.url());
		String secret = secret(input.secret(), false);
		String description = description(input.description());
		Set<String> events = events(input.events());
		boolean active = (input.active() != null) ? input.active() : before.active();
		int updated = this.jdbc.sql("""
				update webhook set url = :url, description = :description,
				       active = :active, updated_at = :now, version = version + 1,
				       consecutive_failures = case when :reactivated then 0 else consecutive_failures end,
				       disabled_at = case when :active then null else disabled_at end
				where id = :id and version = :version""")
			.param("url", url)
			.param("description", description)
			.param("active", active)
			.param("reactivated", active && !before.active())
			.param("now", Timestamp.valueOf(LocalDateTime.now(this.clock)))
			.param("id", id)
			.param("version", before.version())
			.update();
		if (updated == 0) {
			throw new StaleEditException(AUDIT_TYPE, id, get(admin, id).version());
		}
		if (secret != null) {
			this.jdbc.sql("update webhook set secret = :secret where id = :id")
				.param("secret", secret)
				.param("id", id)
				.update();
		}
		this.jdbc.sql("delete from webhook_subscription where webhook_id = :id").param("id", id).update();
		subscribe(id, events);
		Map<String, Object> after = auditValues(url, description, active, events);
		if (secret != null) {
			// Only the fact that it changed, never the secret.
			after.put("secret", "changed");
		}
		this.audit.changed(AUDIT_TYPE, id, null,
				auditValues(before.url(), before.description(), before.active(), new LinkedHashSet<>(before.events())),
				after);
		return get(admin, id);
	}

	/** Removes the webhook with its deliveries and their log. */
	public void delete(CurrentUser admin, long id) {
		WebhookView before = get(admin, id);
		this.jdbc.sql("delete from webhook where id = :id").param("id", id).update();
		this.audit.deleted(AUDIT_TYPE, id, null,
				auditValues(before.url(), before.description(), before.active(), new LinkedHashSet<>(before.events())));
	}

	/**
	 * Queues a {@code webhook.test} event for this webhook alone; the worker sends it
	 * within seconds and the log shows how the receiver answered.
	 * @return the test event's id
	 */
	public UUID sendTest(CurrentUser admin, long id) {
		get(admin, id);
		return this.outbox.test(id);
	}

	/** The latest attempts to deliver to the webhook, newest first. */
	@Transactional(readOnly = true)
	public List<AttemptView> attempts(CurrentUser admin, long id, int limit) {
		get(admin, id);
		return this.jdbc.sql("""
				select a.id, a.delivery_id, e.event_id, e.event_type, e.record_type, e.record_id, a.attempted_at,
				       a.status_code, a.response_excerpt, a.error, a.duration_ms, d.status
				from webhook_attempt a
				join webhook_delivery d on d.id = a.delivery_id
				join webhook_event e on e.id = d.event_row_id
				where a.webhook_id = :id
				order by a.id desc
				limit :limit""")
			.param("id", id)
			.param("limit", Math.max(1, Math.min(limit, 500)))
			.query((rs, n) -> new AttemptView(rs.getLong(1), rs.getLong(2), rs.getObject(3, UUID.class),
					rs.getString(4), rs.getString(5), rs.getLong(6), rs.getTimestamp(7).toLocalDateTime(),
					(Integer) rs.getObject(8, Integer.class), rs.getString(9), rs.getString(10), rs.getLong(11),
					rs.getString(12)))
			.list();
	}

	static void requireAdmin(CurrentUser user) {
		if (!user.isAdmin()) {
			throw new AccessDeniedException("administrators only");
		}
	}

	private List<WebhookView> views(String where) {
		return views(where, Map.of());
	}

	private List<WebhookView> views(String where, Map<String, ?> params) {
		Map<Long, List<String>> subscriptions = new LinkedHashMap<>();
		this.jdbc.sql("select webhook_id, event_type from webhook_subscription order by webhook_id, event_type")
			.query((rs, n) -> subscriptions.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>())
				.add(rs.getString(2)))
			.list();
		return this.jdbc.sql("""
				select w.id, w.url, w.description, w.active, w.consecutive_failures, w.disabled_at, w.created_at,
				       w.version,
				       (select count(*) from webhook_delivery d
				        where d.webhook_id = w.id and d.status in ('PENDING', 'SENDING')) as pending
				from webhook w""" + where + " order by w.id").params(params).query((rs, n) -> {
			long id = rs.getLong(1);
			Timestamp disabled = rs.getTimestamp(6);
			return new WebhookView(id, rs.getString(2), rs.getString(3), rs.getBoolean(4),
					inCatalogueOrder(subscriptions.getOrDefault(id, List.of())), rs.getInt(5),
					(disabled != null) ? disabled.toLocalDateTime() : null, rs.getTimestamp(7).toLocalDateTime(),
					rs.getInt(8), rs.getLong(9));
		}).list();
	}

	private static List<String> inCatalogueOrder(List<String> codes) {
		return catalogue().stream().map(EventType::code).filter(codes::contains).toList();
	}

	private void subscribe(long id, Set<String> events) {
		for (String event : events) {
			this.jdbc.sql("insert into webhook_subscription (webhook_id, event_type) values (:id, :event)")
				.param("id", id)
				.param("event", event)
				.update();
		}
	}

	private static Map<String, Object> auditValues(String url, String description, boolean active, Set<String> events) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("url", url);
		values.put("description", description);
		values.put("active", active);
		values.put("events", String.join(", ", inCatalogueOrder(new ArrayList<>(events))));
		return values;
	}

	private static String url(String url) {
		if (url == null || url.isBlank()) {
			throw new RuleViolationException("url", "validation.required");
		}
		String stripped = url.strip();
		if (stripped.length() > 1000) {
			throw new RuleViolationException("url", "webhook.validation.urlTooLong", 1000);
		}
		try {
			URI uri = new URI(stripped);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase() : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
				throw new RuleViolationException("url", "webhook.validation.url");
			}
		}
		catch (URISyntaxException ex) {
			throw new RuleViolationException("url", "webhook.validation.url");
		}
		return stripped;
	}

	private static String secret(String secret, boolean required) {
		if (secret == null || secret.isBlank()) {
			if (required) {
				throw new RuleViolationException("secret", "validation.required");
			}
			return null;
		}
		String stripped = secret.strip();
		if (stripped.length() < SHORTEST_SECRET || stripped.length() > 200) {
			throw new RuleViolationException("secret", "webhook.validation.secretLength", SHORTEST_SECRET, 200);
		}
		return stripped;
	}

	private static String description(String description) {
		if (description == null || description.isBlank()) {
			return null;
		}
		String stripped = description.strip();
		if (stripped.length() > 200) {
			throw new RuleViolationException("description", "webhook.validation.descriptionTooLong", 200);
		}
		return stripped;
	}

	private static Set<String> events(List<String> events) {
		if (events == null || events.isEmpty()) {
			throw new RuleViolationException("events", "webhook.validation.noEvents");
		}
		Set<String> codes = new LinkedHashSet<>();
		for (String event : events) {
			EventType type = (event != null) ? EventType.ofCode(event.strip()) : null;
			if (type == null || type == EventType.TEST) {
				throw new RuleViolationException("events", "webhook.validation.unknownEvent", event);
			}
			codes.add(type.code());
		}
		return codes;
	}

}
