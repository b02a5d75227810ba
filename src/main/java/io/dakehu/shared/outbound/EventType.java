package io.dakehu.shared.outbound;

/**
 * The catalogue of business events Dakehu tells other systems about (DOMAIN.md §13,
 * decision 0047): each with the code a webhook subscribes to and the kind of record it is
 * about. The owning module publishes a {@link RecordEvent} or {@link RecordEvents} of one
 * of these inside the transaction that made it true.
 */
public enum EventType {

	ACCOUNT_CREATED("account.created", "Account"),

	ACCOUNT_CHANGED("account.changed", "Account"),

	ACCOUNT_ARCHIVED("account.archived", "Account"),

	ACCOUNT_MERGED("account.merged", "Account"),

	ACCOUNT_OWNER_CHANGED("account.owner_changed", "Account"),

	ACCOUNT_RETURNED_TO_POOL("account.returned_to_pool", "Account"),

	ACCOUNT_CLAIMED("account.claimed", "Account"),

	ACCOUNT_TIER_CHANGED("account.tier_changed", "Account"),

	OPPORTUNITY_STAGE_CHANGED("opportunity.stage_changed", "Opportunity"),

	OPPORTUNITY_WON("opportunity.won", "Opportunity"),

	OPPORTUNITY_LOST("opportunity.lost", "Opportunity"),

	COMPLAINT_OPENED("complaint.opened", "Complaint"),

	COMPLAINT_RESOLVED("complaint.resolved", "Complaint"),

	CHURN_RISK_HIGH("account.churn_risk_high", "Account"),

	CREDIT_GRADE_CHANGED("account.credit_grade_changed", "Account"),

	CONTRACT_ACTIVATED("contract.activated", "Contract"),

	RECEIPT_RECORDED("receipt.recorded", "Receipt"),

	/** Sent to one webhook by its "send test event" button only; nobody publishes it. */
	TEST("webhook.test", "Webhook");

	private final String code;

	private final String recordType;

	EventType(String code, String recordType) {
		this.code = code;
		this.recordType = recordType;
	}

	/** The code on the wire and in subscriptions, e.g. {@code account.created}. */
	public String code() {
		return this.code;
	}

	/** The kind of record the event is about, e.g. {@code Account}. */
	public String recordType() {
		return this.recordType;
	}

	/** The event type with the given code, or null when there is none. */
	public static EventType ofCode(String code) {
		for (EventType type : values()) {
			if (type.code.equals(code)) {
				return type;
			}
		}
		return null;
	}

}
