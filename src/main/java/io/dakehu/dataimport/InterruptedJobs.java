package io.dakehu.dataimport;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * On start-up, fails the jobs a stopped or killed instance left running, so their owners
 * see that nothing was imported and can start again. It assumes one instance per
 * database; with several, a job running on another instance would be failed too.
 */
@Component
@Order(15)
class InterruptedJobs implements ApplicationRunner {

	private final ImportJobs jobs;

	private final Environment environment;

	InterruptedJobs(ImportJobs jobs, Environment environment) {
		this.jobs = jobs;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!CommandLineImport.requested(this.environment)) {
			this.jobs.failInterrupted();
		}
	}

}
