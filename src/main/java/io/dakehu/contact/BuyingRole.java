package io.dakehu.contact;

/**
 * What a person does in the customer's buying decision (DOMAIN.md §7). One person may
 * hold several roles.
 */
public enum BuyingRole {

	USER, INFLUENCER, BUYER, DECIDER, GATEKEEPER

}
