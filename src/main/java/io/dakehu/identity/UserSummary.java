package io.dakehu.identity;

/**
 * A user as shown to others: never the password hash or login counters.
 */
public record UserSummary(long id, String username, String displayName, String email, Role role, Long teamId,
		String teamName, String managerUsername, boolean active, int version) {
}
