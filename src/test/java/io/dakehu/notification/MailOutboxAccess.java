package io.dakehu.notification;

import org.springframework.context.ApplicationContext;

/**
 * Lets a test of another module send the e-mail outbox now, as the scheduled job would,
 * so that module's reminders can be followed to the messages they become.
 */
public final class MailOutboxAccess {

	private MailOutboxAccess() {
	}

	/** Sends what is due now; how many e-mails went out. */
	public static int sendDue(ApplicationContext context) {
		return context.getBean(MailOutbox.class).sendDue();
	}

}
