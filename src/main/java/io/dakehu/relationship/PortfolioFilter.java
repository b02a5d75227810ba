package io.dakehu.relationship;

import io.dakehu.account.KeyAccountType;

/**
 * Which accounts the portfolio view counts: all optional.
 *
 * @param owner the username of the accounts' owner
 */
public record PortfolioFilter(String owner, KeyAccountType type) {

	public static PortfolioFilter all() {
		return new PortfolioFilter(null, null);
	}

}
