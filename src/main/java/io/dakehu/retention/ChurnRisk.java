package io.dakehu.retention;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A customer's churn risk in one run, with the factors that raised it. The facts are
 * numbers; the page and the API tell them in the reader's language.
 *
 * @param tier the customer's tier on the run's day
 * @param revenue what it bought in the 12 months up to the run's day
 * @param factors the factors with points, most points first
 */
public record ChurnRisk(long runId, LocalDate asOf, long accountId, String accountName, Long ownerId, String tier,
		int score, RiskLevel level, BigDecimal revenue, BigDecimal priorRevenue, List<Factor> factors) {

	/**
	 * The factor to act on first, the one with the most points; null when nothing raised
	 * the risk.
	 */
	public ChurnFactor nextAction() {
		return this.factors.isEmpty() ? null : this.factors.get(0).code();
	}

	static List<Factor> ordered(List<Factor> factors) {
		return factors.stream()
			.filter((f) -> f.points() > 0)
			.sorted(Comparator.comparingInt(Factor::points).reversed().thenComparing(Factor::code))
			.toList();
	}

	/**
	 * One factor's points and the numbers behind it.
	 *
	 * @param facts named numbers, such as {@code changePercent} or {@code complaintId}; a
	 * fact that is not known is absent
	 */
	public record Factor(ChurnFactor code, int points, Map<String, Object> facts) {

	}

}
