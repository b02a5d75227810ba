package io.dakehu.contact;

import java.util.List;

/**
 * A contact with their place in the account's buying center, as the relationship map, the
 * coverage rules and the API read it.
 *
 * @param roles in the order of {@link BuyingRole}, empty when none is known
 * @param personalLevel null when never assessed
 */
public record BuyingCenterMember(long contactId, long accountId, String name, String title, String department,
		Long reportsToId, List<BuyingRole> roles, Integer influence, Attitude attitude, Integer personalLevel,
		Long relationshipOwnerId, String relationshipOwner, String relationshipOwnerName, int version) {

	public boolean holds(BuyingRole role) {
		return this.roles.contains(role);
	}

	/**
	 * This member with the role, influence and attitude they have on one opportunity; the
	 * person-level parts (relationship level and owner) stay.
	 */
	public BuyingCenterMember onOpportunity(List<BuyingRole> roles, Integer influence, Attitude attitude) {
		return new BuyingCenterMember(this.contactId, this.accountId, this.name, this.title, this.department,
				this.reportsToId, List.copyOf(roles), influence, attitude, this.personalLevel, this.relationshipOwnerId,
				this.relationshipOwner, this.relationshipOwnerName, this.version);
	}

}
