package io.dakehu.shared;

/**
 * Published when the demo data set has just been loaded on a first start, so modules that
 * compute from purchases can prepare their first figures and a newcomer opens a dashboard
 * with data in it. Its listeners run in the order of the constants here, each reading
 * what the one before it wrote: the tiers first, then the complaints whose due times
 * follow the tier, the contracts with their receivables, then the churn scores that read
 * them all.
 */
public record DemoDataLoaded() {

	/** The first segmentation runs. */
	public static final int SEGMENTATION = 10;

	/** Complaints at their several stages. */
	public static final int SERVICE = 20;

	/** Contracts, payment plans and receipts. */
	public static final int CONTRACTS = 25;

	/** The first churn-risk run. */
	public static final int CHURN = 30;

}
