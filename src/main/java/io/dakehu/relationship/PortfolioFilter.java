package io.dakehu.relationship;

import io.dakehu.account.KeyAccountType;

/**
 * Which accounts the portfolio view counts: all optional.
 *
 * @param owner the username of the accounts' owner
 * @param tier a customer tier code from the latest segmentation ({@code VIP},
 * {@code MAJOR}, …)
 */
public record PortfolioFilter(String owner, KeyAccountType type, String tier) {

	public PortfolioFilter(String owner, KeyAccountType type) {
		this(owner, type, null);
	}

	public static PortfolioFilter all() {
		return new PortfolioFilter(null, null, null);
	}

}
