package io.dakehu.dataimport;

import io.dakehu.shared.cluster.Nodes;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fails the import jobs a node left running when it stopped or was killed, so their
 * owners see that nothing was imported and can start again: on start-up, and then every
 * heartbeat interval, since a node of several may die while the others run on. Only jobs
 * of nodes that are gone ({@link Nodes#live}: no heartbeat for three intervals) are
 * failed; another node's running job is left alone (decision 0027). ShedLock makes one
 * node do the periodic check.
 */
@Component
@Order(15)
class InterruptedJobs implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(InterruptedJobs.class);

	private final ImportJobs jobs;

	private final Nodes nodes;

	private final Environment environment;

	InterruptedJobs(ImportJobs jobs, Nodes nodes, Environment environment) {
		this.jobs = jobs;
		this.nodes = nodes;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!CommandLineImport.requested(this.environment)) {
			check();
		}
	}

	@Scheduled(fixedDelayString = "${dakehu.node.heartbeat-interval:PT10S}",
			initialDelayString = "${dakehu.node.heartbeat-interval:PT10S}")
	@SchedulerLock(name = "import-interrupted", lockAtMostFor = "PT5M")
	public void check() {
		failJobsOfGoneNodes();
	}

	/**
	 * The check itself, outside the lock: a call while the scheduled check holds it would
	 * be skipped.
	 */
	void failJobsOfGoneNodes() {
		int failed = this.jobs.failInterrupted(this.nodes.live());
		if (failed > 0) {
			log.warn("Failed {} import jobs of nodes that are gone", failed);
		}
	}

}
