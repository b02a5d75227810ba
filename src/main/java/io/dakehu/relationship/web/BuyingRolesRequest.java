package io.dakehu.relationship.web;

import java.util.Set;

import io.dakehu.contact.Attitude;
import io.dakehu.contact.BuyingRole;
import io.dakehu.contact.BuyingRoleInput;

/**
 * A person's buying-center role as the API and the form send it: at the account, or on
 * one opportunity when {@code opportunityId} is given.
 */
record BuyingRolesRequest(Set<BuyingRole> roles, Integer influence, Attitude attitude, Integer personalLevel,
		String relationshipOwner, Integer version, Long opportunityId) {

	BuyingRoleInput input() {
		return new BuyingRoleInput(this.roles, this.influence, this.attitude, this.personalLevel,
				(this.relationshipOwner != null && !this.relationshipOwner.isBlank()) ? this.relationshipOwner : null,
				this.version);
	}

}
