package io.dakehu.identity;

import java.time.Clock;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.stereotype.Component;

/**
 * Locks a username for a while after repeated wrong passwords, on the login form and the
 * API alike. Counters are updated with plain SQL so they never bump the user's version
 * (an administrator's edit must not conflict with somebody mistyping).
 */
@Component
class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final int maxFailures;

	private final int lockoutMinutes;

	LoginThrottle(JdbcClient jdbc, Clock clock, @Value("${dakehu.security.max-failed-logins}") int maxFailures,
			@Value("${dakehu.security.lockout-minutes}") int lockoutMinutes) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.maxFailures = maxFailures;
		this.lockoutMinutes = lockoutMinutes;
	}

	@EventListener
	void failed(AuthenticationFailureBadCredentialsEvent event) {
		String username = event.getAuthentication().getName();
		this.jdbc.sql("update app_user set failed_logins = failed_logins + 1 where username = :u")
			.param("u", username)
			.update();
		int locked = this.jdbc.sql("""
				update app_user set locked_until = :until, failed_logins = 0
				where username = :u and failed_logins >= :max
				""")
			.param("until", LocalDateTime.now(this.clock).plusMinutes(this.lockoutMinutes))
			.param("u", username)
			.param("max", this.maxFailures)
			.update();
		if (locked > 0) {
			log.warn("User {} locked for {} minutes after {} failed logins", username, this.lockoutMinutes,
					this.maxFailures);
		}
	}

	/**
	 * Forgets earlier failures after a successful login. Called by the authentication
	 * provider only when there were failures, so the everyday API call writes nothing.
	 */
	void clear(String username) {
		this.jdbc.sql("update app_user set failed_logins = 0 where username = :u and failed_logins > 0")
			.param("u", username)
			.update();
	}

}
