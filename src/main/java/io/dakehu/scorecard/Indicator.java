package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An indicator of one scorecard version.
 *
 * @param number its number on the card (1–20 on the default credit card), the key of
 * inputs
 * @param category a code grouping indicators (CHARACTER, SOLVENCY, …)
 * @param financial whether it counts to the financial subtotal
 * @param points the most it gives
 * @param bands value → points, the first match from the top
 */
public record Indicator(int number, String category, String categoryZh, String categoryEn, String nameZh, String nameEn,
		boolean financial, BigDecimal points, InputType inputType, IndicatorSource source, List<Band> bands) {

	public Indicator {
		bands = (bands != null) ? List.copyOf(bands) : List.of();
	}

	/** The points a value earns: those of the first band it falls in, else none. */
	public BigDecimal pointsFor(String value) {
		return this.bands.stream()
			.filter((band) -> band.matches(value))
			.map(Band::points)
			.findFirst()
			.orElse(BigDecimal.ZERO);
	}

	public String name(Locale locale) {
		return Locale.CHINESE.getLanguage().equals(locale.getLanguage()) ? this.nameZh : this.nameEn;
	}

	public String categoryName(Locale locale) {
		return Locale.CHINESE.getLanguage().equals(locale.getLanguage()) ? this.categoryZh : this.categoryEn;
	}

	/**
	 * Whether Dakehu fills this indicator in for one rating: always for years and tier;
	 * for a receivables figure only when the account has it.
	 * @param computed what was computed for the rating, by indicator number
	 */
	public boolean computedWith(Map<Integer, String> computed) {
		return this.source.computed() && (!this.source.fromReceivables() || computed.containsKey(this.number));
	}

	/** The indicator as messages name it: its number and name. */
	public String label(Locale locale) {
		return "#" + this.number + " " + name(locale);
	}

}
