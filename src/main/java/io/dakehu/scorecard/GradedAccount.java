package io.dakehu.scorecard;

import java.math.BigDecimal;

/**
 * A rated account as the tier × grade heat map counts it: its tier in the latest
 * segmentation run (NONE when unranked) and its latest rating.
 *
 * @param owner the owner's username, null for an account in the public pool
 */
public record GradedAccount(long accountId, String name, String owner, String tier, String grade, String quarter,
		BigDecimal score, boolean provisional, long ratingId) {
}
