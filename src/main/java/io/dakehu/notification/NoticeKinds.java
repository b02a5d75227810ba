package io.dakehu.notification;

/**
 * The kinds of notice the reminders of Dakehu itself publish; other modules' kinds (a
 * credit grade that fell, an account returning to the pool) arrive with their notices.
 * Each has its text under {@code notice.<kind>} and its name under
 * {@code notice.kind.<kind>}.
 */
final class NoticeKinds {

	static final String COMPLAINT_ASSIGNED = "complaint.assigned";

	static final String COMPLAINT_OVERDUE = "complaint.overdue";

	static final String CONTACT_OVERDUE = "contact.overdue";

	private NoticeKinds() {
	}

}
