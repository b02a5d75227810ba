package io.dakehu.identity;

import java.time.LocalDateTime;

/**
 * A personal access token as its owner and the administrator see it: never the secret,
 * nor its hash.
 */
public record AccessTokenSummary(long id, String name, LocalDateTime createdAt, LocalDateTime expiresAt,
		LocalDateTime lastUsedAt, boolean expired) {

}
