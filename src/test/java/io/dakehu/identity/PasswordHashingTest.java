package io.dakehu.identity;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product hashes new passwords with bcrypt at cost 10; the tests run at cost 4 for
 * speed, and a hash keeps the cost it was made with, so either still matches.
 */
class PasswordHashingTest {

	@Test
	void theProductHashesAtCostTenAndHashesOfOtherCostsAndKindsStillMatch() throws IOException {
		Properties product = new Properties();
		try (InputStream in = new ClassPathResource("application.properties").getInputStream()) {
			product.load(in);
		}
		int cost = Integer.parseInt(product.getProperty("dakehu.security.password-hash-strength"));
		assertThat(cost).isEqualTo(10);
		PasswordEncoder encoder = new SecurityConfig().passwordEncoder(cost);

		String hash = encoder.encode("dakehu-demo-2026");

		assertThat(hash).startsWith("{bcrypt}$2a$10$");
		assertThat(encoder.matches("dakehu-demo-2026", hash)).isTrue();
		assertThat(encoder.matches("dakehu-demo-2025", hash)).isFalse();
		String cheap = new SecurityConfig().passwordEncoder(4).encode("made-in-a-test");
		assertThat(cheap).startsWith("{bcrypt}$2a$04$");
		assertThat(encoder.matches("made-in-a-test", cheap)).isTrue();
		assertThat(encoder.matches("seeded", "{noop}seeded")).isTrue();
		assertThat(encoder.matches("seeded", "{noop}other")).isFalse();
	}

}
