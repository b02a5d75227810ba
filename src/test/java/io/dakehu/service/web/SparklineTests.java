package io.dakehu.service.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.dakehu.service.SatisfactionPoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the sparkline puts each score: 5 at the top and 1 at the bottom inside the
 * padding, spread evenly from the left edge to the right.
 */
class SparklineTests {

	@Test
	void scoresSpreadEvenlyWithFiveOnTop() {
		Sparkline line = Sparkline.of(points(5, 1, 3));
		// Width 160, padding 4: x from 4 to 156 in steps of 76. Height 40: y = 4 + (5 -
		// score) * 32 / 4, so 5 → 4, 1 → 36, 3 → 20.
		assertThat(line.points()).isEqualTo("4.0,4.0 80.0,36.0 156.0,20.0");
		assertThat(line.dots()).extracting(Sparkline.Dot::y).containsExactly("4.0", "36.0", "20.0");
	}

	@Test
	void oneScoreSitsInTheMiddle() {
		Sparkline line = Sparkline.of(points(2));
		// y = 4 + 3 * 8 = 28
		assertThat(line.points()).isEqualTo("80.0,28.0");
	}

	@Test
	void eightScoresStepByOneSeventhOfTheWidth() {
		Sparkline line = Sparkline.of(points(1, 2, 3, 4, 5, 4, 3, 2));
		// 152 / 7 = 21.714…; the second point at 4 + 21.714 = 25.7
		assertThat(line.dots().get(1).x()).isEqualTo("25.7");
		assertThat(line.dots().get(7).x()).isEqualTo("156.0");
	}

	private static List<SatisfactionPoint> points(int... scores) {
		List<SatisfactionPoint> points = new ArrayList<>();
		LocalDate day = LocalDate.of(2026, 1, 1);
		for (int i = 0; i < scores.length; i++) {
			points.add(new SatisfactionPoint(day.plusDays(i), day.plusDays(i).atStartOfDay(), scores[i],
					SatisfactionPoint.Kind.SURVEY, i));
		}
		return points;
	}

}
