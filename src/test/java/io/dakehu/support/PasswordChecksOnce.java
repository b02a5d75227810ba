package io.dakehu.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Every application the test JVM starts hashes each password once and checks each
 * password against each hash once, remembering the answers (decision 0025). The suite
 * creates thousands of users with one fixture password and signs each in: at bcrypt's
 * lowest cost these same computations were a fifth of the test JVM's CPU (a flight
 * recording of the whole suite, 2026-12-06). Each first computation is the application's
 * own encoder's, so stored hashes keep its format and cost, and an answer remembered is
 * the answer bcrypt gave for the same password and hash. What the tests give up: two
 * users given one password store one hash (one salt) rather than two; no test compares
 * hashes. Registered for every Spring application of the tests through
 * {@code META-INF/spring.factories}; the tests whose subject is bcrypt's cost build their
 * own encoder.
 */
public final class PasswordChecksOnce implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				return (bean instanceof PasswordEncoder encoder) ? new Remembering(encoder) : bean;
			}
		});
	}

	private static final class Remembering implements PasswordEncoder {

		private final PasswordEncoder encoder;

		private final Map<String, String> hashes = new ConcurrentHashMap<>();

		private final Map<String, Boolean> answers = new ConcurrentHashMap<>();

		Remembering(PasswordEncoder encoder) {
			this.encoder = encoder;
		}

		@Override
		public String encode(CharSequence raw) {
			return this.hashes.computeIfAbsent(raw.toString(), this.encoder::encode);
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			if (raw == null || encoded == null) {
				return this.encoder.matches(raw, encoded);
			}
			return this.answers.computeIfAbsent(raw + "\0" + encoded, (key) -> this.encoder.matches(raw, encoded));
		}

		@Override
		public boolean upgradeEncoding(String encoded) {
			return this.encoder.upgradeEncoding(encoded);
		}

	}

}
