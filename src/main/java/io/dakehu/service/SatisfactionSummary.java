package io.dakehu.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.dakehu.service.SurveyView.DimensionScore;

/**
 * What the data card shows of an account's satisfaction (DOMAIN.md §10.3, decision 0031):
 * the latest score, whether from a survey or a complaint's return visit; the trend of the
 * last {@value #TREND} scores, oldest first, and their average; the latest score of each
 * dimension, from the newest survey that rated it; and the complaints not yet closed.
 *
 * @param latest null when the customer has said nothing yet
 * @param average of the trend's scores to one decimal, null when there are none
 */
public record SatisfactionSummary(SatisfactionPoint latest, List<SatisfactionPoint> trend, BigDecimal average,
		List<DimensionScore> dimensions, long openComplaints) {

	/** How many scores the trend shows. */
	public static final int TREND = 8;

	private static final Comparator<SatisfactionPoint> OLDEST_FIRST = Comparator.comparing(SatisfactionPoint::on)
		.thenComparing(SatisfactionPoint::at)
		.thenComparing(SatisfactionPoint::kind)
		.thenComparingLong(SatisfactionPoint::sourceId);

	/**
	 * The summary of the given surveys and return-visit scores, in any order.
	 */
	public static SatisfactionSummary of(List<SurveyView> surveys, List<SatisfactionPoint> returnVisits,
			long openComplaints) {
		List<SatisfactionPoint> points = new ArrayList<>(returnVisits);
		for (SurveyView survey : surveys) {
			points.add(new SatisfactionPoint(survey.surveyedOn(), survey.recordedAt(), survey.overall(),
					SatisfactionPoint.Kind.SURVEY, survey.id()));
		}
		points.sort(OLDEST_FIRST);
		List<SatisfactionPoint> trend = List.copyOf(points.subList(Math.max(0, points.size() - TREND), points.size()));
		SatisfactionPoint latest = trend.isEmpty() ? null : trend.get(trend.size() - 1);
		BigDecimal average = null;
		if (!trend.isEmpty()) {
			int sum = trend.stream().mapToInt(SatisfactionPoint::score).sum();
			average = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(trend.size()), 1, RoundingMode.HALF_UP);
		}
		return new SatisfactionSummary(latest, trend, average, latestPerDimension(surveys), openComplaints);
	}

	private static List<DimensionScore> latestPerDimension(List<SurveyView> surveys) {
		List<SurveyView> newestFirst = new ArrayList<>(surveys);
		newestFirst.sort(Comparator.comparing(SurveyView::surveyedOn)
			.thenComparing(SurveyView::recordedAt)
			.thenComparingLong(SurveyView::id)
			.reversed());
		Map<SurveyDimension, DimensionScore> latest = new EnumMap<>(SurveyDimension.class);
		for (SurveyView survey : newestFirst) {
			for (DimensionScore score : survey.scores()) {
				latest.putIfAbsent(score.dimension(), score);
			}
		}
		return List.copyOf(latest.values());
	}

}
