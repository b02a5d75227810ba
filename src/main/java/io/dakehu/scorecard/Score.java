package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a scorecard version made of the inputs: the total, the financial and non-financial
 * subtotals, the grade and its place from the top (0 is the best), and whether an input
 * was missing (the grade is then provisional).
 */
public record Score(BigDecimal score, BigDecimal financial, BigDecimal nonFinancial, String grade, int gradePosition,
		boolean provisional, List<ScoredIndicator> indicators) {

	public Score {
		indicators = List.copyOf(indicators);
	}

}
