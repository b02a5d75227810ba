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
	 * @param probability the stage's default win probability in percent
	 * @param weighted Σ amount × probability
	 */
	public record Column(Stage stage, int probability, List<OpportunityView> cards, BigDecimal amount,
			BigDecimal weighted) {
	}

}
