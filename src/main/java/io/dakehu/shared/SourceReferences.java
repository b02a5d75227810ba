package io.dakehu.shared;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows loaded from an outside system (an ERP export, a CRM file) carry the system's name
 * ({@code source}) and its own key ({@code external_ref}); the pair identifies the row,
 * so loading the same file twice adds nothing. The ledger and the opportunities both keep
 * such rows; this asks their table which references it already has.
 */
public final class SourceReferences {

	private final JdbcClient jdbc;

	private final String table;

	/**
	 * @param table the owning module's own table, a constant with {@code source} and
	 * {@code external_ref} columns
	 */
	public SourceReferences(JdbcClient jdbc, String table) {
		this.jdbc = jdbc;
		this.table = table;
	}

	/**
	 * Whether anything from this source is stored yet. While it is not, no reference of
	 * it can clash with a stored one, and an import can skip looking them up.
	 */
	public boolean hasSource(String source) {
		return !this.jdbc.sql("select 1 from " + this.table + " where source = :source fetch first 1 rows only")
			.param("source", source)
			.query(Integer.class)
			.list()
			.isEmpty();
	}

	/**
	 * Which of these references the source already has, so a re-import can skip them.
	 */
	public Set<String> existing(String source, Collection<String> references) {
		if (references.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc
			.sql("select external_ref from " + this.table + " where source = :source and external_ref in (:refs)")
			.param("source", source)
			.param("refs", Set.copyOf(references))
			.query(String.class)
			.list());
	}

}
