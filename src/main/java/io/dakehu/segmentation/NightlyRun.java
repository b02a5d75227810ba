package io.dakehu.segmentation;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The nightly segmentation run (02:30 by default, {@code dakehu.segmentation.cron}).
 * ShedLock's row in the database makes sure only one of several instances runs it.
 */
@Component
class NightlyRun {

	private static final Logger log = LoggerFactory.getLogger(NightlyRun.class);

	private final SegmentationRuns runs;

	NightlyRun(SegmentationRuns runs) {
		this.runs = runs;
	}

	@Scheduled(cron = "${dakehu.segmentation.cron:0 30 2 * * *}")
	@SchedulerLock(name = "segmentation-nightly", lockAtLeastFor = "PT1M", lockAtMostFor = "PT1H")
	public void run() {
		RunSummary run = this.runs.runNightly();
		log.info("Nightly segmentation run {}: {} accounts in {} ms", run.id(), run.accounts(), run.durationMillis());
	}

}
