package io.dakehu.accountplan;

/** Where an action of a plan stands; DONE and CANCELLED close it. */
public enum ActionStatus {

	PLANNED, IN_PROGRESS, DONE, CANCELLED;

	public boolean open() {
		return this == PLANNED || this == IN_PROGRESS;
	}

}
