package io.dakehu.shared.config;

import java.time.Duration;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Puts {@link QuietSessionRepository} in front of the session store Spring Boot
 * configures, keeping everything else of that store (table, timeout, clean-up of expired
 * sessions). The filter, the sign-in revocation and anything else asking for a session
 * repository get the quiet one; the filter itself is left out of the requests that need
 * no session ({@link SessionFreePaths}).
 */
@Configuration(proxyBeanMethods = false)
class QuietSessions {

	/**
	 * How stale a session's stored last access time may be:
	 * {@code dakehu.sessions.last-access-resolution}.
	 */
	@Bean
	static BeanPostProcessor quietSessionRepository(Environment environment) {
		Duration resolution = Binder.get(environment)
			.bind("dakehu.sessions.last-access-resolution", Duration.class)
			.orElse(Duration.ofMinutes(1));
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof JdbcIndexedSessionRepository store) {
					return new QuietSessionRepository((FindByIndexNameSessionRepository<?>) store, resolution);
				}
				if (bean instanceof SessionRepositoryFilter<?> filter) {
					return new SessionFreePaths(filter);
				}
				return bean;
			}

		};
	}

}
