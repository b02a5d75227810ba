package io.dakehu.identity;

import java.time.Clock;

import io.dakehu.support.Fixtures;
import io.dakehu.support.H2IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@H2IntegrationTest
class LoginThrottleH2Tests extends LoginThrottleTests {

	@Autowired
	SignInStates states;

	@Autowired
	Clock clock;

	/**
	 * On one database only: what it measures is bcrypt's time against a refusal's, the
	 * same on either, and its forty checks at the product's cost were four seconds of the
	 * suite's CPU on each.
	 */
	@Test
	void anUnknownUsernameCostsAPasswordCheckLikeARealOne() {
		// At the product's bcrypt cost: the tests' application hashes at a lower one, at
		// which a check is too quick to tell from the rest of a request.
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(10);
		CachingPasswordAuthentication authentication = new CachingPasswordAuthentication(this.states, bcrypt,
				this.throttle, this.clock);
		String hash = bcrypt.encode("some-password");
		long check = Long.MAX_VALUE;
		long unknown = Long.MAX_VALUE;
		// The fastest of ten of each, taken in turn: on a shared machine a burst of
		// other work slowed all of five bcrypt checks to 270 ms (2026-12-05), which the
		// fastest refusal (114 ms) then did not reach half of.
		for (int i = 0; i < 10; i++) {
			long started = System.nanoTime();
			bcrypt.matches("other-password", hash);
			check = Math.min(check, System.nanoTime() - started);
			UsernamePasswordAuthenticationToken guess = UsernamePasswordAuthenticationToken
				.unauthenticated(Fixtures.unique("nobody"), "guess");
			started = System.nanoTime();
			assertThatThrownBy(() -> authentication.authenticate(guess)).isInstanceOf(BadCredentialsException.class);
			unknown = Math.min(unknown, System.nanoTime() - started);
		}
		assertThat(unknown).as("fastest unknown-user refusal vs fastest bcrypt check (ns)").isGreaterThan(check / 2);
	}

}
