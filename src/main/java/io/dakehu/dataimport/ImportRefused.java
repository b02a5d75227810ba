package io.dakehu.dataimport;

import io.dakehu.shared.RuleViolationException;

/**
 * An upload refused for what it asks of the server rather than for its content: a file
 * larger than an import may be, or more imports running for the user than they may run at
 * once. Pages show it as any refused rule; the API answers with its own status (413, 429)
 * so a client knows to send less, or to wait.
 */
public class ImportRefused extends RuleViolationException {

	private final int status;

	ImportRefused(int status, String messageKey, Object... args) {
		super("file", messageKey, args);
		this.status = status;
	}

	/** The HTTP status the API answers with. */
	public int status() {
		return this.status;
	}

}
