package io.dakehu.account;

/**
 * Why an account is in the public pool: its owner returned it, or a pool rule did after
 * too long without a follow-up or a deal.
 */
public enum PoolReason {

	RETURNED, NO_FOLLOW_UP, NO_DEAL

}
