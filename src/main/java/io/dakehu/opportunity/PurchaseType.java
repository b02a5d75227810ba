package io.dakehu.opportunity;

/**
 * The buying situation (DOMAIN.md §8): a first purchase, a repeat purchase with changes,
 * or a routine reorder.
 */
public enum PurchaseType {

	NEW_TASK, MODIFIED_REBUY, STRAIGHT_REBUY

}
