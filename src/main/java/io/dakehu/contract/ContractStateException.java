package io.dakehu.contract;

/**
 * A step the contract's status does not allow, such as editing an active contract or
 * terminating a completed one: answers 409 with the status named.
 */
public class ContractStateException extends RuntimeException {

	private final String messageKey;

	private final ContractStatus status;

	ContractStateException(String messageKey, ContractStatus status) {
		super(messageKey + " (" + status + ")");
		this.messageKey = messageKey;
		this.status = status;
	}

	public String messageKey() {
		return this.messageKey;
	}

	public ContractStatus status() {
		return this.status;
	}

}
