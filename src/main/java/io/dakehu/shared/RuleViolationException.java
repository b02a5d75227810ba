package io.dakehu.shared;

/**
 * A business rule broken by the input, tied to one field: answers HTTP 400 with the field
 * named and the rule explained in the caller's language. The message key is resolved
 * against the message bundles.
 */
public class RuleViolationException extends RuntimeException {

	private final String field;

	private final String messageKey;

	private final transient Object[] args;

	public RuleViolationException(String field, String messageKey, Object... args) {
		super(field + ": " + messageKey);
		this.field = field;
		this.messageKey = messageKey;
		this.args = args;
	}

	public String field() {
		return this.field;
	}

	public String messageKey() {
		return this.messageKey;
	}

	public Object[] args() {
		return this.args;
	}

}
