package io.dakehu.loyalty;

/**
 * The catalogue (DOMAIN.md §10.5): the source's ten strategies for keeping key accounts,
 * then gifts and hosting, which always need approval.
 */
public enum LoyaltyType {

	/** 优先保证货源. */
	PRIORITY_SUPPLY,
	/** Improving the customer's own sales capability. */
	SALES_CAPABILITY,
	/** 优先试销新产品. */
	NEW_PRODUCT_TRIAL,
	/** Helping with the customer's events. */
	CUSTOMER_EVENTS,
	/** 高层主管拜访. */
	EXECUTIVE_VISIT,
	/** Designing promotions together. */
	JOINT_PROMOTION,
	/** 征求意见常规制. */
	REGULAR_FEEDBACK,
	/** Rewards for loyal buying. */
	REWARDS,
	/** Sharing market and product information. */
	INFORMATION_SHARING,
	/** 座谈会. */
	SEMINAR,
	/** A gift: approved whatever it costs. */
	GIFT,
	/** Hosting the customer: approved whatever it costs. */
	HOSTING;

	/** Gifts and hosting are approved whatever their budget. */
	public boolean alwaysApproved() {
		return this == GIFT || this == HOSTING;
	}

}
