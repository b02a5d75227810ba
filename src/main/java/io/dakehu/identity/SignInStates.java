package io.dakehu.identity;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The sign-in state of each user, read once and then remembered for a few seconds, so
 * every request can check the user's current role and standing without a query of its
 * own. A change on this instance evicts the entry at once (see {@link SignInRevocation});
 * the short expiry bounds how long another instance behind the same load balancer may
 * still act on the old state. Unknown usernames are never remembered, so a user created a
 * moment ago can sign in at once.
 */
@Component
class SignInStates {

	private final UserRepository users;

	private final Cache<String, SignInState> states;

	SignInStates(UserRepository users, @Value("${dakehu.security.sign-in-state-seconds:10}") long seconds) {
		this.users = users;
		this.states = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(seconds)).maximumSize(10_000).build();
	}

	Optional<SignInState> of(String username) {
		return Optional.ofNullable(
				this.states.get(username, (name) -> this.users.findByUsername(name).map(SignInState::of).orElse(null)));
	}

	void evict(String username) {
		this.states.invalidate(username);
	}

}
