package io.dakehu.shared;

import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The condition of a search for any part of a name, case-insensitive (decision 0054):
 * "建国" finds "王建国", "acme" finds "ACME Ltd". On PostgreSQL a searchable name keeps the
 * set of its two-character pieces ({@code name_bigrams}, a generated column under a GIN
 * index); a text of two characters or more first narrows the rows to those holding every
 * one of its pieces, which the index answers, then the LIKE keeps only the names with the
 * text itself. A single character, and every search on H2 (the embedded database holds
 * too few rows to need an index), is matched by the LIKE alone.
 */
@Component
public class NameSearch {

	private final boolean postgres;

	@Autowired
	NameSearch(DatabaseProduct database) {
		this(database.postgres());
	}

	/**
	 * @param postgres true for PostgreSQL's statements, false for H2's
	 */
	public NameSearch(boolean postgres) {
		this.postgres = postgres;
	}

	/**
	 * Rows whose lower-cased name contains the typed text.
	 * @param keyColumn the lower-cased name, such as {@code a.name_key} or
	 * {@code lower(c.name)}
	 * @param gramsColumn the name's pieces computed from that same key, such as
	 * {@code a.name_grams}
	 * @param text what the user typed; surrounding blanks are ignored
	 * @param param a parameter name unique in the caller's statement
	 */
	public Condition containing(String keyColumn, String gramsColumn, String text, String param) {
		String key = key(text);
		String like = keyColumn + " like :" + param + " escape '\\'";
		Map<String, Object> params = Map.of(param, "%" + escapeLike(key) + "%");
		if (!this.postgres || key.codePointCount(0, key.length()) < 2) {
			return new Condition(like, params);
		}
		return new Condition("(" + gramsColumn + " @> name_bigrams(:" + param + "Key) and " + like + ")",
				Map.of(param, params.get(param), param + "Key", key));
	}

	/** The typed text as names are compared: without surrounding blanks, lower case. */
	public static String key(String text) {
		return (text != null) ? text.strip().toLowerCase(Locale.ROOT) : "";
	}

	/** The text with LIKE's wildcards and its escape character escaped by a backslash. */
	public static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/** A SQL condition and the parameters it names. */
	public record Condition(String sql, Map<String, Object> params) {
	}

}
