package io.dakehu.notification;

import java.time.Duration;
import java.util.Collection;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lets a test of another module send the e-mail outbox now, as the scheduled job would,
 * so that module's reminders can be followed to the messages they become.
 */
public final class MailOutboxAccess {

	private static final Duration PATIENCE = Duration.ofSeconds(120);

	private MailOutboxAccess() {
	}

	/** Sends what is due now; how many e-mails went out. */
	public static int sendDue(ApplicationContext context) {
		return context.getBean(MailOutbox.class).sendDue();
	}

	/**
	 * Sends the outbox, as the scheduled job would, until no e-mail of these users waits
	 * or is being sent. One pass sends at most a batch, oldest first, and a shared test
	 * database holds other tests' e-mails that failed while no mail server listened and
	 * are due again, so a test's own may come in a later batch; the scheduled sender may
	 * also have claimed one before a pass did. Those other tests' e-mails are put off by
	 * a year first: a late test of a long run met hundreds of them due again, and sending
	 * them all took over a minute.
	 */
	public static void sendUntilSettled(ApplicationContext context, Collection<String> usernames)
			throws InterruptedException {
		MailOutbox outbox = context.getBean(MailOutbox.class);
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		putOffOthers(jdbc, usernames);
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (waiting(jdbc, usernames) > 0) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("E-mail still waiting to be sent");
			}
			outbox.sendDue();
			Thread.sleep(50);
		}
	}

	private static void putOffOthers(JdbcClient jdbc, Collection<String> usernames) {
		jdbc.sql("""
				update notification_mail set next_attempt_at = next_attempt_at + interval '365' day
				where status = 'PENDING' and notification_id in (select n.id from notification n
				join app_user u on u.id = n.recipient_id where u.username not in (:users))""")
			.param("users", usernames)
			.update();
	}

	private static long waiting(JdbcClient jdbc, Collection<String> usernames) {
		return jdbc.sql("""
				select count(*) from notification_mail m join notification n on n.id = m.notification_id
				join app_user u on u.id = n.recipient_id
				where u.username in (:users) and m.status in ('PENDING', 'SENDING')""")
			.param("users", usernames)
			.query(Long.class)
			.single();
	}

}
