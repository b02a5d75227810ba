package io.dakehu.retention;

import io.dakehu.shared.DemoDataLoaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Scores the demo's customers for churn risk right after their tiers and complaints
 * exist, as the nightly run would, so the churn-risk list is not empty on the first
 * visit.
 */
@Component
class FirstChurnRunAfterDemoData {

	private static final Logger log = LoggerFactory.getLogger(FirstChurnRunAfterDemoData.class);

	private final ChurnRuns runs;

	FirstChurnRunAfterDemoData(ChurnRuns runs) {
		this.runs = runs;
	}

	@EventListener
	@Order(DemoDataLoaded.CHURN)
	void score(DemoDataLoaded loaded) {
		ChurnRun run = this.runs.runNightly();
		log.info("Scored the demo's customers for churn risk: run {} over {} customers, {} high", run.id(),
				run.accounts(), run.high());
	}

}
