package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How many opportunities one stage holds and their amount (blank amounts count as none):
 * what the board's and list's totals are made of before the stage's probability weighs
 * the amount.
 */
record StageSum(long count, BigDecimal amount) {

	/** Amounts are in cents, whatever scale the database hands the sum back in. */
	StageSum {
		amount = amount.setScale(2, RoundingMode.HALF_UP);
	}

	StageSum plus(StageSum other) {
		return new StageSum(this.count + other.count, this.amount.add(other.amount));
	}

	/** The stage's totals, its amount weighed at its probability and rounded to cents. */
	OpportunityTotals weighed(int probability) {
		return new OpportunityTotals(this.count, this.amount, OpportunityView.weigh(this.amount, probability));
	}

	/**
	 * A sub-select whose rows are added up into the stages' sums: each row a stage
	 * ({@code stage}), a count ({@code opportunities}) and an amount ({@code amount}),
	 * any number of rows per stage.
	 */
	record Part(String sql, Map<String, Object> params) {

		/**
		 * The parts as one sub-select: their rows one after another, all their
		 * parameters.
		 */
		static Part union(List<Part> parts) {
			Map<String, Object> params = new HashMap<>();
			parts.forEach((part) -> params.putAll(part.params()));
			return new Part(parts.stream().map(Part::sql).collect(Collectors.joining(" union all ")), params);
		}

	}

}
