package io.dakehu.retention;

/**
 * The factors of the churn score (DOMAIN.md §10.4), each adding its points when its fact
 * holds. Two factors have two levels, each with its own points, kept as
 * {@link PointsCode}s.
 */
public enum ChurnFactor {

	/** Purchases of the last 12 months fell against the 12 before. */
	PURCHASES_FELL,
	/** No purchase for longer than 1.5 times the customer's usual interval. */
	NO_PURCHASE,
	/** An open complaint past its due time, or two or more complaints in 90 days. */
	COMPLAINTS,
	/** The latest satisfaction is 3 or lower. */
	SATISFACTION,
	/** The contact is overdue by more than one cadence of the tier. */
	CONTACT_OVERDUE,
	/** A deal lost to a competitor in the last 180 days. */
	DEAL_LOST,
	/**
	 * Receivables more than 30 days overdue (decision 0039); the credit grade's fall is
	 * not fed yet.
	 */
	CREDIT;

	/** The points an administrator may set, one per factor and level of it. */
	public enum PointsCode {

		PURCHASES_FELL_30, PURCHASES_FELL_10, NO_PURCHASE, COMPLAINTS, SATISFACTION_LOW, SATISFACTION_MIDDLING,
		CONTACT_OVERDUE, DEAL_LOST, CREDIT

	}

}
