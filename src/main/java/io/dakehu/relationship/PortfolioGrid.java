package io.dakehu.relationship;

import java.util.List;
import java.util.Map;

/**
 * The heat map: how many accounts currently sit in each cell of the grid.
 *
 * @param cells 25 cells, personal 1–5 within company 1–5
 * @param notEstablished accounts whose newest assessment has 0 on an axis
 * @param total every assessed account counted
 * @param stages accounts per stage, in stage order
 * @param max the largest cell count, for shading
 * @param imbalanced accounts whose axes differ by 2 or more (DOMAIN.md §4)
 */
public record PortfolioGrid(List<Cell> cells, long notEstablished, long total, Map<RelationshipStage, Long> stages,
		long max, long imbalanced) {

	public record Cell(int personal, int company, RelationshipStage stage, long count) {
	}

	public long count(int personal, int company) {
		return this.cells.stream()
			.filter((cell) -> cell.personal() == personal && cell.company() == company)
			.mapToLong(Cell::count)
			.sum();
	}

}
