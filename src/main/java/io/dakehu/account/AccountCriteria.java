package io.dakehu.account;

/**
 * What the account list is filtered and sorted by. All parts are optional.
 */
public record AccountCriteria(String q, String owner, String industry, String region, KeyAccountType type,
		LifecycleStatus status, Boolean archived, Long parentId, String sort, boolean descending) {

	public static AccountCriteria all() {
		return new AccountCriteria(null, null, null, null, null, null, false, null, "name", false);
	}

}
