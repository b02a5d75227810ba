package io.dakehu.relationship;

/**
 * The five stages of a relationship, from first contact to partnership. An account with
 * no relationship on either axis has no stage.
 */
public enum RelationshipStage {

	GESTATION, INITIAL, MIDDLE, HIGH, PARTNER;

	/** 1 for {@link #GESTATION} up to 5 for {@link #PARTNER}. */
	public int rank() {
		return ordinal() + 1;
	}

}
