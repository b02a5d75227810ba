package io.dakehu.shared;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The condition of a search for any part of a name, case-insensitive (decision 0054):
 * "建国" finds "王建国", "acme" finds "ACME Ltd". On PostgreSQL a searchable name keeps the
 * set of its two-character pieces and of the three-character pieces of its runs of Latin
 * letters and digits ({@code name_pieces}, a generated column under a GIN index, decision
 * 0077); a text of two characters or more first narrows the rows to those holding every
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
		String like = like(keyColumn, param);
		Map<String, Object> params = Map.of(param, "%" + escapeLike(key) + "%");
		if (!this.postgres || key.codePointCount(0, key.length()) < 2) {
			return new Condition(like, params);
		}
		Map<String, Double> common = this.commonPieces.apply(table);
		Set<String> pieces = pieces(key, common);
		boolean fewNames = Collections.disjoint(pieces, common.keySet());
		// The share of names holding every piece asked for, at most that of the rarest:
		// a text's pieces mostly come together (the pieces of one word), so that bound
		// is the better guess; their product, as if independent, guessed a tenth of it
		// for a word in one deal name of eight.
		double share = fewNames ? 0 : pieces.stream().mapToDouble(common::get).min().orElse(0);
		return new Condition("(" + gramsColumn + " @> cast(:" + param + "Pieces as text[]) and " + like + ")",
				Map.of(param, params.get(param), param + "Pieces", arrayLiteral(pieces)), fewNames,
				share >= MOST_NAMES);
	}

	/**
	 * Runs a statement that reads every row of a table for a {@link Condition#mostNames}
	 * search in one database process (decision 0072). PostgreSQL would share such a scan
	 * among parallel workers, whose start and coordination cost more than they save here:
	 * at 100,000 deals the totals took 126 ms in three processes and 41 ms in one, and
	 * under fifty connections the searches a second doubled without them. The caller's
	 * transaction holds the setting until the statement is done.
	 */
	public <T> T inOneProcess(JdbcClient jdbc, Supplier<T> work) {
		return withSetting(jdbc, "max_parallel_workers_per_gather", "0", work);
	}

	/**
	 * The LIKE that keeps the names containing the text, alone: for a caller that reads
	 * every row anyway ({@link Condition#mostNames}), where checking each row's pieces
	 * first would only add to the cost. The parameter is the one {@link #containing}
	 * names {@code param}.
	 */
	public static String like(String keyColumn, String param) {
		return keyColumn + " like :" + param + " escape '\\'";
	}

	/**
	 * Runs a search's statements on one plan each (decision 0071): PostgreSQL then plans
	 * a prepared statement once for every text instead of for each, which was half of a
	 * search's time in the database. Only for a {@link Condition#fewNames} search, whose
	 * statements the caller marks with {@link #ONE_PLAN} so that they never share a plan
	 * with a search for common pieces: the one plan asks the index for the pieces, which
	 * for a text most names hold is the slow way (a city's two characters at a million
	 * accounts: a tenth of the searches a second). The caller's transaction holds the
	 * setting until the work is done.
	 */
	public <T> T onePlan(JdbcClient jdbc, Supplier<T> work) {
		return withSetting(jdbc, "plan_cache_mode", "force_generic_plan", work);
	}

	/**
	 * Runs a statement of a search that may run on one plan: marked with
	 * {@link #ONE_PLAN} and under {@link #onePlan} when it does, as it is otherwise.
	 * @param statement the statement run with its mark, or with none
	 */
	public <T> T marked(JdbcClient jdbc, boolean onePlan, Function<String, T> statement) {
		return onePlan ? onePlan(jdbc, () -> statement.apply(ONE_PLAN)) : statement.apply("");
	}

	/**
	 * Runs the work with a setting of PostgreSQL's ({@link PlannerSetting}); on H2, which
	 * has neither setting, as it is.
	 */
	private <T> T withSetting(JdbcClient jdbc, String setting, String value, Supplier<T> work) {
		return this.postgres ? PlannerSetting.during(jdbc, setting, value, work) : work.get();
	}

	/**
	 * The key's pieces (as the database's {@code name_pieces} cuts names) to look up: the
	 * three-character pieces of each run of Latin letters and digits, and the
	 * two-character pieces no such run covers (Chinese, a run's edge, a run of two)
	 * (decision 0077); of those, the ones few names hold; when every one is common, the
	 * two fewest names hold. A text of pieces that most names hold is met by most names,
	 * and the database then reads the names in order rather than through the index.
	 */
	Set<String> pieces(String key, String table) {
		return pieces(key, this.commonPieces.apply(table));
	}

	private static Set<String> pieces(String key, Map<String, Double> common) {
		int[] points = key.codePoints().toArray();
		Set<String> all = new LinkedHashSet<>();
		for (int i = 0; i + 1 < points.length; i++) {
			// A two-character piece inside a run of three or more is implied by the
			// run's three-character pieces, which few names share.
			boolean pair = latinOrDigit(points[i]) && latinOrDigit(points[i + 1]);
			boolean next = i + 2 < points.length && latinOrDigit(points[i + 2]);
			boolean previous = i > 0 && latinOrDigit(points[i - 1]);
			if (pair && next) {
				all.add(new String(points, i, 3));
			}
			else if (!(pair && previous)) {
				all.add(new String(points, i, 2));
			}
		}
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

	/**
	 * Whether the character is one the database's runs are made of ({@code [a-z0-9]}).
	 */
	private static boolean latinOrDigit(int point) {
		return (point >= 'a' && point <= 'z') || (point >= '0' && point <= '9');
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

	/**
	 * The share of a table's names from which on the pieces asked for are held by so many
	 * names that reading every row costs less than gathering the index's matches and
	 * joining them back (decision 0072): at 100,000 deals a match cost 4.5 µs that way, a
	 * row read 0.4 µs, so the two meet near a tenth.
	 */
	static final double MOST_NAMES = 0.1;

	/** The mark of a statement run on one plan ({@link #onePlan}). */
	public static final String ONE_PLAN = "/* one plan */ ";

	/**
	 * A SQL condition and the parameters it names.
	 *
	 * @param fewNames whether the index is asked for a piece few names hold, so it finds
	 * the rows whatever the text (PostgreSQL only): such a search may run on one plan
	 * @param mostNames whether each piece asked for is in a tenth of the rows' names or
	 * more, so that the text is expected in as many (PostgreSQL only): such a search is
	 * better met by reading every row with the {@link #like} alone
	 */
	public record Condition(String sql, Map<String, Object> params, boolean fewNames, boolean mostNames) {

		Condition(String sql, Map<String, Object> params) {
			this(sql, params, false, false);
		}

	}

}
