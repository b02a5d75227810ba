package io.dakehu.opportunity;

import java.time.LocalDate;
import java.util.List;

/**
 * The forecast for a period per salesperson and per team, and the total.
 *
 * @param commitProbability the probability (percent) from which an open opportunity
 * counts as commit
 */
public record ForecastReport(LocalDate from, LocalDate to, int commitProbability, List<ForecastLine> salespeople,
		List<ForecastLine> teams, ForecastLine total) {
}
