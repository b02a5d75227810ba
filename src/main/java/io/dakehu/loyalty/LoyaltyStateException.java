package io.dakehu.loyalty;

/**
 * A step the action's status does not allow, such as carrying out a rejected action:
 * answers 409 with the status named.
 */
public class LoyaltyStateException extends RuntimeException {

	private final String messageKey;

	private final LoyaltyStatus status;

	LoyaltyStateException(String messageKey, LoyaltyStatus status) {
		super(messageKey + " (" + status + ")");
		this.messageKey = messageKey;
		this.status = status;
	}

	public String messageKey() {
		return this.messageKey;
	}

	public LoyaltyStatus status() {
		return this.status;
	}

}
