package io.dakehu.accountplan;

/**
 * The parts of a plan its completeness counts, each worth the same: the three goals, the
 * four SWOT lists (at least one entry each), at least one action and at least one review.
 */
public enum PlanPart {

	REVENUE_TARGET, WALLET_SHARE_TARGET, TARGET_STAGE, STRENGTHS, WEAKNESSES, OPPORTUNITIES, THREATS, ACTIONS, REVIEW

}
