package io.dakehu.support;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements that make a plan test's copy of a table: a temporary copy for a test
 * that changes it (dropped with its transaction), or one kept for the class that its
 * tests only read. A copy is made without indexes and given its table's once it is filled
 * ({@link #index}): each row entering some fifty indexes one at a time, the account
 * table's among them trigram ones, cost the suite's PostgreSQL about 40 s of fills where
 * building each index from the rows at once costs a fraction.
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
		return "create table " + copy + " (like " + table
				+ " including all excluding indexes) with (autovacuum_enabled = false)";
	}

	/** A copy dropped when its transaction commits or rolls back. */
	public static String temporaryCopy(String table, String copy) {
		return "create temporary table " + copy + " (like " + table
				+ " including all excluding indexes) on commit drop";
	}

	/**
	 * Gives a filled copy every index of its table, its keys as keys, in the order the
	 * table's were made: named by PostgreSQL as a copy made with its indexes names them
	 * (the copy's name, the columns, {@code idx}, a number for a second of the same),
	 * which the plan tests' expected plans name.
	 */
	public static void index(JdbcClient jdbc, String table, String copy) {
		indexes(jdbc, table, copy).forEach((statement) -> jdbc.sql(statement).update());
	}

	/** The statements that give a filled copy its table's indexes ({@link #index}). */
	public static List<String> indexes(JdbcClient jdbc, String table, String copy) {
		return jdbc
			.sql("""
					select case when c.oid is not null then 'alter table ' || :copy || ' add ' || pg_get_constraintdef(c.oid)
					            else regexp_replace(pg_get_indexdef(i.indexrelid), '^CREATE (UNIQUE )?INDEX \\S+ ON (ONLY )?\\S+ ',
					                                'CREATE \\1INDEX ON ' || :copy || ' ')
					       end
					from pg_index i
					left join pg_constraint c on c.conindid = i.indexrelid and c.conrelid = i.indrelid
					                          and c.contype in ('p', 'u', 'x')
					where i.indrelid = cast(:table as regclass)
					order by i.indexrelid""")
			.param("copy", copy)
			.param("table", table)
			.query(String.class)
			.list();
	}

}
