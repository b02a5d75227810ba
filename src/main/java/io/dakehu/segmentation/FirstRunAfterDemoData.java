package io.dakehu.segmentation;

import io.dakehu.shared.DemoDataLoaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Segments the demo data right after it is loaded, as the nightly run would, so the
 * dashboard, the tiers on the account list and the service levels show figures on the
 * very first visit.
 */
@Component
class FirstRunAfterDemoData {

	private static final Logger log = LoggerFactory.getLogger(FirstRunAfterDemoData.class);

	private final SegmentationRuns runs;

	FirstRunAfterDemoData(SegmentationRuns runs) {
		this.runs = runs;
	}

	@EventListener
	void segment(DemoDataLoaded loaded) {
		RunSummary run = this.runs.runNightly();
		log.info("Segmented the demo data: run {} over {} accounts", run.id(), run.accounts());
	}

}
