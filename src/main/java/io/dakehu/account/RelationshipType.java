package io.dakehu.account;

/**
 * How broad the relationship is: one buyer, several functions on both sides, or from
 * front line to CEO.
 */
public enum RelationshipType {

	ORDINARY, PARTNERSHIP, STRATEGIC

}
