package io.dakehu.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.NoticeRequested;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;
import io.dakehu.shared.RuleViolationException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notification centre: notices stored per recipient, read, marked read, and what each
 * user wants by e-mail. A user reaches only their own notices; another's id reads as
 * missing.
 */
@Service
@Transactional(readOnly = true)
public class Notifications {

	static final String ENTITY = "Notification";

	/**
	 * The kinds Dakehu itself reminds of, offered for opt-out even before one arrives.
	 */
	static final List<String> KNOWN_KINDS = List.of(NoticeKinds.COMPLAINT_ASSIGNED, NoticeKinds.COMPLAINT_OVERDUE,
			NoticeKinds.CONTACT_OVERDUE);

	private static final TypeReference<List<String>> TEXTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final Users users;

	private final MessageSource messages;

	private final JsonMapper json;

	private final MailSwitch mail;

	private final Clock clock;

	Notifications(JdbcClient jdbc, JdbcTemplate template, Users users, MessageSource messages, JsonMapper json,
			MailSwitch mail, Clock clock) {
		this.jdbc = jdbc;
		this.template = template;
		this.users = users;
		this.messages = messages;
		this.json = json;
		this.mail = mail;
		this.clock = clock;
	}

	/**
	 * Stores the notice for each active recipient and, when asked, their managers, once
	 * per recipient and dedup key; queues its e-mail when SMTP is configured. Runs in a
	 * transaction of its own, as the publisher's has committed already.
	 * @return how many notices were stored (those already there not counted)
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public int deliver(NoticeRequested notice) {
		Set<Long> recipients = new LinkedHashSet<>(notice.recipients());
		if (notice.copyManagers()) {
			this.users.managersOf(notice.recipients()).values().forEach(recipients::addAll);
		}
		Map<Long, UserSummary> people = this.users.byIds(recipients);
		String arguments = this.json.writeValueAsString(notice.arguments());
		LocalDateTime now = now();
		int stored = 0;
		for (long recipient : recipients) {
			UserSummary person = people.get(recipient);
			if (person == null || !person.active()) {
				continue;
			}
			Long id = insert(recipient, notice, arguments, now);
			if (id != null) {
				stored++;
				if (this.mail.enabled()) {
					this.jdbc.sql("""
							insert into notification_mail (notification_id, status, attempts, next_attempt_at)
							values (:id, 'PENDING', 0, :now)""").param("id", id).param("now", now).update();
				}
			}
		}
		return stored;
	}

	/**
	 * Stores many notices as {@link #deliver} stores each, in one transaction of its own:
	 * every recipient (and manager) looked up once, the notices written in one batch.
	 * With e-mail configured each notice's mail is queued with it, so they go one by one.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void deliverAll(List<NoticeRequested> notices) {
		if (this.mail.enabled()) {
			notices.forEach(this::deliver);
			return;
		}
		Set<Long> everyone = new LinkedHashSet<>();
		List<Long> copied = new ArrayList<>();
		for (NoticeRequested notice : notices) {
			everyone.addAll(notice.recipients());
			if (notice.copyManagers()) {
				copied.addAll(notice.recipients());
			}
		}
		Map<Long, Set<Long>> managers = copied.isEmpty() ? Map.of() : this.users.managersOf(copied);
		managers.values().forEach(everyone::addAll);
		Map<Long, UserSummary> people = this.users.byIds(everyone);
		Timestamp now = Timestamp.valueOf(now());
		List<Object[]> rows = new ArrayList<>();
		for (NoticeRequested notice : notices) {
			Set<Long> recipients = new LinkedHashSet<>(notice.recipients());
			if (notice.copyManagers()) {
				notice.recipients()
					.forEach((recipient) -> recipients.addAll(managers.getOrDefault(recipient, Set.of())));
			}
			String arguments = this.json.writeValueAsString(notice.arguments());
			for (long recipient : recipients) {
				UserSummary person = people.get(recipient);
				if (person != null && person.active()) {
					rows.add(new Object[] { recipient, notice.kind(), notice.messageCode(), arguments,
							safeLink(notice.link()), notice.dedupKey(), now });
				}
			}
		}
		// A fact a recipient has already (same dedup key) is not stored twice; a notice
		// without a key never meets the unique index.
		this.template.batchUpdate("insert into notification (recipient_id, kind, message_code, arguments, link,"
				+ " dedup_key, created_at) values (?, ?, ?, ?, ?, ?, ?)" + NO_REPEAT, rows);
	}

	/** The new notice's id, or null when the recipient has this fact already. */
	private Long insert(long recipient, NoticeRequested notice, String arguments, LocalDateTime now) {
		String sql = """
				insert into notification (recipient_id, kind, message_code, arguments, link, dedup_key, created_at)
				values (:recipient, :kind, :code, :arguments, :link, :dedup, :now)""";
		JdbcClient.StatementSpec insert = this.jdbc.sql(sql + ((notice.dedupKey() != null) ? NO_REPEAT : ""))
			.param("recipient", recipient)
			.param("kind", notice.kind())
			.param("code", notice.messageCode())
			.param("arguments", arguments)
			.param("link", safeLink(notice.link()))
			.param("dedup", notice.dedupKey())
			.param("now", now);
		if (notice.dedupKey() == null) {
			KeyHolder key = new GeneratedKeyHolder();
			insert.update(key, "id");
			return key.getKeyAs(Number.class).longValue();
		}
		// Two nodes (or a rerun) inserting the same fact meet on the unique index: one
		// row goes in, the other insert does nothing rather than fail.
		if (insert.update() == 0) {
			return null;
		}
		return this.jdbc.sql("select id from notification where recipient_id = :recipient and dedup_key = :dedup")
			.param("recipient", recipient)
			.param("dedup", notice.dedupKey())
			.query(Long.class)
			.single();
	}

	private static final String NO_REPEAT = " on conflict do nothing";

	/**
	 * A path inside Dakehu, or the notification list: a notice never sends anyone to
	 * another site.
	 */
	static String safeLink(String link) {
		if (link == null || !link.startsWith("/") || link.startsWith("//") || link.contains("\\")) {
			return "/notifications";
		}
		return link;
	}

	/** The bell's number: one count along the recipient's unread index. */
	public long unreadCount(long userId) {
		return this.jdbc.sql("select count(*) from notification where recipient_id = :me and read_at is null")
			.param("me", userId)
			.query(Long.class)
			.single();
	}

	/** The user's notices, newest first, rendered in the given language. */
	public PageResult<NotificationView> page(long userId, boolean unreadOnly, PageRequest page, Locale locale) {
		String where = " where recipient_id = :me" + (unreadOnly ? " and read_at is null" : "");
		long total = this.jdbc.sql("select count(*) from notification" + where)
			.param("me", userId)
			.query(Long.class)
			.single();
		List<NotificationView> views = this.jdbc
			.sql("select id, kind, message_code, arguments, link, created_at, read_at from notification" + where
					+ " order by id desc limit :limit offset :offset")
			.param("me", userId)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, n) -> new NotificationView(rs.getLong(1), rs.getString(2),
					render(rs.getString(3), rs.getString(4), locale), rs.getString(5),
					rs.getTimestamp(6).toLocalDateTime(), rs.getTimestamp(7) != null))
			.list();
		return new PageResult<>(views, page.page(), page.size(), total);
	}

	/**
	 * One of the user's notices.
	 * @throws NotFoundException when it does not exist or is someone else's
	 */
	public NotificationView get(long userId, long id, Locale locale) {
		return this.jdbc
			.sql("select id, kind, message_code, arguments, link, created_at, read_at from notification"
					+ " where id = :id and recipient_id = :me")
			.param("id", id)
			.param("me", userId)
			.query((rs, n) -> new NotificationView(rs.getLong(1), rs.getString(2),
					render(rs.getString(3), rs.getString(4), locale), rs.getString(5),
					rs.getTimestamp(6).toLocalDateTime(), rs.getTimestamp(7) != null))
			.optional()
			.orElseThrow(() -> new NotFoundException(ENTITY, id));
	}

	/** The text of a notice in a language; a code without a message shows as itself. */
	String render(String code, String arguments, Locale locale) {
		Object[] args = this.json.readValue(arguments, TEXTS).toArray();
		return this.messages.getMessage(code, args, code, locale);
	}

	/**
	 * Marks one of the user's notices read; marking it again changes nothing.
	 * @throws NotFoundException when it does not exist or is someone else's
	 */
	@Transactional
	public NotificationView markRead(long userId, long id, Locale locale) {
		NotificationView notice = get(userId, id, locale);
		this.jdbc.sql("update notification set read_at = :now where id = :id and read_at is null")
			.param("now", now())
			.param("id", id)
			.update();
		return get(userId, notice.id(), locale);
	}

	/** Marks all the user's unread notices read; how many there were. */
	@Transactional
	public int markAllRead(long userId) {
		return this.jdbc.sql("update notification set read_at = :now where recipient_id = :me and read_at is null")
			.param("now", now())
			.param("me", userId)
			.update();
	}

	/**
	 * What the user wants by e-mail; Chinese until they choose, the product's home
	 * language.
	 */
	public NoticeSettings settings(long userId) {
		Locale language = this.jdbc.sql("select language from notification_setting where user_id = :me")
			.param("me", userId)
			.query(String.class)
			.optional()
			.map(NoticeLanguage::of)
			.orElse(Locale.SIMPLIFIED_CHINESE);
		Set<String> optOuts = new TreeSet<>(
				this.jdbc.sql("select kind from notification_mail_opt_out where user_id = :me")
					.param("me", userId)
					.query(String.class)
					.list());
		Set<String> kinds = new LinkedHashSet<>(KNOWN_KINDS);
		kinds.addAll(new TreeSet<>(this.jdbc.sql("select distinct kind from notification where recipient_id = :me")
			.param("me", userId)
			.query(String.class)
			.list()));
		kinds.addAll(optOuts);
		return new NoticeSettings(language, optOuts, new ArrayList<>(kinds));
	}

	/**
	 * Sets the language of the user's e-mails and the kinds they want no e-mail about;
	 * every other kind is sent again.
	 * @throws RuleViolationException on {@code mailOptOuts} for a kind that is no code
	 */
	@Transactional
	public NoticeSettings saveSettings(long userId, Locale language, Collection<String> mailOptOuts) {
		for (String kind : mailOptOuts) {
			if (kind == null || !kind.matches("[a-z][a-z0-9_.-]{0,59}")) {
				throw new RuleViolationException("mailOptOuts", "validation.notification.kind", String.valueOf(kind));
			}
		}
		int updated = this.jdbc.sql("update notification_setting set language = :language where user_id = :me")
			.param("language", NoticeLanguage.code(language))
			.param("me", userId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("insert into notification_setting (user_id, language) values (:me, :language)")
				.param("language", NoticeLanguage.code(language))
				.param("me", userId)
				.update();
		}
		this.jdbc.sql("delete from notification_mail_opt_out where user_id = :me").param("me", userId).update();
		for (String kind : new TreeSet<>(mailOptOuts)) {
			this.jdbc.sql("insert into notification_mail_opt_out (user_id, kind) values (:me, :kind)")
				.param("me", userId)
				.param("kind", kind)
				.update();
		}
		return settings(userId);
	}

	private LocalDateTime now() {
		return LocalDateTime.now(this.clock);
	}

}
