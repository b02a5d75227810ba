package io.dakehu.retention;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The levels of DOMAIN.md §10.4: high from 50, medium from 25, low below. */
class RiskLevelTests {

	@ParameterizedTest
	@CsvSource({ "0, LOW", "24, LOW", "25, MEDIUM", "49, MEDIUM", "50, HIGH", "100, HIGH" })
	void aScoreFallsInItsLevelAtAndBesideEachBoundary(int score, RiskLevel level) {
		assertThat(RiskLevel.of(score)).isEqualTo(level);
	}

}
