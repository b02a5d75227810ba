package io.dakehu.account;

/**
 * Why an account is key (DOMAIN.md §3.6): large volume, a public institution, linked in
 * our value chain, or future potential.
 */
public enum KeyAccountType {

	ECONOMIC, IMPORTANT, GROUP, STRATEGIC

}
