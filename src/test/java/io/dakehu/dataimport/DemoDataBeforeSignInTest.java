package io.dakehu.dataimport;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nobody signs in to a half-loaded demo: when the web server starts taking requests, the
 * demo users, accounts and story are all there already.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:demobeforesignin;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
		"dakehu.demo-data.enabled=true", "dakehu.admin.password=admin-password-1" })
class DemoDataBeforeSignInTest {

	static final AtomicLong accountsWhenServing = new AtomicLong(-1);

	static final AtomicLong activitiesWhenServing = new AtomicLong(-1);

	@Test
	void theDemoIsWholeWhenTheWebServerStarts() throws Exception {
		assertThat(accountsWhenServing.get()).isEqualTo(DemoDataFiles.accounts().size());
		assertThat(activitiesWhenServing.get()).isEqualTo(DemoDataFiles.csv("story/activities.csv").size());
	}

	@TestConfiguration
	static class WatchTheWebServer {

		@Bean
		ApplicationListener<WebServerInitializedEvent> countWhenServing(JdbcClient jdbc) {
			return (event) -> {
				accountsWhenServing.set(jdbc.sql("select count(*) from account").query(Long.class).single());
				activitiesWhenServing.set(jdbc.sql("select count(*) from activity").query(Long.class).single());
			};
		}

	}

}
