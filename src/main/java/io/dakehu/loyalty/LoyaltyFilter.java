package io.dakehu.loyalty;

import java.time.LocalDate;

/**
 * Which loyalty actions to list; every field may be null, meaning any.
 *
 * @param from the first planned day, inclusive
 * @param to the last planned day, inclusive
 */
public record LoyaltyFilter(Long id, Long accountId, Long ownerId, LoyaltyStatus status, LocalDate from, LocalDate to) {

	public static LoyaltyFilter all() {
		return new LoyaltyFilter(null, null, null, null, null, null);
	}

	public static LoyaltyFilter ofAccount(long accountId) {
		return new LoyaltyFilter(null, accountId, null, null, null, null);
	}

	static LoyaltyFilter one(long id) {
		return new LoyaltyFilter(id, null, null, null, null, null);
	}

}
