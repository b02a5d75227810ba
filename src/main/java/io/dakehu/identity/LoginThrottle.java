package io.dakehu.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts sign-in attempts before their password is checked, on the login form and the API
 * alike, so a burst of concurrent guesses gets only as many checks as the limits allow.
 * Three counters, each in a window that starts with its first attempt (decision 0020):
 * <ul>
 * <li>per client address, over every username: an address that keeps failing is refused
 * for the rest of the window;</li>
 * <li>per username from one address: five wrong passwords refuse that username from that
 * address for the rest of the window;</li>
 * <li>per username from anywhere: past five failures the username is slowed, not locked:
 * one password is checked every few seconds, so the real user still gets in between
 * others' guesses.</li>
 * </ul>
 * Unknown usernames are counted exactly like real ones, so the answers cannot tell them
 * apart. A refused attempt is not counted; a successful one clears its username's
 * counters.
 */
@Component
class LoginThrottle {

	private static final int MAX_USERNAME = 100;

	private static final int MAX_ADDRESS = 64;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final int perUsername;

	private final int perAddress;

	private final Duration window;

	private final Duration slowdown;

	/**
	 * Pairs (username and address) found clean a moment ago. Every API call with a
	 * remembered password asks, and the answer only changes when an attempt is counted:
	 * on this instance that forgets them all at once ({@link #dirtied}); an attempt
	 * counted on another instance behind the same load balancer shows here within a
	 * second. Forgetting and successes only make a pair cleaner, so they need not forget.
	 */
	private final Cache<String, Boolean> recentlyClean = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(1))
		.maximumSize(10_000)
		.build();

	private final AtomicLong generation = new AtomicLong();

	LoginThrottle(JdbcClient jdbc, Clock clock, @Value("${dakehu.security.max-failed-logins}") int perUsername,
			@Value("${dakehu.security.max-failed-logins-per-address}") int perAddress,
			@Value("${dakehu.security.lockout-minutes}") int lockoutMinutes,
			@Value("${dakehu.security.slowdown-seconds}") int slowdownSeconds) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.perUsername = perUsername;
		this.perAddress = perAddress;
		this.window = Duration.ofMinutes(lockoutMinutes);
		this.slowdown = Duration.ofSeconds(slowdownSeconds);
	}

	/**
	 * Takes one attempt from every counter, atomically, before the password is checked.
	 * @return whether the password may be checked; when not, nothing was counted
	 */
	boolean reserve(String username, String address) {
		// Before and after the counters move: a clean check that overlaps them must not
		// be remembered.
		dirtied();
		try {
			return count(username, address);
		}
		finally {
			dirtied();
		}
	}

	private boolean count(String username, String address) {
		LocalDateTime now = LocalDateTime.now(this.clock);
		this.jdbc.sql("delete from login_throttle where window_until <= :now").param("now", now).update();
		Keys keys = new Keys(username, address);
		if (!take(keys.address(), null, this.perAddress, now)) {
			return false;
		}
		if (!take(keys.pair(), keys.username(), this.perUsername, now)) {
			release(keys.address());
			return false;
		}
		if (!take(keys.account(), keys.username(), this.perUsername, now) && !claimSlowSlot(keys.account(), now)) {
			release(keys.address());
			release(keys.pair());
			return false;
		}
		return true;
	}

	/**
	 * The password was right: the username starts afresh, and the address's attempt was
	 * not a failure.
	 */
	void succeeded(String username, String address) {
		Keys keys = new Keys(username, address);
		this.jdbc.sql("delete from login_throttle where throttle_key in (:keys)")
			.param("keys", List.of(keys.pair(), keys.account()))
			.update();
		release(keys.address());
	}

	/**
	 * Whether neither this address nor this username from it has failed in the current
	 * window: only then may a password remembered from an earlier check be trusted
	 * without counting (a remembered password must not become a free oracle for guesses).
	 */
	boolean clean(String username, String address) {
		Keys keys = new Keys(username, address);
		if (this.recentlyClean.getIfPresent(keys.pair()) != null) {
			return true;
		}
		long generation = this.generation.get();
		boolean clean = this.jdbc.sql("""
				select count(*) from login_throttle
				where throttle_key in (:keys) and failures > 0 and window_until > :now
				""")
			.param("keys", List.of(keys.address(), keys.pair()))
			.param("now", LocalDateTime.now(this.clock))
			.query(Long.class)
			.single() == 0;
		if (clean && this.generation.get() == generation) {
			this.recentlyClean.put(keys.pair(), Boolean.TRUE);
		}
		return clean;
	}

	/**
	 * An attempt is being counted on this instance: every remembered clean answer goes.
	 */
	private void dirtied() {
		this.generation.incrementAndGet();
		this.recentlyClean.invalidateAll();
	}

	/** An administrator reset the password or reactivated the user: a clean slate. */
	void forget(String username) {
		this.jdbc.sql("delete from login_throttle where username = :u")
			.param("u", Keys.clip(username, MAX_USERNAME))
			.update();
	}

	private boolean take(String key, String username, int max, LocalDateTime now) {
		this.jdbc.sql("""
				insert into login_throttle (throttle_key, username, failures, window_until)
				values (:key, :username, 0, :until) on conflict do nothing
				""").param("key", key).param("username", username).param("until", now.plus(this.window)).update();
		return this.jdbc
			.sql("update login_throttle set failures = failures + 1 where throttle_key = :key and failures < :max")
			.param("key", key)
			.param("max", max)
			.update() == 1;
	}

	/** Past the limit, one check per slowdown period: the first to claim it gets it. */
	private boolean claimSlowSlot(String key, LocalDateTime now) {
		return this.jdbc.sql("""
				update login_throttle set slow_until = :next
				where throttle_key = :key and (slow_until is null or slow_until <= :now)
				""").param("next", now.plus(this.slowdown)).param("key", key).param("now", now).update() == 1;
	}

	private void release(String key) {
		this.jdbc.sql("update login_throttle set failures = failures - 1 where throttle_key = :key and failures > 0")
			.param("key", key)
			.update();
	}

	private record Keys(String username, String addressValue) {

		Keys {
			username = clip(username, MAX_USERNAME);
			addressValue = clip(addressValue, MAX_ADDRESS);
		}

		String address() {
			return "a|" + this.addressValue;
		}

		String pair() {
			return "p|" + this.addressValue + "|" + this.username;
		}

		String account() {
			return "u|" + this.username;
		}

		static String clip(String value, int max) {
			String text = (value != null) ? value : "";
			return (text.length() > max) ? text.substring(0, max) : text;
		}

	}

}
