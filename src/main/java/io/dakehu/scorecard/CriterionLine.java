package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One criterion of a selection or channel evaluation as scored, named from the card
 * version the evaluation used.
 *
 * @param value the rating given (1–5)
 */
public record CriterionLine(int number, String name, BigDecimal maxPoints, String value, BigDecimal points) {

	/** The lines of an evaluation, in the card's order, with the names of its version. */
	static List<CriterionLine> of(ScorecardVersion card, Map<Integer, String> values, Map<Integer, BigDecimal> points,
			Locale locale) {
		return card.indicators()
			.stream()
			.filter((indicator) -> points.containsKey(indicator.number()))
			.map((indicator) -> new CriterionLine(indicator.number(), indicator.name(locale), indicator.points(),
					values.get(indicator.number()), points.get(indicator.number())))
			.toList();
	}

}
