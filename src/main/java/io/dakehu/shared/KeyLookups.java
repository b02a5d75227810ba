package io.dakehu.shared;

import java.util.Collection;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The FROM clause of a lookup of one chunk of keys (an import's 5,000 names, registration
 * ids, references or contract numbers), written so that only a plain b-tree index on the
 * key column can serve it, whatever the statistics say (BENCHMARKS.md, "Imports whose
 * plans cannot flip"). The keys travel as one array parameter and are unnested into rows.
 * <p>
 * On PostgreSQL each key probes the table on its own through a {@code LATERAL} subquery
 * that {@code OFFSET 0} keeps from being merged into a join: for each key the planner can
 * choose between the key column's index and a scan of the whole table, and the index wins
 * at any table size worth the name. With {@code in (…5,000 values…)} it weighed one
 * bitmap over every key through any index with an operator for {@code =} — the trigram
 * index on account names included, which reads a million buffers for names that share
 * their digits — against the b-tree, at nearly equal estimated costs. H2 has no trigram
 * index and no {@code LATERAL}; there the keys are joined to the table and its index
 * serves the join.
 */
@Component
public class KeyLookups {

	private final boolean postgres;

	@Autowired
	KeyLookups(DatabaseProduct database) {
		this(database.postgres());
	}

	/**
	 * @param postgres true for PostgreSQL's statements, false for H2's
	 */
	public KeyLookups(boolean postgres) {
		this.postgres = postgres;
	}

	/**
	 * The rows of {@code table alias} whose key column equals one of the keys, with the
	 * given columns under the alias: {@code select alias.x from <this>}. On PostgreSQL,
	 * {@code byteOrder} compares in collation "C" (equal exactly when the bytes are, as
	 * in any deterministic collation), which only an index built in that collation can
	 * serve: one with the database's collation, such as a trigram index, cannot.
	 * @param param the name of the parameter the keys are bound to ({@link #keys})
	 * @param table the caller's own table
	 * @param alias the table's alias, also the alias of the rows found
	 * @param keyColumn the key column, without alias
	 * @param columns the columns the statement reads, with the alias
	 * @param condition a further condition on the rows, with the alias, or null
	 * @param byteOrder whether to compare in collation "C" on PostgreSQL
	 */
	public String varchars(String param, String table, String alias, String keyColumn, String columns, String condition,
			boolean byteOrder) {
		String keys = "unnest(cast(:" + param + " as varchar array)) wanted(k)";
		String match = alias + "." + keyColumn + " = wanted.k";
		String also = (condition != null) ? " and " + condition : "";
		if (!this.postgres) {
			return keys + " join " + table + " " + alias + " on " + match + also;
		}
		return keys + " cross join lateral (select " + columns + " from " + table + " " + alias + " where " + match
				+ (byteOrder ? " collate \"C\"" : "") + also + " offset 0) " + alias;
	}

	/**
	 * The keys as the one parameter {@link #varchars} reads, each once.
	 */
	public static String[] keys(Collection<String> keys) {
		return keys.stream().distinct().toArray(String[]::new);
	}

}
