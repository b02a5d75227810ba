package io.dakehu.loyalty;

/** What an action did for the relationship, as judged when it is evaluated. */
public enum LoyaltyEffect {

	IMPROVED, UNCHANGED, WORSENED

}
