package io.dakehu.scorecard.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.scorecard.Indicator;
import io.dakehu.scorecard.ScorecardVersion;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Labels;

import org.springframework.util.StringUtils;

/**
 * The criteria of a selection or channel card on a form: each rated 1–5 in a field named
 * as the API names it ({@code inputs.3}), so the engine's refusals land on the field they
 * name. Every value is checked here first, so the form shows all its errors at once.
 */
final class CriteriaForm {

	private CriteriaForm() {
	}

	/**
	 * The ratings entered, by criterion number as text; each refused value adds its error
	 * to {@code errors}.
	 */
	static Map<String, Object> inputs(ScorecardVersion card, Map<String, String> values, Map<String, String> errors,
			Labels labels, Locale locale) {
		Map<String, Object> inputs = new LinkedHashMap<>();
		for (Indicator indicator : card.indicators()) {
			String field = "inputs." + indicator.number();
			String value = values.get(field);
			if (StringUtils.hasText(value)) {
				inputs.put(String.valueOf(indicator.number()), value.strip());
				try {
					indicator.inputType().parse(value, field, indicator.label(locale));
				}
				catch (RuleViolationException ex) {
					errors.put(ex.field(), labels.get(ex.messageKey(), ex.args()));
				}
			}
		}
		return inputs;
	}

	/**
	 * The card's criteria as the form shows them, with what was entered and any error.
	 */
	static List<Criterion> fields(ScorecardVersion card, Map<String, String> values, Map<String, String> errors,
			Locale locale) {
		List<Criterion> fields = new ArrayList<>();
		for (Indicator indicator : card.indicators()) {
			String name = "inputs." + indicator.number();
			fields.add(new Criterion(indicator.number(), indicator.name(locale), indicator.points(), name,
					values.get(name), errors.get(name)));
		}
		return fields;
	}

	/**
	 * One criterion on the form.
	 *
	 * @param points its weight: what a rating of 5 gives
	 * @param name the form field
	 */
	record Criterion(int number, String label, BigDecimal points, String name, String value, String error) {
	}

}
