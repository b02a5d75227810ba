package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.dakehu.shared.RuleViolationException;

import org.springframework.util.StringUtils;

/**
 * One immutable version of a scorecard and the engine that scores with it. Scoring is a
 * pure function of the version and the values, so an evaluation scored today and read
 * next year shows the same points.
 *
 * @param id the version's own id, which evaluations keep
 * @param versionNo 1 for the card as first loaded, one more for each edit
 */
public record ScorecardVersion(long id, long scorecardId, ScorecardKind kind, int versionNo, String createdBy,
		LocalDateTime createdAt, List<Indicator> indicators, List<GradeBand> grades) {

	/** A reason longer than this does not fit the rating. */
	static final int REASON_LENGTH = 1000;

	public ScorecardVersion {
		indicators = List.copyOf(indicators);
		grades = List.copyOf(grades);
	}

	public Optional<Indicator> indicator(int number) {
		return this.indicators.stream().filter((i) -> i.number() == number).findFirst();
	}

	/** The position from the top (0 the best) of a grade; past the end when unknown. */
	public int gradePosition(String code) {
		for (int i = 0; i < this.grades.size(); i++) {
			if (this.grades.get(i).code().equals(code)) {
				return i;
			}
		}
		return this.grades.size();
	}

	/** The grade a score reaches: the first from the top whose minimum it attains. */
	public GradeBand gradeOf(BigDecimal score) {
		for (GradeBand grade : this.grades) {
			if (score.compareTo(grade.minScore()) >= 0) {
				return grade;
			}
		}
		return this.grades.get(this.grades.size() - 1);
	}

	/**
	 * Scores values already checked, keyed by indicator number; a missing one scores 0.
	 */
	public Score score(Map<Integer, String> values) {
		return score(values, Map.of(), Map.of());
	}

	/**
	 * Scores values already checked.
	 * @param values the value used per indicator number; absent means missing
	 * @param computed what the product computed, per computed indicator
	 * @param reasons why a computed value was overridden
	 */
	public Score score(Map<Integer, String> values, Map<Integer, String> computed, Map<Integer, String> reasons) {
		BigDecimal financial = BigDecimal.ZERO;
		BigDecimal nonFinancial = BigDecimal.ZERO;
		boolean provisional = false;
		List<ScoredIndicator> scored = new ArrayList<>();
		for (Indicator indicator : this.indicators) {
			String value = values.get(indicator.number());
			BigDecimal points = (value != null) ? indicator.pointsFor(value) : BigDecimal.ZERO;
			provisional |= (value == null);
			if (indicator.financial()) {
				financial = financial.add(points);
			}
			else {
				nonFinancial = nonFinancial.add(points);
			}
			scored.add(new ScoredIndicator(indicator.number(), value, computed.get(indicator.number()),
					reasons.get(indicator.number()), points));
		}
		BigDecimal total = financial.add(nonFinancial);
		GradeBand grade = gradeOf(total);
		return new Score(total, financial, nonFinancial, grade.code(), gradePosition(grade.code()), provisional,
				scored);
	}

	/**
	 * Checks what a rater sent and scores it. Entered indicators come in {@code inputs};
	 * computed ones take the computed value unless {@code overrides} replaces it with a
	 * reason. Every refusal is a field error naming the indicator, raised before anything
	 * is scored.
	 * @param inputs values by indicator number as text keys ("10"), JSON numbers or text
	 * @param overrides replacements of computed values by indicator number
	 * @param computed the product's values for the computed indicators (absent when it
	 * has none, so the indicator counts as missing)
	 */
	public Score evaluate(Map<String, Object> inputs, Map<String, ComputedOverride> overrides,
			Map<Integer, String> computed, Locale locale) {
		Map<Integer, String> values = new HashMap<>();
		Map<Integer, String> reasons = new LinkedHashMap<>();
		for (Map.Entry<String, Object> entry : inputs.entrySet()) {
			String field = "inputs." + entry.getKey();
			Indicator indicator = known(entry.getKey(), field);
			if (indicator.computedWith(computed)) {
				throw new RuleViolationException(field, "validation.scorecard.computed", indicator.label(locale));
			}
			if (entry.getValue() != null && StringUtils.hasText(entry.getValue().toString())) {
				values.put(indicator.number(),
						indicator.inputType().parse(entry.getValue(), field, indicator.label(locale)));
			}
		}
		for (Indicator indicator : this.indicators) {
			if (indicator.computedWith(computed) && computed.get(indicator.number()) != null) {
				values.put(indicator.number(), computed.get(indicator.number()));
			}
		}
		for (Map.Entry<String, ComputedOverride> entry : overrides.entrySet()) {
			String field = "overrides." + entry.getKey();
			Indicator indicator = known(entry.getKey(), field);
			if (!indicator.computedWith(computed)) {
				throw new RuleViolationException(field, "validation.scorecard.notComputed", indicator.label(locale));
			}
			ComputedOverride override = entry.getValue();
			if (override == null || override.value() == null || !StringUtils.hasText(override.value().toString())) {
				throw new RuleViolationException(field + ".value", "validation.scorecard.overrideValue",
						indicator.label(locale));
			}
			if (!StringUtils.hasText(override.reason()) || override.reason().strip().length() > REASON_LENGTH) {
				throw new RuleViolationException(field + ".reason", "validation.scorecard.overrideReason",
						indicator.label(locale), REASON_LENGTH);
			}
			values.put(indicator.number(),
					indicator.inputType().parse(override.value(), field + ".value", indicator.label(locale)));
			reasons.put(indicator.number(), override.reason().strip());
		}
		return score(values, computed, reasons);
	}

	private Indicator known(String key, String field) {
		try {
			return indicator(Integer.parseInt(key.strip()))
				.orElseThrow(() -> new RuleViolationException(field, "validation.scorecard.unknownIndicator", key));
		}
		catch (NumberFormatException ex) {
			throw new RuleViolationException(field, "validation.scorecard.unknownIndicator", key);
		}
	}

}
