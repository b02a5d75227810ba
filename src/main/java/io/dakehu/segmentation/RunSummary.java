package io.dakehu.segmentation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * One stored run with its headline figures, as the API and the dashboard show it. The
 * maps are keyed by the English codes ({@code VIP}, {@code A}, {@code MGC}…).
 * {@code withinScope} is true for a reader's view of a run: the counts are the
 * company-wide tiers and classes of the customers in the reader's scope, and the Pareto
 * headline is recomputed among those customers only (DOMAIN.md §3.1).
 */
public record RunSummary(long id, LocalDate from, LocalDate to, LocalDate priorFrom, LocalDate priorTo, Measure measure,
		long accounts, Map<String, Long> pyramid, Map<String, Long> abc, Map<String, Long> valueGrowth, Pareto pareto,
		String startedBy, LocalDateTime startedAt, long durationMillis, boolean withinScope) {

	/**
	 * The 80/20 headline: the smallest share of customers, taken from the top, whose
	 * value reaches 80% of the total.
	 */
	public record Pareto(double customerShareFor80, long customersFor80, BigDecimal totalValue) {
	}

}
