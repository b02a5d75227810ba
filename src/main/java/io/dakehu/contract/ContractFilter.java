package io.dakehu.contract;

/**
 * Which contracts a list shows; nulls leave a criterion out.
 *
 * @param owner the owner's username
 * @param overdue only contracts with money past due
 */
public record ContractFilter(Long accountId, ContractStatus status, String owner, boolean overdue) {

	public static ContractFilter all() {
		return new ContractFilter(null, null, null, false);
	}

}
