package io.dakehu.account;

/**
 * Where the account stands with us.
 */
public enum LifecycleStatus {

	PROSPECT, ACTIVE, DORMANT, LOST

}
