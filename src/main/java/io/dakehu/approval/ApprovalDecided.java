package io.dakehu.approval;

/**
 * A request was approved or rejected. Published inside the decision's transaction, so the
 * subject's module (listening for its own {@code subjectKind}) moves its record in the
 * same commit, and a failure there undoes the decision too.
 *
 * @param approvalId the request
 * @param subjectKind the kind the subject's module asked with, such as
 * {@code loyalty-action}
 * @param subjectId the subject's id in its module
 * @param outcome {@link ApprovalStatus#APPROVED} or {@link ApprovalStatus#REJECTED}
 * @param deciderId the user who decided
 * @param comment the decider's comment, may be null
 */
public record ApprovalDecided(long approvalId, String subjectKind, long subjectId, ApprovalStatus outcome,
		long deciderId, String comment) {

	public boolean approved() {
		return this.outcome == ApprovalStatus.APPROVED;
	}

}
