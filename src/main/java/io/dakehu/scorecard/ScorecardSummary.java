package io.dakehu.scorecard;

/**
 * A scorecard as lists show it.
 *
 * @param currentVersion the number of the version new evaluations use
 * @param currentVersionId that version's id
 * @param retired whether a newer card of its kind replaced it
 * @param version the card's edit counter, which an edit must carry (stale edits answer
 * 409)
 */
public record ScorecardSummary(long id, ScorecardKind kind, String nameZh, String nameEn, int currentVersion,
		boolean retired, int version, long currentVersionId) {
}
