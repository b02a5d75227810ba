package io.dakehu.shared;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The condition of a search for any part of a name, case-insensitive (decision 0054):
 * "建国" finds "王建国", "acme" finds "ACME Ltd". On PostgreSQL a searchable name keeps the
 * set of its two-character pieces ({@code name_bigrams}, a generated column under a GIN
 * index); a text of two characters or more first narrows the rows to those holding every
 * one of its pieces, which the index answers, then the LIKE keeps only the names with the
 * text itself. A single character, and every search on H2 (the embedded database holds
 * too few rows to need an index), is matched by the LIKE alone. The index is asked only
 * for the text's pieces that few names hold (decision 0067): the LIKE keeps the meaning
 * whichever pieces narrow the rows first.
 */
@Component
public class NameSearch {

	private final boolean postgres;

	private final Function<String, Map<String, Double>> commonPieces;

	@Autowired
	NameSearch(DatabaseProduct database, CommonNamePieces commonPieces) {
		this(database.postgres(), commonPieces::of);
	}

	/**
	 * @param postgres true for PostgreSQL's statements, false for H2's
	 * @param commonPieces the pieces many names of a table hold, with the share of names
	 * holding each
	 */
	NameSearch(boolean postgres, Function<String, Map<String, Double>> commonPieces) {
		this.postgres = postgres;
		this.commonPieces = commonPieces;
	}

	/**
	 * Rows whose lower-cased name contains the typed text.
	 * @param table the table holding the name, such as {@code account}
	 * @param keyColumn the lower-cased name, such as {@code a.name_key} or
	 * {@code lower(c.name)}
	 * @param gramsColumn the name's pieces computed from that same key, such as
	 * {@code a.name_grams}
	 * @param text what the user typed; surrounding blanks are ignored
	 * @param param a parameter name unique in the caller's statement
	 */
	public Condition containing(String table, String keyColumn, String gramsColumn, String text, String param) {
		String key = key(text);
		String like = keyColumn + " like :" + param + " escape '\\'";
		Map<String, Object> params = Map.of(param, "%" + escapeLike(key) + "%");
		if (!this.postgres || key.codePointCount(0, key.length()) < 2) {
			return new Condition(like, params);
		}
		return new Condition("(" + gramsColumn + " @> cast(:" + param + "Pieces as text[]) and " + like + ")",
				Map.of(param, params.get(param), param + "Pieces", arrayLiteral(pieces(key, table))));
	}

	/**
	 * The key's two-character pieces (as the database's {@code name_bigrams} cuts names)
	 * to look up: those few names hold; when every one is common, the two fewest names
	 * hold ("42" and "24" of "customer 4242", each in one name in twenty-five, where "cu"
	 * is in all). A text of pieces that most names hold is met by most names, and the
	 * database then reads the names in order rather than through the index.
	 */
	Set<String> pieces(String key, String table) {
		int[] points = key.codePoints().toArray();
		Set<String> all = new LinkedHashSet<>();
		for (int i = 0; i + 1 < points.length; i++) {
			all.add(new String(points, i, 2));
		}
		Map<String, Double> common = this.commonPieces.apply(table);
		Set<String> rare = new LinkedHashSet<>(all);
		rare.removeAll(common.keySet());
		if (!rare.isEmpty()) {
			return rare;
		}
		return all.stream()
			.sorted(Comparator.comparing(common::get))
			.limit(2)
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/** The pieces as a PostgreSQL array of text, each quoted. */
	private static String arrayLiteral(Set<String> pieces) {
		return pieces.stream()
			.map((piece) -> '"' + piece.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
			.collect(Collectors.joining(",", "{", "}"));
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
