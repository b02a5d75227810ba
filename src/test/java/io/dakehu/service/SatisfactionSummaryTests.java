package io.dakehu.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dakehu.service.SatisfactionPoint.Kind;
import io.dakehu.service.SurveyView.DimensionScore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summary the data card shows, worked out by hand: which scores make the trend and in
 * what order, the latest of surveys and return visits together, the trend's average, and
 * each dimension's latest score.
 */
class SatisfactionSummaryTests {

	private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

	@Test
	void nothingSaidYetGivesNoLatestNoTrendAndNoAverage() {
		SatisfactionSummary summary = SatisfactionSummary.of(List.of(), List.of(), 2);
		assertThat(summary.latest()).isNull();
		assertThat(summary.trend()).isEmpty();
		assertThat(summary.average()).isNull();
		assertThat(summary.dimensions()).isEmpty();
		assertThat(summary.openComplaints()).isEqualTo(2);
	}

	@Test
	void theTrendHoldsTheLastEightScoresOldestFirstWithReturnVisitsAmongThem() {
		// Ten surveys, one a week, scored 1,2,3,4,5,1,2,3,4,5 in date order, given in
		// reverse; a return visit scored 2 between the 8th and 9th survey.
		List<SurveyView> surveys = new ArrayList<>();
		for (int week = 9; week >= 0; week--) {
			surveys.add(survey(100 + week, DAY.plusWeeks(week), week % 5 + 1, Map.of()));
		}
		LocalDateTime visit = DAY.plusWeeks(7).plusDays(3).atTime(15, 0);
		List<SatisfactionPoint> returnVisits = List
			.of(new SatisfactionPoint(visit.toLocalDate(), visit, 2, Kind.RETURN_VISIT, 7));

		SatisfactionSummary summary = SatisfactionSummary.of(surveys, returnVisits, 0);

		// Eleven scores; the last eight are weeks 3..7, the visit, weeks 8 and 9.
		assertThat(summary.trend()).extracting(SatisfactionPoint::score).containsExactly(4, 5, 1, 2, 3, 2, 4, 5);
		assertThat(summary.trend()).extracting(SatisfactionPoint::kind)
			.containsExactly(Kind.SURVEY, Kind.SURVEY, Kind.SURVEY, Kind.SURVEY, Kind.SURVEY, Kind.RETURN_VISIT,
					Kind.SURVEY, Kind.SURVEY);
		assertThat(summary.latest().sourceId()).isEqualTo(109);
		assertThat(summary.latest().score()).isEqualTo(5);
		// (4+5+1+2+3+2+4+5) / 8 = 26 / 8 = 3.25, half up to one decimal: 3.3
		assertThat(summary.average()).isEqualByComparingTo(new BigDecimal("3.3"));
	}

	@Test
	void aReturnVisitAfterTheLastSurveyIsTheLatestScore() {
		List<SurveyView> surveys = List.of(survey(1, DAY, 5, Map.of()));
		LocalDateTime visit = DAY.plusDays(1).atTime(9, 30);
		SatisfactionSummary summary = SatisfactionSummary.of(surveys,
				List.of(new SatisfactionPoint(visit.toLocalDate(), visit, 4, Kind.RETURN_VISIT, 42)), 0);
		assertThat(summary.latest().kind()).isEqualTo(Kind.RETURN_VISIT);
		assertThat(summary.latest().score()).isEqualTo(4);
		// (5 + 4) / 2 = 4.5
		assertThat(summary.average()).isEqualByComparingTo(new BigDecimal("4.5"));
	}

	@Test
	void twoSurveysOfOneDayAreOrderedByWhenTheyWereRecorded() {
		SurveyView morning = new SurveyView(20, 1, null, null, DAY, 2, List.of(), null, SurveySource.ENTERED, "kam",
				DAY.atTime(9, 0));
		SurveyView evening = new SurveyView(10, 1, null, null, DAY, 4, List.of(), null, SurveySource.IMPORTED, "kam",
				DAY.atTime(18, 0));
		SatisfactionSummary summary = SatisfactionSummary.of(List.of(evening, morning), List.of(), 0);
		assertThat(summary.trend()).extracting(SatisfactionPoint::sourceId).containsExactly(20L, 10L);
		assertThat(summary.latest().score()).isEqualTo(4);
	}

	@Test
	void eachDimensionShowsTheNewestSurveyThatRatedIt() {
		SurveyView old = survey(1, DAY, 3,
				Map.of(SurveyDimension.DELIVERY, 2, SurveyDimension.PRICE, 4, SurveyDimension.TECHNICAL_SUPPORT, 1));
		SurveyView newer = survey(2, DAY.plusMonths(1), 4, Map.of(SurveyDimension.DELIVERY, 5));
		SurveyView newest = survey(3, DAY.plusMonths(2), 4, Map.of(SurveyDimension.PRODUCT_QUALITY, 3));

		SatisfactionSummary summary = SatisfactionSummary.of(List.of(old, newest, newer), List.of(), 0);

		assertThat(summary.dimensions()).containsExactly(
				new DimensionScore(SurveyDimension.PRODUCT_QUALITY, 3, DAY.plusMonths(2)),
				new DimensionScore(SurveyDimension.DELIVERY, 5, DAY.plusMonths(1)),
				new DimensionScore(SurveyDimension.TECHNICAL_SUPPORT, 1, DAY),
				new DimensionScore(SurveyDimension.PRICE, 4, DAY));
	}

	private static SurveyView survey(long id, LocalDate on, int overall, Map<SurveyDimension, Integer> scores) {
		List<DimensionScore> given = new ArrayList<>();
		for (SurveyDimension dimension : SurveyDimension.values()) {
			if (scores.containsKey(dimension)) {
				given.add(new DimensionScore(dimension, scores.get(dimension), on));
			}
		}
		return new SurveyView(id, 1, null, null, on, overall, given, null, SurveySource.ENTERED, "kam",
				on.atTime(12, 0));
	}

}
