package io.dakehu.shared.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One clock for the whole application, so tests can reason about "today" and timestamps
 * agree.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfig {

	@Bean
	Clock clock() {
		// Millisecond ticks: what both databases store, so a saved timestamp reads back
		// equal.
		return Clock.tickMillis(java.time.ZoneId.systemDefault());
	}

}
