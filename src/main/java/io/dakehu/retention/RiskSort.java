package io.dakehu.retention;

/**
 * How the at-risk list is sorted. By default risk × value: the highest level first and,
 * within it, the most valuable tier and the largest purchases, so a VIP at high risk
 * comes before everything else. The value at risk is the larger of the last 12 months'
 * purchases and the 12 months before: a customer who stopped buying altogether is worth
 * what it used to buy, not nothing.
 */
public enum RiskSort {

	RISK_VALUE("case s.risk_level when 'HIGH' then 0 when 'MEDIUM' then 1 else 2 end,"
			+ " case s.tier when 'VIP' then 0 when 'MAJOR' then 1 when 'ORDINARY' then 2 else 3 end,"
			+ " greatest(s.revenue, s.prior_revenue) desc, s.score desc, s.account_id"),
	SCORE("s.score desc, greatest(s.revenue, s.prior_revenue) desc, s.account_id"),
	VALUE("greatest(s.revenue, s.prior_revenue) desc, s.score desc, s.account_id");

	private final String orderBy;

	RiskSort(String orderBy) {
		this.orderBy = orderBy;
	}

	String orderBy() {
		return this.orderBy;
	}

}
