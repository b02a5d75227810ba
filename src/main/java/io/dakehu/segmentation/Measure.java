package io.dakehu.segmentation;

/**
 * What customers are ranked by.
 */
public enum Measure {

	/** The amount of the order lines. */
	REVENUE("o.amount"),

	/**
	 * Amount less cost. A line without a cost counts as no margin, so profit is never
	 * invented from missing data.
	 */
	GROSS_PROFIT("o.amount - coalesce(o.cost, o.amount)");

	private final String lineValueSql;

	Measure(String lineValueSql) {
		this.lineValueSql = lineValueSql;
	}

	/** The value of one order line {@code o} as a SQL expression. */
	String lineValueSql() {
		return this.lineValueSql;
	}

}
