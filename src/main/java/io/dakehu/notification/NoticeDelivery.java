package io.dakehu.notification;

import io.dakehu.shared.NoticeRequested;
import io.dakehu.shared.NoticesRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Hears {@link NoticeRequested} once the publishing transaction has committed, so a
 * change rolled back tells nobody (decision 0030). It runs in the publisher's thread, in
 * a transaction of its own; a notice published outside a transaction (a scheduled
 * reminder) is delivered at once.
 */
@Component
class NoticeDelivery {

	private static final Logger log = LoggerFactory.getLogger(NoticeDelivery.class);

	private final Notifications notifications;

	NoticeDelivery(Notifications notifications) {
		this.notifications = notifications;
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(NoticeRequested notice) {
		try {
			this.notifications.deliver(notice);
		}
		catch (RuntimeException ex) {
			// The change itself has committed: a notice that cannot be stored must not
			// turn it into an error for the user who made it. Reminders publish their
			// facts again on their next run, and the dedup key lets them in then.
			log.warn("Could not deliver notice {} ({}): {}", notice.kind(), notice.dedupKey(), ex.toString());
		}
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(NoticesRequested notices) {
		try {
			this.notifications.deliverAll(notices.notices());
		}
		catch (RuntimeException ex) {
			log.warn("Could not deliver {} notices: {}", notices.notices().size(), ex.toString());
		}
	}

}
