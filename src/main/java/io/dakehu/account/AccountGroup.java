package io.dakehu.account;

import java.util.List;

/**
 * An account with its subsidiaries at every depth, as a reader may work on them.
 *
 * @param subsidiaries the live subsidiaries in the reader's scope, by name
 * @param hidden how many live subsidiaries lie outside the reader's scope and are left
 * out
 */
public record AccountGroup(AccountRef account, List<AccountRef> subsidiaries, int hidden) {

	/** The account first, then its subsidiaries. */
	public List<AccountRef> members() {
		return java.util.stream.Stream.concat(java.util.stream.Stream.of(this.account), this.subsidiaries.stream())
			.toList();
	}

}
