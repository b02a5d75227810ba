package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.util.List;

/**
 * The pipeline board: one column per buying step, in the buyer's order.
 */
public record Board(List<Column> columns) {

	public BigDecimal amount() {
		return this.columns.stream().map(Column::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	public BigDecimal weighted() {
		return this.columns.stream().map(Column::weighted).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	/**
	 * One buying step: the totals of every opportunity in it under the filter, and one
	 * page of its cards.
	 *
	 * @param probability the stage's default win probability in percent
	 * @param count how many opportunities the column holds in all pages
	 * @param weighted Σ amount × probability
	 * @param page the page the cards are, from 0
	 * @param more whether pages after this one hold more cards
	 */
	public record Column(Stage stage, int probability, long count, BigDecimal amount, BigDecimal weighted,
			List<OpportunityView> cards, int page, boolean more) {
	}

}
