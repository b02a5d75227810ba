package io.dakehu.approval;

/** Where a request stands: waiting for its approver, or decided one way for good. */
public enum ApprovalStatus {

	PENDING, APPROVED, REJECTED

}
