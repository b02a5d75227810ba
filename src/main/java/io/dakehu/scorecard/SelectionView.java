package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A customer selection as the API and the pages show it.
 *
 * @param reasons why it is not a plain recommendation, empty when it is one
 * @param clv the estimated lifetime value (principle 1)
 * @param ownerKeyAccounts the owner's key accounts besides this one (principle 2)
 * @param teamKeyAccounts the team's key accounts besides this one (principle 3)
 * @param teamCapacity the sum of the team members' maximums
 * @param accepted whether a manager accepted the recommendation
 */
public record SelectionView(long id, long accountId, long scorecardId, int scorecardVersion, BigDecimal score,
		SelectionResult result, List<SelectionReason> reasons, SelectionStrategy strategy, String note,
		List<CriterionLine> criteria, BigDecimal expectedYearlyPurchases, BigDecimal expectedMarginPercent,
		BigDecimal expectedContactCost, int years, BigDecimal discountPercent, BigDecimal clv, boolean clvPositive,
		String owner, int ownerKeyAccounts, int ownerMaximum, boolean ownerHasRoom, int teamKeyAccounts,
		int teamCapacity, boolean teamHasRoom, String evaluatedBy, LocalDateTime evaluatedAt, boolean accepted,
		String acceptedBy, LocalDateTime acceptedAt, String keyAccountType, int version) {
}
