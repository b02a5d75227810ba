package io.dakehu.contract;

import java.math.BigDecimal;
import java.util.List;

/**
 * The contracts held over their account's credit limit that a manager may confirm, for
 * the to-do list: the first ones, the longest waiting first, and how many there are. Key
 * account managers confirm none, so theirs is always empty.
 *
 * @param approver whether the reader confirms contracts at all
 * @param total how many contracts wait, exactly
 */
public record ContractsAwaitingApproval(boolean approver, List<Item> contracts, long total) {

	/**
	 * A contract waiting for confirmation.
	 *
	 * @param ownerName the contract owner's display name
	 */
	public record Item(long contractId, String number, long accountId, String accountName, String ownerName,
			BigDecimal amount) {
	}

}
