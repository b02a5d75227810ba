package io.dakehu.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
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

	private final PasswordEncoder passwords;

	private final Clock clock;

	private final byte[] salt = new java.security.SecureRandom().generateSeed(16);

	private final Map<String, Remembered> verified = new ConcurrentHashMap<>();

	private final String unknownUserHash;

	private final LoginThrottle throttle;

	CachingPasswordAuthentication(UserRepository users, PasswordEncoder passwords, LoginThrottle throttle,
			Clock clock) {
		this.users = users;
		this.throttle = throttle;
		this.passwords = passwords;
		this.clock = clock;
		this.unknownUserHash = passwords.encode(HexFormat.of().formatHex(this.salt));
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName();
		String password = (authentication.getCredentials() != null) ? authentication.getCredentials().toString() : "";
		User user = this.users.findByUsername(username).orElse(null);
		if (user == null) {
			// Spend the same time as for a real user so the answer does not reveal which
			// usernames exist.
			this.passwords.matches(password, this.unknownUserHash);
			throw new BadCredentialsException("Bad credentials");
		}
		if (!user.active()) {
			throw new DisabledException("User is deactivated");
		}
		if (user.isLockedAt(LocalDateTime.now(this.clock))) {
			throw new LockedException("Too many failed logins");
		}
		if (!matches(user, password)) {
			throw new BadCredentialsException("Bad credentials");
		}
		if (user.failedLogins() > 0) {
			this.throttle.clear(username);
		}
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(username, null,
				List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
		result.setDetails(authentication.getDetails());
		return result;
	}

	private boolean matches(User user, String password) {
		String key = digest(user.username() + '\0' + password + '\0' + user.passwordHash());
		Instant now = this.clock.instant();
		Remembered remembered = this.verified.get(key);
		if (remembered != null && remembered.until().isAfter(now)) {
			return true;
		}
		if (!this.passwords.matches(password, user.passwordHash())) {
			return false;
		}
		if (this.verified.size() >= MAX_REMEMBERED) {
			this.verified.clear();
		}
		this.verified.put(key, new Remembered(now.plus(REMEMBER)));
		return true;
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

	private record Remembered(Instant until) {
	}

}
