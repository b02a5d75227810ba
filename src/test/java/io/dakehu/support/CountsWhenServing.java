package io.dakehu.support;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts the demo's accounts and activities at the moment the web server starts taking
 * requests, for the check that nobody signs in to a half-loaded demo. Part of every
 * {@link DemoDataIntegrationTest} context, so that check needs no context of its own.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CountsWhenServing {

	/** Accounts when the web server started; -1 until it has. */
	public static final AtomicLong ACCOUNTS = new AtomicLong(-1);

	/** Activities when the web server started; -1 until it has. */
	public static final AtomicLong ACTIVITIES = new AtomicLong(-1);

	@Bean
	ApplicationListener<WebServerInitializedEvent> countWhenServing(JdbcClient jdbc) {
		return (event) -> {
			ACCOUNTS.set(jdbc.sql("select count(*) from account").query(Long.class).single());
			ACTIVITIES.set(jdbc.sql("select count(*) from activity").query(Long.class).single());
		};
	}

}
