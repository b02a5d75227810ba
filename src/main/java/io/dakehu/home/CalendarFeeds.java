package io.dakehu.home;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each user's secret calendar feed link (decision 0024). The token is shown once, when it
 * is made; only its SHA-256 is stored, so the link can be checked but not read back.
 * Making a new link replaces the old one, and revoking deletes it: from then on the old
 * link finds nobody.
 */
@Service
@Transactional
public class CalendarFeeds {

	/** 32 random bytes: far beyond guessing, and short enough for a URL. */
	private static final int TOKEN_BYTES = 32;

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final Clock clock;

	CalendarFeeds(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A new secret token for the user's feed, replacing any earlier one. */
	public String issue(long userId) {
		byte[] bytes = new byte[TOKEN_BYTES];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		revoke(userId);
		this.jdbc.sql("insert into calendar_feed (user_id, token_hash, created_at) values (:user, :hash, :at)")
			.param("user", userId)
			.param("hash", hash(token))
			.param("at", Timestamp.valueOf(LocalDateTime.now(this.clock)))
			.update();
		return token;
	}

	/** Ends the user's feed link, if they have one. */
	public void revoke(long userId) {
		this.jdbc.sql("delete from calendar_feed where user_id = :user").param("user", userId).update();
	}

	/** When the user's current link was made; empty when they have none. */
	@Transactional(readOnly = true)
	public Optional<LocalDateTime> issuedAt(long userId) {
		return this.jdbc.sql("select created_at from calendar_feed where user_id = :user")
			.param("user", userId)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toLocalDateTime);
	}

	/**
	 * The user whose current link carries this token; empty for a revoked or unknown one.
	 */
	@Transactional(readOnly = true)
	public Optional<Long> userOf(String token) {
		if (token == null || token.isBlank() || token.length() > 100) {
			return Optional.empty();
		}
		return this.jdbc.sql("select user_id from calendar_feed where token_hash = :hash")
			.param("hash", hash(token))
			.query(Long.class)
			.optional();
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform is required to provide SHA-256.
			throw new IllegalStateException(ex);
		}
	}

}
