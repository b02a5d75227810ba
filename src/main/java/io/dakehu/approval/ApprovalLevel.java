package io.dakehu.approval;

/**
 * Who may decide a request: a manager up to the director threshold, a director above it.
 */
public enum ApprovalLevel {

	MANAGER, DIRECTOR

}
