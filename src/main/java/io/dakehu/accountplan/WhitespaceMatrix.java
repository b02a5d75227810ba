package io.dakehu.accountplan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The whitespace matrix of an account's group (DOMAIN.md §10.7): a row for the account
 * and each of its subsidiaries in the reader's scope, a column for each of our product
 * lines.
 *
 * @param from first day of the twelve months a purchase counts in
 * @param to last day of them, today
 * @param hiddenSubsidiaries subsidiaries outside the reader's scope, left out
 */
public record WhitespaceMatrix(long accountId, LocalDate from, LocalDate to, List<Column> columns, List<Row> rows,
		int hiddenSubsidiaries) {

	public long boughtCells() {
		return count(CellState.BOUGHT);
	}

	public long openCells() {
		return count(CellState.OPEN_OPPORTUNITY);
	}

	public long whiteCells() {
		return count(CellState.WHITE_SPACE);
	}

	/** How many cells are in the state. */
	public long count(CellState state) {
		return this.rows.stream()
			.flatMap((row) -> row.cells().stream())
			.filter((cell) -> cell.state() == state)
			.count();
	}

	/**
	 * A product line.
	 *
	 * @param suggestedProductId the product an opportunity opened from a white cell is
	 * offered with; null when the line has no active product
	 */
	public record Column(long productLineId, String name, Long suggestedProductId) {
	}

	/** An account of the group with one cell per column, in the columns' order. */
	public record Row(long accountId, String accountName, boolean subsidiary, List<Cell> cells) {
	}

	/**
	 * @param amount what was bought in the twelve months, null unless bought
	 * @param lastBought the latest purchase in them, null unless bought
	 * @param openDeals open deals offering the line
	 * @param opportunityId one of those deals (the oldest), null when none
	 */
	public record Cell(long accountId, long productLineId, CellState state, BigDecimal amount, LocalDate lastBought,
			long openDeals, Long opportunityId) {
	}

}
