package io.dakehu.identity;

import java.util.Set;

/**
 * A user was added, or a user's name, role, team, manager or active flag may have
 * changed: what a copy of users' names, or of whom to offer as an owner, keeps. Published
 * inside the administrator's transaction; a cache drops its copy once that commits.
 *
 * @param userIds the users written
 */
public record UsersChanged(Set<Long> userIds) {

	public UsersChanged {
		userIds = Set.copyOf(userIds);
	}

}
