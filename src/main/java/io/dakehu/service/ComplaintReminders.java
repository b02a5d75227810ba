package io.dakehu.service;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reminds owners and their managers of complaints past a due time, every
 * {@code dakehu.reminders.complaint-interval} (a quarter of an hour unless changed).
 * ShedLock lets one instance of several run it; a fact told twice reaches each person
 * once all the same (its dedup key).
 */
@Component
class ComplaintReminders {

	private final Complaints complaints;

	ComplaintReminders(Complaints complaints) {
		this.complaints = complaints;
	}

	@Scheduled(fixedDelayString = "${dakehu.reminders.complaint-interval:PT15M}",
			initialDelayString = "${dakehu.reminders.complaint-interval:PT15M}")
	@SchedulerLock(name = "complaint-overdue-reminders", lockAtMostFor = "PT30M")
	public void remind() {
		this.complaints.remindOverdue();
	}

}
