package io.dakehu.shared;

import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows loaded from an outside system (an ERP export, a CRM file) carry the system's name
 * ({@code source}) and its own key ({@code external_ref}); the pair identifies the row,
 * so loading the same file twice adds nothing. The ledger and the opportunities both keep
 * such rows; this asks their table which references it already has.
 */
public final class SourceReferences {

	private final JdbcClient jdbc;

	private final KeyLookups keyLookups;

	private final String table;

	/**
	 * @param table the owning module's own table, a constant with {@code source} and
	 * {@code external_ref} columns, unique together (reference first)
	 */
	public SourceReferences(JdbcClient jdbc, KeyLookups keyLookups, String table) {
		this.jdbc = jdbc;
		this.keyLookups = keyLookups;
		this.table = table;
	}

	/**
	 * Which of these references the source already has, each with the time its row was
	 * written. An import writing in one open transaction sees its own rows here too; the
	 * time tells them from rows stored before it started.
	 */
	public Map<String, LocalDateTime> stored(String source, Collection<String> references) {
		if (references.isEmpty()) {
			return Map.of();
		}
		Map<String, LocalDateTime> stored = new HashMap<>();
		this.jdbc
			.sql("select r.external_ref, r.created_at from " + this.keyLookups.varchars("refs", this.table, "r",
					"external_ref", "r.external_ref, r.created_at", "r.source = :source", false))
			.param("source", source)
			.param("refs", KeyLookups.keys(references))
			.query((ResultSet rs) -> {
				stored.put(rs.getString(1), rs.getTimestamp(2).toLocalDateTime());
			});
		return stored;
	}

}
