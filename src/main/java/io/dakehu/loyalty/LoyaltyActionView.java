package io.dakehu.loyalty;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A loyalty action as pages and the API show it. */
public record LoyaltyActionView(long id, long accountId, String accountName, LoyaltyType type, String owner,
		String ownerName, LocalDate plannedOn, BigDecimal budget, String description, LoyaltyStatus status,
		BigDecimal spend, LocalDate doneOn, String outcome, LoyaltyEffect effect, boolean needsApproval, int version) {
}
