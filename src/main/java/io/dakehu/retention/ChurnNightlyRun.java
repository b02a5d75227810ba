package io.dakehu.retention;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The nightly churn-risk run (03:30 by default, {@code dakehu.churn.cron}): after the
 * nightly segmentation run, so the tiers it reads are that night's. ShedLock's row in the
 * database makes sure only one of several instances runs it.
 */
@Component
class ChurnNightlyRun {

	private static final Logger log = LoggerFactory.getLogger(ChurnNightlyRun.class);

	private final ChurnRuns runs;

	ChurnNightlyRun(ChurnRuns runs) {
		this.runs = runs;
	}

	@Scheduled(cron = "${dakehu.churn.cron:0 30 3 * * *}")
	@SchedulerLock(name = "churn-nightly", lockAtLeastFor = "PT1M", lockAtMostFor = "PT1H")
	public void run() {
		ChurnRun run = this.runs.runNightly();
		log.info("Nightly churn-risk run {}: {} customers, {} high, in {} ms", run.id(), run.accounts(), run.high(),
				run.durationMillis());
	}

}
