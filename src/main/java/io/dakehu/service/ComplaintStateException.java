package io.dakehu.service;

/**
 * A step a complaint in its present status cannot take, such as closing one that is not
 * resolved: answers HTTP 409 with the rule in the caller's language.
 */
public class ComplaintStateException extends RuntimeException {

	private final String messageKey;

	private final ComplaintStatus status;

	ComplaintStateException(String messageKey, ComplaintStatus status) {
		super(messageKey + " (status " + status + ")");
		this.messageKey = messageKey;
		this.status = status;
	}

	public String messageKey() {
		return this.messageKey;
	}

	public ComplaintStatus status() {
		return this.status;
	}

}
