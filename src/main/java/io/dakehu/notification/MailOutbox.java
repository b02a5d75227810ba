package io.dakehu.notification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Sends the notices waiting in the e-mail outbox, outside any request, so a slow SMTP
 * server never slows a page. Each row is claimed by one update before it is sent (PENDING
 * → SENDING), so two senders never send one notice twice; a failed send goes back to
 * PENDING after a pause that doubles each time, and is given up (FAILED) after
 * {@link #MOST_ATTEMPTS}. A row left SENDING by a node that died mid-send stays so:
 * better a notice missed than one sent twice. Every statement commits on its own, so a
 * claim is seen by the others at once.
 */
@Component
class MailOutbox {

	private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

	static final int MOST_ATTEMPTS = 5;

	/** The most e-mails one run sends; the rest wait for the next run. */
	static final int BATCH = 200;

	private final JdbcClient jdbc;

	private final MailSwitch mail;

	private final Users users;

	private final Notifications notifications;

	private final MessageSource messages;

	private final Clock clock;

	private final String from;

	private final String baseUrl;

	MailOutbox(JdbcClient jdbc, MailSwitch mail, Users users, Notifications notifications, MessageSource messages,
			Clock clock, @Value("${dakehu.notification.mail-from:dakehu@localhost}") String from,
			@Value("${dakehu.notification.base-url:}") String baseUrl) {
		this.jdbc = jdbc;
		this.mail = mail;
		this.users = users;
		this.notifications = notifications;
		this.messages = messages;
		this.clock = clock;
		this.from = from;
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	/** Sends what is due now; how many e-mails went out. */
	int sendDue() {
		JavaMailSender sender = this.mail.sender();
		if (sender == null) {
			return 0;
		}
		List<Waiting> waiting = this.jdbc.sql("""
				select m.id, n.recipient_id, n.kind, n.message_code, n.arguments, n.link
				from notification_mail m join notification n on n.id = m.notification_id
				where m.status = 'PENDING' and m.next_attempt_at <= :now
				order by m.id limit :batch""")
			.param("now", now())
			.param("batch", BATCH)
			.query((rs, n) -> new Waiting(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6)))
			.list();
		if (waiting.isEmpty()) {
			return 0;
		}
		Set<Long> recipients = new HashSet<>();
		waiting.forEach((w) -> recipients.add(w.recipientId()));
		Map<Long, UserSummary> people = this.users.byIds(recipients);
		Map<Long, Locale> languages = new HashMap<>();
		this.jdbc.sql("select user_id, language from notification_setting where user_id in (:ids)")
			.param("ids", recipients)
			.query((rs, n) -> languages.put(rs.getLong(1), NoticeLanguage.of(rs.getString(2))))
			.list();
		Set<String> optedOut = new HashSet<>();
		this.jdbc.sql("select user_id, kind from notification_mail_opt_out where user_id in (:ids)")
			.param("ids", recipients)
			.query((rs, n) -> optedOut.add(rs.getLong(1) + " " + rs.getString(2)))
			.list();
		int sent = 0;
		for (Waiting w : waiting) {
			if (!claim(w.id())) {
				continue;
			}
			UserSummary person = people.get(w.recipientId());
			if (person == null || !person.active() || !StringUtils.hasText(person.email())
					|| optedOut.contains(w.recipientId() + " " + w.kind())) {
				finish(w.id(), "SKIPPED");
				continue;
			}
			Locale language = languages.getOrDefault(w.recipientId(), Locale.SIMPLIFIED_CHINESE);
			try {
				send(sender, person.email(), w, language);
				finish(w.id(), "SENT");
				sent++;
			}
			catch (MailException ex) {
				failed(w.id(), ex);
			}
		}
		return sent;
	}

	private void send(JavaMailSender sender, String to, Waiting w, Locale language) {
		String text = this.notifications.render(w.messageCode(), w.arguments(), language);
		String link = this.baseUrl + w.link();
		sender.send((mime) -> {
			MimeMessageHelper message = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
			message.setFrom(this.from);
			message.setTo(to);
			message.setSubject(this.messages.getMessage("notification.mail.subject", new Object[] { text }, language));
			message.setText(this.messages.getMessage("notification.mail.body", new Object[] { text, link }, language));
		});
	}

	/** Whether this sender won the row; a row another claimed first is left to it. */
	private boolean claim(long id) {
		return this.jdbc.sql("""
				update notification_mail set status = 'SENDING', attempts = attempts + 1
				where id = :id and status = 'PENDING'""").param("id", id).update() == 1;
	}

	private void finish(long id, String status) {
		this.jdbc.sql("update notification_mail set status = :status, sent_at = :now where id = :id")
			.param("status", status)
			.param("now", ("SENT".equals(status)) ? now() : null)
			.param("id", id)
			.update();
	}

	private void failed(long id, MailException ex) {
		int attempts = this.jdbc.sql("select attempts from notification_mail where id = :id")
			.param("id", id)
			.query(Integer.class)
			.single();
		boolean giveUp = attempts >= MOST_ATTEMPTS;
		String error = String.valueOf(ex.getMessage());
		this.jdbc.sql("""
				update notification_mail set status = :status, next_attempt_at = :next, last_error = :error
				where id = :id""")
			.param("status", giveUp ? "FAILED" : "PENDING")
			.param("next", now().plusMinutes(1L << Math.min(attempts, 10)))
			.param("error", error.substring(0, Math.min(error.length(), 500)))
			.param("id", id)
			.update();
		if (giveUp) {
			log.warn("Gave up e-mailing notice {} after {} attempts: {}", id, attempts, error);
		}
		else {
			log.info("E-mailing notice {} failed (attempt {}), retried later: {}", id, attempts, error);
		}
	}

	private LocalDateTime now() {
		return LocalDateTime.now(this.clock);
	}

	private record Waiting(long id, long recipientId, String kind, String messageCode, String arguments, String link) {
	}

}
