package io.dakehu.contract;

/** What the aging report adds up by. */
public enum AgingScope {

	ACCOUNT, OWNER, TEAM

}
