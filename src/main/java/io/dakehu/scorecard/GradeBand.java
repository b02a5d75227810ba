package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A grade a score reaches from {@code minScore} up (AAA ≥ 90 … C below 60 on the credit
 * card); grades are read from the top.
 */
public record GradeBand(String code, String nameZh, String nameEn, BigDecimal minScore) {

	public String name(Locale locale) {
		return Locale.CHINESE.getLanguage().equals(locale.getLanguage()) ? this.nameZh : this.nameEn;
	}

}
