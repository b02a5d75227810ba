package io.dakehu.shared.config;

import java.time.Duration;

import io.dakehu.shared.DatabaseProduct;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Puts {@link QuietSessionRepository} in front of the session store Spring Boot
 * configures, keeping everything else of that store (table, timeout, clean-up of expired
 * sessions). The filter, the sign-in revocation and anything else asking for a session
 * repository get the quiet one; the filter itself is left out of the requests that need
 * no session ({@link SessionFreePaths}). A session attribute is written whatever another
 * request wrote meanwhile.
 */
@Configuration(proxyBeanMethods = false)
class QuietSessions {

	/** H2's upsert of a session attribute; {@code %TABLE_NAME%} is the store's table. */
	private static final String H2_SET_ATTRIBUTE = """
			MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
			KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)
			VALUES (?, ?, ?)
			""";

	/**
	 * A session attribute that two requests add at once is stored by both, the later
	 * value kept. Spring Session's store inserts an attribute a request added, so the
	 * second insert failed on the attribute's key, and the page that made it answered
	 * 500: the pages a browser opened at once right after signing in (restored tabs) each
	 * made the session's first CSRF token, and all but one failed. PostgreSQL's statement
	 * is Spring Session's own; H2 has no {@code on conflict ... do update}, its
	 * {@code merge} does the same.
	 */
	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> attributesAddedAtOnce(DatabaseProduct database) {
		return database.postgres() ? new PostgreSqlJdbcIndexedSessionRepositoryCustomizer()
				: (store) -> store.setCreateSessionAttributeQuery(H2_SET_ATTRIBUTE);
	}

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
