package io.dakehu.opportunity;

/**
 * Which opportunities a list shows: all optional.
 */
public record OpportunityCriteria(Long accountId, Stage stage, Long ownerId) {

	public static OpportunityCriteria all() {
		return new OpportunityCriteria(null, null, null);
	}

}
