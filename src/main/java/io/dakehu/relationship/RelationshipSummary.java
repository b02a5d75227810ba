package io.dakehu.relationship;

import java.util.List;

import io.dakehu.account.RelationshipType;

/**
 * What the account page shows about the depth of one account's relationship.
 *
 * @param current the newest assessment, null when none was recorded
 * @param path every assessment, oldest first: the account's way through the grid
 * @param imbalance which axis is ahead by 2 or more, null when balanced
 * @param nextMoves the suggested move on the weaker axis (both axes when equal), empty at
 * the top
 * @param breadth how broadly we know the account's people, with the relationship type it
 * suggests
 */
public record RelationshipSummary(long accountId, AssessmentView current, RelationshipStage stage,
		List<AssessmentView> path, GridAxis imbalance, List<NextMove> nextMoves, Breadth breadth) {

	/**
	 * The next step on one axis: from the current level to the one above.
	 */
	public record NextMove(GridAxis axis, int fromLevel, String fromName, String toName, String text) {
	}

	/**
	 * How many functions (departments) and reporting levels of the account we know.
	 *
	 * @param suggested null when the account has no contacts yet
	 */
	public record Breadth(int contacts, int functions, int levels, RelationshipType suggested) {
	}

}
