package io.dakehu.identity;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What signing in and every signed-in request need to know about a user: whether they may
 * work at all, with which role, the hash their password must match, and what
 * {@link Users#current()} makes of them (name and team).
 */
record SignInState(long id, String username, String displayName, Role role, Long teamId, boolean active,
		String passwordHash) {

	static SignInState of(User user) {
		return new SignInState(user.id(), user.username(), user.displayName(), user.role(), user.teamId(),
				user.active(), user.passwordHash());
	}

	List<GrantedAuthority> authorities() {
		return List.of(new SimpleGrantedAuthority("ROLE_" + this.role.name()));
	}

}
