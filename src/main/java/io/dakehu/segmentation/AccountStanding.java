package io.dakehu.segmentation;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * Where one account stands in the latest company-wide run, with the service level its
 * tier earns and the strategic pin, if any. {@code snapshot} is null when no run has
 * ranked the account yet.
 */
public record AccountStanding(long accountId, SnapshotRow snapshot, RunSummary run, Tier tier, int cadenceDays, Pin pin,
		BigDecimal walletSpend) {

	/** A manager's decision that the account is strategic (ABC class B). */
	public record Pin(String reason, String pinnedBy, LocalDateTime pinnedAt) {
	}

}
