package io.dakehu.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.ResourceLock;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a random port over its own in-memory H2 with the demo data
 * loaded at start-up, as a newcomer's first run has it. The tests that check the demo's
 * figures read this database only, so every figure is the files' own; every class
 * carrying exactly this annotation shares one cached Spring context (decision 0025).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:demodata;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
		"dakehu.demo-data.enabled=true", "dakehu.admin.password=admin-password-1",
		"dakehu.security.password-hash-strength=4",
		// The nightly jobs off: a run across 03:30 scored the churn list a second time
		// while a test counted the runs the loading made.
		"dakehu.churn.cron=-", "dakehu.segmentation.cron=-", "dakehu.pool.cron=-", "dakehu.lifecycle.cron=-",
		"dakehu.reminders.contact-cron=-" })
@Import(CountsWhenServing.class)
@ResourceLock(Lanes.OWN_DATABASES)
public @interface DemoDataIntegrationTest {

}
