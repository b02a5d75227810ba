package io.dakehu.home;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import io.dakehu.home.HomeQueries.DueContact;
import io.dakehu.identity.RecordScope;
import io.dakehu.shared.NoticeRequested;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells the owner of each VIP and Major account that fell overdue for contact (DOMAIN.md
 * §10.2) in the last {@link #LOOK_BACK_DAYS} days, once per account and due day (the
 * dedup key): a rerun, or a second node, says it again to nobody. Runs each morning
 * ({@code dakehu.reminders.contact-cron}), guarded by ShedLock.
 */
@Component
class ContactReminders {

	static final String KIND = "contact.overdue";

	/** Accounts overdue for longer were told on the day they fell overdue. */
	static final int LOOK_BACK_DAYS = 7;

	/** The most accounts one run tells about. */
	static final int MOST = 20_000;

	private final HomeQueries home;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ContactReminders(HomeQueries home, ApplicationEventPublisher events, Clock clock) {
		this.home = home;
		this.events = events;
		this.clock = clock;
	}

	@Scheduled(cron = "${dakehu.reminders.contact-cron:0 0 7 * * *}")
	@SchedulerLock(name = "contact-overdue-reminders", lockAtMostFor = "PT1H")
	public void remind() {
		remindOverdue();
	}

	/** Publishes the reminders; how many accounts were told about. */
	int remindOverdue() {
		LocalDate today = LocalDate.now(this.clock);
		int told = 0;
		for (int page = 0; told < MOST; page++) {
			PageResult<DueContact> due = this.home.dueBetween(RecordScope.everything(0), null, ContactPlan.KEY_TIERS,
					today.minusDays(LOOK_BACK_DAYS), today.minusDays(1), new PageRequest(page, PageRequest.MAX_SIZE));
			for (DueContact account : due.content()) {
				this.events.publishEvent(new NoticeRequested(List.of(account.ownerId()), false, KIND, "notice." + KIND,
						List.of(account.accountName(), account.dueOn().toString()), "/accounts/" + account.accountId(),
						KIND + ":" + account.accountId() + ":" + account.dueOn()));
				told++;
			}
			if (!due.hasNext()) {
				break;
			}
		}
		return told;
	}

}
