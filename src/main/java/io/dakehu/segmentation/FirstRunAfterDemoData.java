package io.dakehu.segmentation;

import java.time.Clock;
import java.time.LocalDate;

import io.dakehu.shared.DemoDataLoaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Segments the demo data right after it is loaded, as the nightly run would, so the
 * dashboard, the tiers on the account list and the service levels show figures on the
 * very first visit. A run over the twelve months that ended a quarter ago goes first, as
 * if the nightly run had been running then, so the tier movers on the director's home and
 * the dashboard's migration have two standings to compare.
 */
@Component
class FirstRunAfterDemoData {

	private static final Logger log = LoggerFactory.getLogger(FirstRunAfterDemoData.class);

	private final SegmentationRuns runs;

	private final Clock clock;

	FirstRunAfterDemoData(SegmentationRuns runs, Clock clock) {
		this.runs = runs;
		this.clock = clock;
	}

	@EventListener
	@Order(DemoDataLoaded.SEGMENTATION)
	void segment(DemoDataLoaded loaded) {
		LocalDate quarterAgo = LocalDate.now(this.clock).minusMonths(3);
		this.runs.runFor(null, new RunRequest(null, quarterAgo, null), SegmentationRuns.SYSTEM);
		RunSummary run = this.runs.runNightly();
		log.info("Segmented the demo data: run {} over {} accounts", run.id(), run.accounts());
	}

}
