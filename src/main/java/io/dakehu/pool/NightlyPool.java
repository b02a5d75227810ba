package io.dakehu.pool;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The nightly pool run (03:15 by default, {@code dakehu.pool.cron}), after the nightly
 * segmentation run has set the tiers it reads. ShedLock's row in the database lets one
 * instance of several run it.
 */
@Component
class NightlyPool {

	private static final Logger log = LoggerFactory.getLogger(NightlyPool.class);

	private final PoolRun run;

	NightlyPool(PoolRun run) {
		this.run = run;
	}

	@Scheduled(cron = "${dakehu.pool.cron:0 15 3 * * *}")
	@SchedulerLock(name = "pool-nightly", lockAtLeastFor = "PT1M", lockAtMostFor = "PT1H")
	public void run() {
		PoolRun.Result result = this.run.run();
		log.info("Nightly pool run: {} returned without follow-up, {} without a deal, {} owners warned",
				result.returnedNoFollowUp(), result.returnedNoDeal(), result.warned());
	}

}
