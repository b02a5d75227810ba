package io.dakehu.contact;

import java.util.Set;

/**
 * A person's place in the buying center as entered: every part optional, so a role can be
 * recorded before the influence or attitude is known. Ranges are checked by the service,
 * for the page and the API alike.
 *
 * @param influence 1 (none) to 5 (decisive)
 * @param personalLevel our personal relationship with them on the 25-grid axis, 0–5
 * @param relationshipOwner the username of our person who owns the relationship
 * @param version the contact version last seen; when given, a stale edit is refused
 */
public record BuyingRoleInput(Set<BuyingRole> roles, Integer influence, Attitude attitude, Integer personalLevel,
		String relationshipOwner, Integer version) {

	public BuyingRoleInput {
		roles = (roles != null) ? Set.copyOf(roles) : Set.of();
	}

}
