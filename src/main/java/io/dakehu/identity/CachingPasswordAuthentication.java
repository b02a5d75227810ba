package io.dakehu.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks username and password against the stored bcrypt hash, after
 * {@link LoginThrottle} has counted the attempt. HTTP Basic sends the password with every
 * API call and bcrypt is deliberately slow (tens of milliseconds), so a verified password
 * is remembered for a few minutes per username and client address as a salted SHA-256
 * digest tied to the stored hash (decision 0003). An administrator's change forgets it at
 * once ({@link SignInRevocation}); the user's role and standing come from
 * {@link SignInStates} on every call.
 */
@Component
class CachingPasswordAuthentication implements AuthenticationProvider {

	private static final Duration REMEMBER = Duration.ofMinutes(5);

	private static final int MAX_REMEMBERED = 10_000;

	private final SignInStates states;

	private final PasswordEncoder passwords;

	private final Clock clock;

	private final byte[] salt = new java.security.SecureRandom().generateSeed(16);

	private final Map<String, Remembered> verified = new ConcurrentHashMap<>();

	/** The checks running now, by credential and client (see {@link #authenticate}). */
	private final Map<String, CompletableFuture<SignInState>> checking = new ConcurrentHashMap<>();

	private final String unknownUserHash;

	private final LoginThrottle throttle;

	CachingPasswordAuthentication(SignInStates states, PasswordEncoder passwords, LoginThrottle throttle, Clock clock) {
		this.states = states;
		this.throttle = throttle;
		this.passwords = passwords;
		this.clock = clock;
		this.unknownUserHash = passwords.encode(HexFormat.of().formatHex(this.salt));
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = (authentication.getName() != null) ? authentication.getName() : "";
		String password = (authentication.getCredentials() != null) ? authentication.getCredentials().toString() : "";
		String address = addressOf(authentication);
		SignInState user = this.states.of(username).orElse(null);
		if (user != null && user.active() && remembered(user, password, address)
				&& this.throttle.clean(username, address)) {
			return signedIn(user, authentication);
		}
		// A program calling the API in parallel sends the same password with every call:
		// when none is remembered yet (or the memory just expired) its calls arrive
		// together, and each counted as an attempt would lock the client out of its own
		// account. So one check runs per credential and client, and the calls that
		// arrive meanwhile take its answer, uncounted: it is the answer to the very same
		// password. Different passwords never share a check, so guesses still each count.
		String credential = username + '\0' + address + '\0' + HexFormat.of()
			.formatHex(digest(
					username + '\0' + password + '\0' + ((user != null) ? user.passwordHash() : this.unknownUserHash)));
		CompletableFuture<SignInState> mine = new CompletableFuture<>();
		CompletableFuture<SignInState> running = this.checking.putIfAbsent(credential, mine);
		if (running != null) {
			return signedIn(answerOf(running), authentication);
		}
		try {
			SignInState checked = check(user, username, password, address);
			mine.complete(checked);
			return signedIn(checked, authentication);
		}
		catch (RuntimeException ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.checking.remove(credential, mine);
		}
	}

	private SignInState check(SignInState user, String username, String password, String address) {
		// Counted before the check, so concurrent guesses cannot all be checked.
		if (!this.throttle.reserve(username, address)) {
			throw new LockedException("Too many failed sign-ins");
		}
		// Unknown, deactivated and active users alike cost one bcrypt check and get the
		// same answer, so neither the answer nor its timing tells which usernames exist.
		boolean matches = check(password, (user != null) ? user.passwordHash() : this.unknownUserHash);
		if (user == null || !user.active() || !matches) {
			throw new BadCredentialsException("Bad credentials");
		}
		this.throttle.succeeded(username, address);
		remember(user, password, address);
		return user;
	}

	/** The answer of the same credential's check running in parallel, or its refusal. */
	private static SignInState answerOf(CompletableFuture<SignInState> running) {
		try {
			return running.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private static Authentication signedIn(SignInState user, Authentication authentication) {
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(user.username(),
				null, user.authorities());
		result.setDetails(authentication.getDetails());
		return result;
	}

	/**
	 * bcrypt reads at most 72 bytes: a longer password is never right, at the same cost.
	 */
	private boolean check(String password, String hash) {
		if (password.getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES) {
			this.passwords.matches("", this.unknownUserHash);
			return false;
		}
		return this.passwords.matches(password, hash);
	}

	private boolean remembered(SignInState user, String password, String address) {
		Remembered remembered = this.verified.get(user.username() + '\0' + address);
		return remembered != null && remembered.until().isAfter(this.clock.instant())
				&& MessageDigest.isEqual(remembered.digest(), digest(user, password));
	}

	private void remember(SignInState user, String password, String address) {
		if (this.verified.size() >= MAX_REMEMBERED) {
			this.verified.clear();
		}
		this.verified.put(user.username() + '\0' + address,
				new Remembered(digest(user, password), this.clock.instant().plus(REMEMBER)));
	}

	private byte[] digest(SignInState user, String password) {
		return digest(user.username() + '\0' + password + '\0' + user.passwordHash());
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
	 * The client's address as the web layer resolved it (behind a trusted proxy: from the
	 * forwarded headers), or an empty string when unknown.
	 */
	static String addressOf(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) ? details.getRemoteAddress() : "";
	}

	private byte[] digest(String text) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(this.salt);
			return sha.digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private record Remembered(byte[] digest, Instant until) {
	}

}
