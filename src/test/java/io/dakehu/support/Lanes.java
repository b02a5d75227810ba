package io.dakehu.support;

/**
 * The suite runs test classes two at a time
 * (src/test/resources/junit-platform.properties). The classes of one shared database hold
 * its lock, so they run one after another and a test that counts rows before and after
 * sees only its own writes; the classes that start an application on a database of its
 * own share one more lock. Classes of different lanes, and plain unit tests, run beside
 * each other (decision 0025).
 */
public final class Lanes {

	/** The in-memory H2 of {@link H2IntegrationTest}. */
	public static final String H2 = "dakehu.database.h2";

	/**
	 * The in-memory H2 of the browser journeys ({@code io.dakehu.journey.JourneyTest}), a
	 * database of their own beside {@link #H2}.
	 */
	public static final String JOURNEYS = "dakehu.database.journeys";

	/** The embedded PostgreSQL of {@link PostgresIntegrationTest}. */
	public static final String POSTGRES = "dakehu.database.postgres";

	/**
	 * Databases of their own: the demo database of {@link DemoDataIntegrationTest} and
	 * the applications that tests start themselves (first run, a killed import, the crawl
	 * of the demo). One at a time, as each starts a whole application.
	 */
	public static final String OWN_DATABASES = "dakehu.database.own";

	/**
	 * The SMTP port of the test configuration, which the e-mail tests open with an
	 * in-process server (GreenMail): one at a time, whatever their database.
	 */
	public static final String SMTP = "dakehu.smtp";

	private Lanes() {
	}

}
