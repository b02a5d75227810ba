package io.dakehu.dataimport;

import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fails import jobs that have made no progress for {@code dakehu.imports.stalled-after}
 * (10 minutes unless changed), checked every {@code dakehu.imports.watchdog-interval}: a
 * job whose thread died or hangs would otherwise stay "checking" for ever, and could not
 * be discarded. ShedLock makes one instance of several do the check.
 */
@Component
class ImportWatchdog {

	private static final Logger log = LoggerFactory.getLogger(ImportWatchdog.class);

	private final ImportJobs jobs;

	private final Duration stalledAfter;

	ImportWatchdog(ImportJobs jobs, @Value("${dakehu.imports.stalled-after:PT10M}") Duration stalledAfter) {
		this.jobs = jobs;
		this.stalledAfter = stalledAfter;
	}

	@Scheduled(fixedDelayString = "${dakehu.imports.watchdog-interval:PT1M}",
			initialDelayString = "${dakehu.imports.watchdog-interval:PT1M}")
	@SchedulerLock(name = "import-watchdog", lockAtMostFor = "PT5M")
	public void check() {
		int failed = this.jobs.failStalled(this.stalledAfter);
		if (failed > 0) {
			log.warn("Failed {} import jobs without progress for {}", failed, this.stalledAfter);
		}
	}

}
