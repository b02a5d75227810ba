package io.dakehu.segmentation;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One account in one run: its rank, value and classes, and its value indicators
 * (DOMAIN.md §3.5). {@code growth} is null when the account bought nothing in the prior
 * period; {@code shareOfWallet} when its whole spend is unknown. {@code bzDecision} is
 * the decision that stands for a BZ customer, null when none was taken (or the class is
 * not BZ).
 */
public record SnapshotRow(long runId, long accountId, String accountName, long rank, BigDecimal amount,
		BigDecimal revenue, BigDecimal annualSales, BigDecimal margin, BigDecimal priorAmount, BigDecimal growth,
		double cumulativeShare, Tier tier, AbcClass abc, AbcClass abcByRule, ValueGrowth valueGrowth,
		BigDecimal contactCost, BigDecimal netProfit, BigDecimal totalRevenue, LocalDate firstPurchase,
		Double relationshipYears, BigDecimal expectedProfit, BigDecimal clv, BigDecimal shareOfWallet,
		BzDecision bzDecision) {
}
