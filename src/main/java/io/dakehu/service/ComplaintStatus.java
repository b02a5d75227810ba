package io.dakehu.service;

/**
 * Where a complaint stands: recorded, answered and being worked, resolved and waiting for
 * the return visit, closed once the customer said how satisfied they are.
 */
public enum ComplaintStatus {

	OPEN, IN_PROGRESS, RESOLVED, CLOSED

}
