package io.dakehu.support;

/**
 * The suite runs test classes two at a time
 * (src/test/resources/junit-platform.properties). The classes of one shared database hold
 * its lock, so they run one after another and a test that counts rows before and after
 * sees only its own writes; classes of different databases, and plain unit tests, run
 * beside each other (decision 0025).
 */
public final class Lanes {

	/** The in-memory H2 of {@link H2IntegrationTest}. */
	public static final String H2 = "dakehu.database.h2";

	/** The embedded PostgreSQL of {@link PostgresIntegrationTest}. */
	public static final String POSTGRES = "dakehu.database.postgres";

	/** The demo database of {@link DemoDataIntegrationTest}. */
	public static final String DEMO_DATA = "dakehu.database.demo-data";

	private Lanes() {
	}

}
