package io.dakehu.account;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The nightly lifecycle check (02:00 by default, {@code dakehu.lifecycle.cron}), before
 * the nightly segmentation run ranks the customers it leaves. ShedLock's row in the
 * database makes sure only one of several instances runs it.
 */
@Component
class NightlyLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NightlyLifecycle.class);

	private final AccountLifecycle lifecycle;

	NightlyLifecycle(AccountLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	@Scheduled(cron = "${dakehu.lifecycle.cron:0 0 2 * * *}")
	@SchedulerLock(name = "account-lifecycle-nightly", lockAtLeastFor = "PT1M", lockAtMostFor = "PT1H")
	public void run() {
		log.info("Nightly lifecycle check: {} accounts moved", this.lifecycle.refresh());
	}

}
