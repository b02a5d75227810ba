package io.dakehu.shared;

/**
 * An edit based on a version that is no longer current: someone else saved in between.
 * Answers HTTP 409 and never overwrites.
 */
public class StaleEditException extends RuntimeException {

	private final long currentVersion;

	public StaleEditException(String entity, Object id, long currentVersion) {
		super(entity + " " + id + " was changed by someone else (current version " + currentVersion + ")");
		this.currentVersion = currentVersion;
	}

	public long currentVersion() {
		return this.currentVersion;
	}

	/**
	 * Rejects an edit whose expected version differs from the stored one.
	 */
	public static void check(String entity, Object id, Integer expected, int actual) {
		if (expected == null || expected != actual) {
			throw new StaleEditException(entity, id, actual);
		}
	}

}
