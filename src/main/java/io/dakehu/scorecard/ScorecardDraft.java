package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.dakehu.shared.RuleViolationException;

import org.springframework.util.StringUtils;

/**
 * What an administrator writes to create a scorecard or a new version of one: the names,
 * every indicator with its bands, and the grades from the top. It is checked whole before
 * anything is stored.
 *
 * @param kind needed only to create a scorecard; a new version keeps its card's kind
 */
public record ScorecardDraft(ScorecardKind kind, String nameZh, String nameEn, List<Indicator> indicators,
		List<GradeBand> grades) {

	/** The most points a card may give, as every grade band reads a score out of 100. */
	static final BigDecimal TOTAL = BigDecimal.valueOf(100);

	/**
	 * @throws RuleViolationException naming the first field that breaks a rule
	 */
	void check() {
		if (!StringUtils.hasText(this.nameZh) || !StringUtils.hasText(this.nameEn)) {
			throw new RuleViolationException("name", "validation.scorecard.name");
		}
		if (this.indicators == null || this.indicators.isEmpty()) {
			throw new RuleViolationException("indicators", "validation.scorecard.indicators");
		}
		Set<Integer> numbers = new HashSet<>();
		BigDecimal total = BigDecimal.ZERO;
		for (int i = 0; i < this.indicators.size(); i++) {
			String field = "indicators[" + i + "]";
			Indicator indicator = this.indicators.get(i);
			if (indicator.number() < 1 || !numbers.add(indicator.number())) {
				throw new RuleViolationException(field + ".number", "validation.scorecard.indicatorNumber");
			}
			if (!StringUtils.hasText(indicator.nameZh()) || !StringUtils.hasText(indicator.nameEn())
					|| !StringUtils.hasText(indicator.category()) || !StringUtils.hasText(indicator.categoryZh())
					|| !StringUtils.hasText(indicator.categoryEn())) {
				throw new RuleViolationException(field + ".name", "validation.scorecard.indicatorName");
			}
			if (indicator.inputType() == null || indicator.source() == null) {
				throw new RuleViolationException(field + ".inputType", "validation.scorecard.inputType");
			}
			if (indicator.points() == null || indicator.points().signum() <= 0) {
				throw new RuleViolationException(field + ".points", "validation.scorecard.points");
			}
			total = total.add(indicator.points());
			checkBands(field, indicator);
		}
		if (total.compareTo(TOTAL) != 0) {
			throw new RuleViolationException("indicators", "validation.scorecard.total", TOTAL);
		}
		checkGrades();
	}

	private static void checkBands(String field, Indicator indicator) {
		if (indicator.bands() == null || indicator.bands().isEmpty()) {
			throw new RuleViolationException(field + ".bands", "validation.scorecard.bands");
		}
		for (int b = 0; b < indicator.bands().size(); b++) {
			Band band = indicator.bands().get(b);
			String bandField = field + ".bands[" + b + "]";
			if (band.op() == null || band.points() == null || band.points().signum() < 0
					|| band.points().compareTo(indicator.points()) > 0) {
				throw new RuleViolationException(bandField, "validation.scorecard.band", indicator.points());
			}
			boolean tierOp = band.op() == Band.Op.EQ || band.op() == Band.Op.ELSE;
			if (band.op() != Band.Op.ELSE
					&& (band.threshold() == null || !indicator.inputType().acceptsThreshold(band.threshold())
							|| (indicator.inputType() == InputType.TIER && !tierOp))) {
				throw new RuleViolationException(bandField + ".threshold", "validation.scorecard.threshold");
			}
		}
	}

	private void checkGrades() {
		if (this.grades == null || this.grades.isEmpty()) {
			throw new RuleViolationException("grades", "validation.scorecard.grades");
		}
		BigDecimal above = null;
		Set<String> codes = new HashSet<>();
		for (int g = 0; g < this.grades.size(); g++) {
			GradeBand grade = this.grades.get(g);
			String field = "grades[" + g + "]";
			if (grade.code() == null || !grade.code().matches("[A-Z_]{1,20}") || !codes.add(grade.code())
					|| !StringUtils.hasText(grade.nameZh()) || !StringUtils.hasText(grade.nameEn())) {
				throw new RuleViolationException(field + ".code", "validation.scorecard.gradeCode");
			}
			// Grades are read from the top, so each must start lower than the one above.
			if (grade.minScore() == null || grade.minScore().signum() < 0 || grade.minScore().compareTo(TOTAL) > 0
					|| (above != null && grade.minScore().compareTo(above) >= 0)) {
				throw new RuleViolationException(field + ".minScore", "validation.scorecard.gradeOrder");
			}
			above = grade.minScore();
		}
		if (above.signum() != 0) {
			throw new RuleViolationException("grades", "validation.scorecard.lowestGrade");
		}
	}

}
