package io.dakehu.support;

/**
 * The statements that make a plan test's copy of a table, with all its indexes: a
 * temporary copy for a test that changes it (dropped with its transaction), or one kept
 * for the class that its tests only read.
 */
public final class ProbeTables {

	private ProbeTables() {
	}

	/**
	 * A copy kept for a class, dropped after it. Left alone by autovacuum, as a temporary
	 * one is: a vacuum in the middle of the class would mark its pages visible to all and
	 * change which scan the planner prices cheapest.
	 */
	public static String keptCopy(String table, String copy) {
		return "create table " + copy + " (like " + table + " including all) with (autovacuum_enabled = false)";
	}

	/** A copy dropped when its transaction commits or rolls back. */
	public static String temporaryCopy(String table, String copy) {
		return "create temporary table " + copy + " (like " + table + " including all) on commit drop";
	}

}
