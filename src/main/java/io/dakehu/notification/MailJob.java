package io.dakehu.notification;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Empties the e-mail outbox every {@code dakehu.notification.mail-interval} (a minute
 * unless changed). ShedLock lets one instance of several send at a time; the claim in
 * {@link MailOutbox} keeps a notice from going out twice even if two ran at once.
 */
@Component
class MailJob {

	private final MailOutbox outbox;

	MailJob(MailOutbox outbox) {
		this.outbox = outbox;
	}

	@Scheduled(fixedDelayString = "${dakehu.notification.mail-interval:PT1M}",
			initialDelayString = "${dakehu.notification.mail-interval:PT1M}")
	@SchedulerLock(name = "notification-mail", lockAtMostFor = "PT15M")
	public void send() {
		this.outbox.sendDue();
	}

}
