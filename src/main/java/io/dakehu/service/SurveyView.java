package io.dakehu.service;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A satisfaction survey as pages and the API show it.
 *
 * @param scores the dimensions the customer rated, in the fixed order
 * @param recordedBy the username of whoever entered or imported it
 */
public record SurveyView(long id, long accountId, Long contactId, String contactName, LocalDate surveyedOn, int overall,
		List<DimensionScore> scores, String comment, SurveySource source, String recordedBy, LocalDateTime recordedAt) {

	/**
	 * One dimension's score; {@code surveyedOn} is the day of the survey that gave it.
	 */
	public record DimensionScore(SurveyDimension dimension, int score, LocalDate surveyedOn) {
	}

}
