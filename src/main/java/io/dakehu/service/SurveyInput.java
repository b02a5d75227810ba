package io.dakehu.service;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/**
 * A satisfaction survey as recorded: the overall score is required, each dimension only
 * when the customer was asked about it; the contact, if named, works at the account.
 * Surveyed today unless the survey was taken earlier.
 */
public record SurveyInput(Long contactId, @PastOrPresent LocalDate surveyedOn, @NotNull @Min(1) @Max(5) Integer overall,
		@Min(1) @Max(5) Integer productQuality, @Min(1) @Max(5) Integer delivery, @Min(1) @Max(5) Integer service,
		@Min(1) @Max(5) Integer technicalSupport, @Min(1) @Max(5) Integer price, @Size(max = 2000) String comment) {

	/** The dimensions the customer rated, in the fixed order. */
	public Map<SurveyDimension, Integer> scores() {
		Map<SurveyDimension, Integer> scores = new EnumMap<>(SurveyDimension.class);
		put(scores, SurveyDimension.PRODUCT_QUALITY, this.productQuality);
		put(scores, SurveyDimension.DELIVERY, this.delivery);
		put(scores, SurveyDimension.SERVICE, this.service);
		put(scores, SurveyDimension.TECHNICAL_SUPPORT, this.technicalSupport);
		put(scores, SurveyDimension.PRICE, this.price);
		return scores;
	}

	private static void put(Map<SurveyDimension, Integer> scores, SurveyDimension dimension, Integer score) {
		if (score != null) {
			scores.put(dimension, score);
		}
	}

}
