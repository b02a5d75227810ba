package io.dakehu.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks username and password against the stored bcrypt hash. HTTP Basic sends the
 * password with every API call and bcrypt is deliberately slow (tens of milliseconds), so
 * a verified pair is remembered for a few minutes as a salted SHA-256 digest tied to the
 * stored hash: a password change, a deactivation or a lockout takes effect at once
 * because the user row is read on every call.
 */
@Component
class CachingPasswordAuthentication implements AuthenticationProvider {

	private static final Duration REMEMBER = Duration.ofMinutes(5);

	private static final int MAX_REMEMBERED = 10_000;

	private final UserRepository users;

	private final SignInStates states;

	private final PasswordEncoder passwords;

	private final Clock clock;

	private final byte[] salt = new java.security.SecureRandom().generateSeed(16);

	private final Map<String, Remembered> verified = new ConcurrentHashMap<>();

	private final String unknownUserHash;

	private final LoginThrottle throttle;

	CachingPasswordAuthentication(UserRepository users, SignInStates states, PasswordEncoder passwords,
			LoginThrottle throttle, Clock clock) {
		this.users = users;
		this.states = states;
		this.throttle = throttle;
		this.passwords = passwords;
		this.clock = clock;
		this.unknownUserHash = passwords.encode(HexFormat.of().formatHex(this.salt));
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName();
		String password = (authentication.getCredentials() != null) ? authentication.getCredentials().toString() : "";
		SignInState user = this.states.of(username).orElse(null);
		if (user == null) {
			// Spend the same time as for a real user so the answer does not reveal which
			// usernames exist.
			this.passwords.matches(password, this.unknownUserHash);
			throw new BadCredentialsException("Bad credentials");
		}
		if (!user.active()) {
			throw new DisabledException("User is deactivated");
		}
		if (this.users.findByUsername(username)
			.map((row) -> row.isLockedAt(LocalDateTime.now(this.clock)))
			.orElse(false)) {
			throw new LockedException("Too many failed logins");
		}
		if (!matches(user, password, addressOf(authentication))) {
			throw new BadCredentialsException("Bad credentials");
		}
		this.throttle.clear(username);
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(username, null,
				user.authorities());
		result.setDetails(authentication.getDetails());
		return result;
	}

	private boolean matches(SignInState user, String password, String address) {
		String key = user.username() + '\0' + address;
		String digest = digest(user.username() + '\0' + password + '\0' + user.passwordHash());
		Instant now = this.clock.instant();
		Remembered remembered = this.verified.get(key);
		if (remembered != null && remembered.until().isAfter(now) && MessageDigest.isEqual(
				remembered.digest().getBytes(StandardCharsets.US_ASCII), digest.getBytes(StandardCharsets.US_ASCII))) {
			return true;
		}
		if (!this.passwords.matches(password, user.passwordHash())) {
			return false;
		}
		if (this.verified.size() >= MAX_REMEMBERED) {
			this.verified.clear();
		}
		this.verified.put(key, new Remembered(digest, now.plus(REMEMBER)));
		return true;
	}

	/**
	 * Forgets every verified password of the user, so the next call checks against the
	 * stored hash again.
	 */
	void forget(String username) {
		String prefix = username + '\0';
		this.verified.keySet().removeIf((key) -> key.startsWith(prefix));
	}

	/**
	 * The client's address as the web layer resolved it (behind a proxy: from the
	 * forwarded headers), or an empty string when unknown.
	 */
	static String addressOf(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) ? details.getRemoteAddress() : "";
	}

	private String digest(String text) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(this.salt);
			return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private record Remembered(String digest, Instant until) {
	}

}
