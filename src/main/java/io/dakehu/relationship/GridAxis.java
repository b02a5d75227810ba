package io.dakehu.relationship;

/**
 * The two independent axes of the 25-grid: our people with theirs, and our company with
 * theirs.
 */
public enum GridAxis {

	PERSONAL, COMPANY

}
