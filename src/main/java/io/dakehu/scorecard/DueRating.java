package io.dakehu.scorecard;

/**
 * An account with no credit rating for the current quarter yet.
 *
 * @param keyAccount whether it is a key account (listed first)
 * @param lastQuarter the quarter of its latest rating; null when never rated
 */
public record DueRating(long accountId, String accountName, long ownerId, String owner, boolean keyAccount,
		String lastQuarter, String lastGrade) {
}
