package io.dakehu.segmentation;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dakehu.shared.RuleViolationException;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The thresholds of segmentation (DOMAIN.md §3) and the contact cadence per tier (§10),
 * as an administrator edits them. Percentages are of customers (pyramid) or of value
 * (ABC, growth). CLV discounts the expected yearly net profit over
 * {@code clvHorizonYears} at {@code clvDiscountPercent} a year.
 */
public record SegmentationSettings(@NotNull @DecimalMin("0.01") @DecimalMax("100") BigDecimal vipPercent,
		@NotNull @DecimalMin("0.01") @DecimalMax("100") BigDecimal majorPercent,
		@NotNull @DecimalMin("0.01") @DecimalMax("100") BigDecimal ordinaryPercent,
		@NotNull @DecimalMin("0.01") @DecimalMax("100") BigDecimal abcAPercent,
		@NotNull @DecimalMin("0.01") @DecimalMax("100") BigDecimal abcBPercent,
		@NotNull @DecimalMin("0") @DecimalMax("1000") BigDecimal growthPercent,
		@NotNull @Min(1) @Max(3650) Integer cadenceVip, @NotNull @Min(1) @Max(3650) Integer cadenceMajor,
		@NotNull @Min(1) @Max(3650) Integer cadenceOrdinary, @NotNull @Min(1) @Max(3650) Integer cadenceSmall,
		@NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal clvDiscountPercent,
		@NotNull @Min(1) @Max(50) Integer clvHorizonYears, int version) {

	/**
	 * The rules between fields: the pyramid widens downwards and B lies beyond A.
	 * @throws RuleViolationException on the first field that breaks them
	 */
	void check() {
		if (this.majorPercent.compareTo(this.vipPercent) < 0) {
			throw new RuleViolationException("majorPercent", "validation.segmentation.notBelow", this.vipPercent);
		}
		if (this.ordinaryPercent.compareTo(this.majorPercent) < 0) {
			throw new RuleViolationException("ordinaryPercent", "validation.segmentation.notBelow", this.majorPercent);
		}
		if (this.abcBPercent.compareTo(this.abcAPercent) <= 0) {
			throw new RuleViolationException("abcBPercent", "validation.segmentation.above", this.abcAPercent);
		}
	}

	/** Days between contacts a customer of this tier is due. */
	public int cadenceDays(Tier tier) {
		return switch (tier) {
			case VIP -> this.cadenceVip;
			case MAJOR -> this.cadenceMajor;
			case ORDINARY -> this.cadenceOrdinary;
			case SMALL -> this.cadenceSmall;
		};
	}

	/**
	 * Present value of one unit of yearly profit received at the end of each of the next
	 * {@code clvHorizonYears} years: {@code (1 − (1 + r)^−H) / r}, or H when r is 0.
	 */
	double annuityFactor() {
		return annuityFactor(this.clvHorizonYears);
	}

	/**
	 * The same factor over another horizon, for a CLV estimated from expected figures (a
	 * customer selection, DOMAIN.md §6).
	 */
	public double annuityFactor(int years) {
		double rate = this.clvDiscountPercent.doubleValue() / 100;
		if (rate == 0) {
			return years;
		}
		return (1 - Math.pow(1 + rate, -years)) / rate;
	}

	Map<String, Object> auditValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("vipPercent", this.vipPercent.stripTrailingZeros().toPlainString());
		values.put("majorPercent", this.majorPercent.stripTrailingZeros().toPlainString());
		values.put("ordinaryPercent", this.ordinaryPercent.stripTrailingZeros().toPlainString());
		values.put("abcAPercent", this.abcAPercent.stripTrailingZeros().toPlainString());
		values.put("abcBPercent", this.abcBPercent.stripTrailingZeros().toPlainString());
		values.put("growthPercent", this.growthPercent.stripTrailingZeros().toPlainString());
		values.put("cadenceVip", this.cadenceVip);
		values.put("cadenceMajor", this.cadenceMajor);
		values.put("cadenceOrdinary", this.cadenceOrdinary);
		values.put("cadenceSmall", this.cadenceSmall);
		values.put("clvDiscountPercent", this.clvDiscountPercent.stripTrailingZeros().toPlainString());
		values.put("clvHorizonYears", this.clvHorizonYears);
		return values;
	}

}
