package io.dakehu.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.StringUtils;

/**
 * Personal access tokens for integrations (decision 0026): a high-entropy random secret
 * shown once at creation, of which only the SHA-256 is kept, so neither the database nor
 * a backup of it can be used to call the API. A token acts as its user with the user's
 * current role and standing; it expires after at most a year and can be revoked by its
 * owner or an administrator, each creation and revocation audited.
 */
@Service
@Transactional
public class AccessTokens {

	/** What every secret starts with, so secret scanners and people can recognise one. */
	static final String PREFIX = "dkh_";

	public static final int DEFAULT_DAYS = 90;

	public static final int MAX_DAYS = 365;

	public static final int MAX_NAME = 100;

	/** Tokens a user may hold at once, expired ones included. */
	public static final int MAX_PER_USER = 20;

	private static final int SECRET_BYTES = 32;

	private final JdbcClient jdbc;

	private final UserRepository users;

	private final AuditTrail audit;

	private final Clock clock;

	private final Duration lastUsedResolution;

	private final SecureRandom random = new SecureRandom();

	/**
	 * Tokens found a moment ago, by the hash of their secret: an integration calling many
	 * times a second costs one lookup per expiry, not three round trips per call. A
	 * revocation on this instance forgets the token at once; the expiry, the same as the
	 * users' sign-in state's, bounds how long another instance may still accept it.
	 * Unknown secrets are never remembered.
	 */
	private final Cache<String, Presented> found;

	AccessTokens(JdbcClient jdbc, UserRepository users, AuditTrail audit, Clock clock,
			@Value("${dakehu.sessions.last-access-resolution:1m}") Duration lastUsedResolution,
			@Value("${dakehu.security.sign-in-state-seconds:10}") long rememberSeconds) {
		this.jdbc = jdbc;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
		this.lastUsedResolution = lastUsedResolution;
		this.found = Caffeine.newBuilder()
			.expireAfterWrite(Duration.ofSeconds(rememberSeconds))
			.maximumSize(10_000)
			.build();
	}

	/**
	 * Creates a token for the user.
	 * @param days how long it lasts: 1 to {@value #MAX_DAYS}, {@value #DEFAULT_DAYS} when
	 * null
	 * @throws RuleViolationException on {@code name} or {@code days}
	 */
	public NewAccessToken create(String username, String name, Integer days) {
		User user = this.users.findByUsername(username).orElseThrow(() -> new NotFoundException("User", username));
		if (!StringUtils.hasText(name) || name.strip().length() > MAX_NAME) {
			throw new RuleViolationException("name", "validation.requiredMax", MAX_NAME);
		}
		int lifetime = (days != null) ? days : DEFAULT_DAYS;
		if (lifetime < 1 || lifetime > MAX_DAYS) {
			throw new RuleViolationException("days", "validation.tokenDays", MAX_DAYS);
		}
		long held = this.jdbc.sql("select count(*) from api_token where user_id = :user")
			.param("user", user.id())
			.query(Long.class)
			.single();
		if (held >= MAX_PER_USER) {
			throw new RuleViolationException("name", "validation.tokenLimit", MAX_PER_USER);
		}
		byte[] bytes = new byte[SECRET_BYTES];
		this.random.nextBytes(bytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		LocalDateTime now = now();
		LocalDateTime expiresAt = now.plusDays(lifetime);
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into api_token (user_id, name, token_hash, created_at, expires_at)
				values (:user, :name, :hash, :now, :expires)
				""")
			.param("user", user.id())
			.param("name", name.strip())
			.param("hash", hash(secret))
			.param("now", now)
			.param("expires", expiresAt)
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		AccessTokenSummary token = new AccessTokenSummary(id, name.strip(), now, expiresAt, null, false);
		this.audit.created("ApiToken", id, null, auditValues(user.id(), token));
		return new NewAccessToken(token, secret);
	}

	/** The user's tokens, newest first. */
	@Transactional(readOnly = true)
	public List<AccessTokenSummary> of(String username) {
		return this.users.findByUsername(username).map((user) -> ofUser(user.id())).orElse(List.of());
	}

	/** Any user's tokens, for the administrator (callers check the role). */
	@Transactional(readOnly = true)
	public List<AccessTokenSummary> ofUser(long userId) {
		LocalDateTime now = now();
		return this.jdbc.sql("""
				select id, name, created_at, expires_at, last_used_at from api_token
				where user_id = :user order by created_at desc, id desc
				""").param("user", userId).query((rs, row) -> summary(rs, now)).list();
	}

	/**
	 * The user revokes one of their own tokens; someone else's is not found.
	 */
	public void revoke(String username, long tokenId) {
		User user = this.users.findByUsername(username).orElseThrow(() -> new NotFoundException("ApiToken", tokenId));
		revokeOfUser(user.id(), tokenId);
	}

	/** An administrator revokes a user's token (callers check the role). */
	public void revokeOfUser(long userId, long tokenId) {
		AccessTokenSummary token = ofUser(userId).stream()
			.filter((candidate) -> candidate.id() == tokenId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("ApiToken", tokenId));
		this.jdbc.sql("delete from api_token where id = :id").param("id", tokenId).update();
		forget(tokenId);
		// A call between the line above and the commit may have found the row again.
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				forget(tokenId);
			}
		});
		this.audit.deleted("ApiToken", tokenId, null, auditValues(userId, token));
	}

	/**
	 * The username a presented secret belongs to, when the token exists and has not
	 * expired; notes its use at most once per resolution period, so a busy integration
	 * does not write on every call. No transaction: the read and the conditional update
	 * stand alone, and every API request runs this before its own work.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	Optional<String> usernameOf(String secret) {
		if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
			return Optional.empty();
		}
		LocalDateTime now = now();
		String hash = hash(secret);
		Presented presented = this.found.getIfPresent(hash);
		if (presented == null) {
			presented = this.jdbc.sql("""
					select t.id, u.username, t.expires_at, t.last_used_at
					from api_token t join app_user u on u.id = t.user_id where t.token_hash = :hash
					""")
				.param("hash", hash)
				.query((rs, row) -> new Presented(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDateTime.class),
						rs.getObject(4, LocalDateTime.class)))
				.optional()
				.orElse(null);
			if (presented == null) {
				return Optional.empty();
			}
			noteUse(presented, now);
			this.found.put(hash, presented);
		}
		return presented.expiresAt().isAfter(now) ? Optional.of(presented.username()) : Optional.empty();
	}

	private void forget(long tokenId) {
		this.found.asMap().values().removeIf((presented) -> presented.id() == tokenId);
	}

	private void noteUse(Presented presented, LocalDateTime now) {
		LocalDateTime stale = now.minus(this.lastUsedResolution);
		if (presented.expiresAt().isAfter(now)
				&& (presented.lastUsedAt() == null || presented.lastUsedAt().isBefore(stale))) {
			this.jdbc.sql("""
					update api_token set last_used_at = :now
					where id = :id and (last_used_at is null or last_used_at < :stale)
					""").param("now", now).param("id", presented.id()).param("stale", stale).update();
		}
	}

	private static AccessTokenSummary summary(ResultSet rs, LocalDateTime now) throws SQLException {
		LocalDateTime expiresAt = rs.getObject("expires_at", LocalDateTime.class);
		return new AccessTokenSummary(rs.getLong("id"), rs.getString("name"),
				rs.getObject("created_at", LocalDateTime.class), expiresAt,
				rs.getObject("last_used_at", LocalDateTime.class), !expiresAt.isAfter(now));
	}

	private static Map<String, Object> auditValues(long userId, AccessTokenSummary token) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("userId", userId);
		values.put("name", token.name());
		values.put("expiresAt", token.expiresAt());
		return values;
	}

	/** The SHA-256 of the secret in hex: what the table keeps and looks up. */
	static String hash(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private LocalDateTime now() {
		return LocalDateTime.now(this.clock);
	}

	private record Presented(long id, String username, LocalDateTime expiresAt, LocalDateTime lastUsedAt) {
	}

}
