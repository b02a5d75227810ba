package io.dakehu.scorecard;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dakehu.shared.RuleViolationException;

/**
 * A calendar quarter such as {@code 2026-Q3}. A rating for a quarter is made in it from
 * the previous quarter's figures (DOMAIN.md §5), so its figures run up to the day before
 * the quarter starts.
 */
public record Quarter(int year, int number) {

	private static final Pattern TEXT = Pattern.compile("(\\d{4})-Q([1-4])");

	public static Quarter of(LocalDate day) {
		return new Quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
	}

	/**
	 * @throws RuleViolationException on the field {@code quarter} when it is no quarter
	 */
	public static Quarter parse(String text) {
		Matcher matcher = TEXT.matcher((text != null) ? text.strip() : "");
		if (!matcher.matches()) {
			throw new RuleViolationException("quarter", "validation.scorecard.quarter");
		}
		return new Quarter(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
	}

	public LocalDate firstDay() {
		return LocalDate.of(this.year, (this.number - 1) * 3 + 1, 1);
	}

	/** The last day whose figures a rating of this quarter reads. */
	public LocalDate figuresUntil() {
		return firstDay().minusDays(1);
	}

	public boolean isAfter(Quarter other) {
		return toString().compareTo(other.toString()) > 0;
	}

	@Override
	public String toString() {
		return this.year + "-Q" + this.number;
	}

}
