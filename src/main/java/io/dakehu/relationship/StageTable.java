package io.dakehu.relationship;

import java.util.ArrayList;
import java.util.List;

import io.dakehu.shared.RuleViolationException;

/**
 * Which stage each cell of the 5 × 5 grid belongs to. A cell may belong to no stage, and
 * a level of 0 on either axis always means "not yet established".
 *
 * @param stages {@code stages[personal - 1][company - 1]}, 5 × 5, entries may be null
 */
public record StageTable(List<List<RelationshipStage>> stages) {

	public StageTable {
		if (stages == null || stages.size() != 5 || stages.stream().anyMatch((row) -> row == null || row.size() != 5)) {
			throw new RuleViolationException("stages", "relationship.validation.table");
		}
		List<List<RelationshipStage>> copy = new ArrayList<>();
		for (List<RelationshipStage> row : stages) {
			copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
		}
		stages = List.copyOf(copy);
	}

	/**
	 * The stage of a cell.
	 * @return null when either level is 0 or the table leaves the cell without a stage
	 * @throws IllegalArgumentException for a level outside 0–5; callers check input first
	 */
	public RelationshipStage stageOf(int personal, int company) {
		if (personal < 0 || personal > 5 || company < 0 || company > 5) {
			throw new IllegalArgumentException("Levels are 0–5: " + personal + ", " + company);
		}
		if (personal == 0 || company == 0) {
			return null;
		}
		return this.stages.get(personal - 1).get(company - 1);
	}

}
