package io.dakehu.dataimport;

/**
 * Where an import job stands. A job with errors waits at VALIDATED for the user's
 * decision; COMMITTED, FAILED and DISCARDED are final.
 */
public enum ImportStatus {

	VALIDATING, VALIDATED, COMMITTING, COMMITTED, FAILED, DISCARDED;

	public boolean finished() {
		return this == COMMITTED || this == FAILED || this == DISCARDED;
	}

}
