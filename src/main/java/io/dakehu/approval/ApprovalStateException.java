package io.dakehu.approval;

/**
 * A request that is no longer pending was decided again: answers 409 with its status
 * named, never a second decision.
 */
public class ApprovalStateException extends RuntimeException {

	private final ApprovalStatus status;

	ApprovalStateException(ApprovalStatus status) {
		super("The request is already " + status);
		this.status = status;
	}

	public ApprovalStatus status() {
		return this.status;
	}

}
