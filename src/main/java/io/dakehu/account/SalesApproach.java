package io.dakehu.account;

/**
 * How we sell to the account: on price and function, with a solution, or as a shared
 * ecosystem.
 */
public enum SalesApproach {

	TRANSACTIONAL, CONSULTATIVE, ENTERPRISE

}
