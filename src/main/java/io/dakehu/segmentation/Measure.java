package io.dakehu.segmentation;

/**
 * What customers are ranked by.
 */
public enum Measure {

	/** The amount of the order lines. */
	REVENUE("o.amount", "p.revenue"),

	/**
	 * Amount less cost. A line without a cost counts as no margin, so profit is never
	 * invented from missing data.
	 */
	GROSS_PROFIT("o.amount - coalesce(o.cost, o.amount)", "p.revenue - p.cost");

	private final String lineValueSql;

	private final String accountValueSql;

	Measure(String lineValueSql, String accountValueSql) {
		this.lineValueSql = lineValueSql;
		this.accountValueSql = accountValueSql;
	}

	/**
	 * The value of one account's period as a SQL expression over its aggregated revenue
	 * {@code p.revenue} and cost {@code p.cost}.
	 */
	String accountValueSql() {
		return this.accountValueSql;
	}

	/** The value of one order line {@code o} as a SQL expression. */
	String lineValueSql() {
		return this.lineValueSql;
	}

}
