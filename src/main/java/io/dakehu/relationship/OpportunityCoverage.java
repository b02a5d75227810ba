package io.dakehu.relationship;

import java.util.List;
import java.util.Set;

import io.dakehu.contact.BuyingCenterMember;
import io.dakehu.opportunity.OpportunityView;

/**
 * An open opportunity with its buying center and what is missing in it.
 *
 * @param buyingCenter the account's people with the role each has on this opportunity
 * @param ownRoles the contacts whose role on this opportunity differs from their role at
 * the account
 */
public record OpportunityCoverage(OpportunityView opportunity, List<BuyingCenterMember> buyingCenter,
		Set<Long> ownRoles, List<CoverageWarning> warnings) {

	public boolean hasOwnRole(long contactId) {
		return this.ownRoles.contains(contactId);
	}

}
