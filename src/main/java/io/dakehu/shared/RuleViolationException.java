package io.dakehu.shared;

import java.util.function.Supplier;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;

/**
 * A business rule broken by the input, tied to one field: answers HTTP 400 with the field
 * named and the rule explained in the caller's language. The message key is resolved
 * against the message bundles.
 */
public class RuleViolationException extends RuntimeException {

	private final String field;

	private final String messageKey;

	private final transient Object[] args;

	private String label;

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

	/**
	 * Names the field as the reader knows it, for a field the message files cannot name
	 * (a custom field's label, in the reader's language).
	 */
	public RuleViolationException labelled(String label) {
		this.label = label;
		return this;
	}

	/** The field's label given with {@link #labelled}; null to look it up by its name. */
	public String label() {
		return this.label;
	}

	/**
	 * Runs a write whose unique key was checked free just before; when a write committed
	 * meanwhile took the key (two people saving the same name at once: the check reads
	 * committed rows only, the unique index sees both), the clash answers as this rule on
	 * the field instead of a server error.
	 */
	public static <T> T unlessKeyTaken(Supplier<T> write, String field, String messageKey, Object... args) {
		try {
			return write.get();
		}
		catch (DataAccessException ex) {
			if (!ex.contains(DuplicateKeyException.class)) {
				throw ex;
			}
			throw new RuleViolationException(field, messageKey, args);
		}
	}

}
