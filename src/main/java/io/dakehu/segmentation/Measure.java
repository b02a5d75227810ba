package io.dakehu.segmentation;

/**
 * What customers are ranked by.
 */
public enum Measure {

	/** The amount of the order lines. */
	REVENUE("p.revenue", "p.prior_revenue"),

	/**
	 * Amount less cost. A line without a cost counts as no margin, so profit is never
	 * invented from missing data.
	 */
	GROSS_PROFIT("p.revenue - p.cost", "p.prior_revenue - p.prior_cost");

	private final String accountValueSql;

	private final String priorValueSql;

	Measure(String accountValueSql, String priorValueSql) {
		this.accountValueSql = accountValueSql;
		this.priorValueSql = priorValueSql;
	}

	/**
	 * The value of one account's period as a SQL expression over the ledger's sums
	 * {@code p.revenue} and {@code p.cost} ({@link io.dakehu.order.LedgerSql}).
	 */
	String accountValueSql() {
		return this.accountValueSql;
	}

	/**
	 * The same for the prior period, over {@code p.prior_revenue} and
	 * {@code p.prior_cost}.
	 */
	String priorValueSql() {
		return this.priorValueSql;
	}

}
