package io.dakehu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A module's SQL names only its own tables (ARCHITECTURE.md, docs/decisions/0010): what
 * it needs from another module's tables it composes from the fragments that module
 * publishes. Each table belongs to the module whose migration creates it
 * ({@code V<n>__<module>_<what>.sql}); the Java sources of every module (each folder
 * under {@code io/dakehu} but {@code shared}, so a new module is checked from its first
 * file) are searched for SQL that reads or writes a table of another module. Spring
 * Modulith cannot see SQL text, so this test does.
 * <p>
 * The SQL is read from the string literals and text blocks of a source, comments left
 * out. Literals joined with {@code +} are read as one text, a constant of the same file
 * standing for its value, so a table named on the next line or in a constant of its own
 * is found. A table counts as named after {@code from} (and in the comma list that
 * follows it), {@code join}, {@code into} and {@code update}, in {@code @Table}, and, for
 * the table names no word of prose could be ({@code order_line}), anywhere in a literal.
 * <p>
 * A fragment's parameters are its owner's too: a module that binds or reads one (say
 * {@code :scopeOwners} beside an {@code AccountScopeSql}) leans on a name the owner may
 * change, and two fragments composed into one statement must never meet on a name.
 */
class ModuleTablesTests {

	private static final Path SOURCES = Path.of("src/main/java/io/dakehu");

	/** The open module of the few cross-cutting tables (audit log, HTTP sessions). */
	private static final String SHARED = "shared";

	private static final Pattern CREATE = Pattern.compile(
			"create\\s+(?:table|(?:or\\s+replace\\s+)?view)\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern NAMING = Pattern.compile("\\b(from|join|into|update)\\s+", Pattern.CASE_INSENSITIVE);

	private static final Pattern WORD = Pattern.compile("\\w+");

	/** A named parameter in SQL text, not a {@code ::} cast. */
	private static final Pattern PARAMETER = Pattern.compile("(?<!:):(\\w+)");

	private static final Pattern PARAMETER_PUT = Pattern.compile("\\.put\\(\\s*\"(\\w+)\"");

	private static final Pattern TABLE_ANNOTATION = Pattern.compile("@Table\\s*\\(\\s*(?:value\\s*=\\s*)?\"(\\w+)\"");

	/** Words that end a table reference where an alias could stand. */
	private static final Set<String> NOT_AN_ALIAS = Set.of("where", "join", "left", "right", "inner", "outer", "full",
			"cross", "natural", "on", "using", "group", "order", "having", "limit", "offset", "union", "except",
			"intersect", "set", "values", "select", "lateral", "fetch", "for", "window", "returning");

	@Test
	void everyModuleNamesOnlyItsOwnTables() throws IOException {
		Map<String, String> owners = owners();
		assertThat(owners).containsEntry("order_line", "order")
			.containsEntry("segmentation_snapshot", "segmentation")
			.containsEntry("app_user", "identity");
		List<String> modules = modules();
		assertThat(modules).contains("account", "contact", "home", "report", "segmentation").doesNotContain(SHARED);
		List<String> violations = new ArrayList<>();
		for (String module : modules) {
			try (Stream<Path> files = Files.walk(SOURCES.resolve(module))) {
				for (Path file : files.filter((f) -> f.toString().endsWith(".java")).sorted().toList()) {
					violations.addAll(foreignTables(module, Files.readString(file), owners, file));
				}
			}
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void aQueryOnAnotherModulesTableIsFound() throws IOException {
		String source = """
				String sql = \"""
						select s.account_id from segmentation_snapshot s
						join order_line o on o.account_id = s.account_id\""";""";
		assertThat(foreignTables("segmentation", source, owners(), Path.of("Example.java")))
			.containsExactly("Example.java names order_line (order)");
	}

	@Test
	void aTableOnTheLineAfterItsKeywordIsFound() throws IOException {
		String source = """
				String sql = \"""
						select c.id, u.display_name
						from
						    contact c
						left join
						    app_user u on u.id = c.relationship_owner_id
						where exists (select 1 from
						    account a where a.id = c.account_id)\""";""";
		assertThat(foreignTables("contact", source, owners(), Path.of("Example.java")))
			.containsExactly("Example.java names account (account)", "Example.java names app_user (identity)");
	}

	@Test
	void tablesInACommaListAreFound() throws IOException {
		String source = """
				String sql = "select count(*) from segmentation_run r, activity t, (select 1) x where 1 = 1";""";
		assertThat(foreignTables("segmentation", source, owners(), Path.of("Example.java")))
			.containsExactly("Example.java names activity (activity)");
	}

	@Test
	void aTableNamedInAConstantOrAcrossConcatenatedLiteralsIsFound() throws IOException {
		String source = """
				private static final String LEDGER = "order_line";
				private static final String BOOK = "account";
				String sums = "select sum(l.amount) from " + LEDGER + " l";
				String names = "select b.name from "
						+ BOOK + " b where b.id = :id";
				String lines = "select 1 from" + " order_line";""";
		assertThat(foreignTables("report", source, owners(), Path.of("Example.java")))
			.containsExactly("Example.java names account (account)", "Example.java names order_line (order)");
	}

	@Test
	void aPublishedFragmentNamesItsTablesOnlyInsideItsOwner() throws IOException {
		String fragment = """
				@NamedInterface("sql")
				public record CustomerSql(String table, Map<String, Object> params) {
					private static final String CUSTOMERS = \"""
							(select c.id as account_id, c.owner_id from account c
							 where c.archived = false)\""";
				}""";
		Map<String, String> owners = owners();
		assertThat(foreignTables("account", fragment, owners, Path.of("CustomerSql.java"))).isEmpty();
		assertThat(foreignTables("segmentation", fragment, owners, Path.of("CustomerSql.java")))
			.containsExactly("CustomerSql.java names account (account)");
	}

	@Test
	void anAggregateMappedOnAnotherModulesTableIsFound() throws IOException {
		String source = """
				@Table("account_team_member")
				record Sharing(Long accountId, Long userId) {
				}""";
		assertThat(foreignTables("contact", source, owners(), Path.of("Sharing.java")))
			.containsExactly("Sharing.java names account_team_member (account)");
	}

	@Test
	void proseAndCommentsAreNotSql() throws IOException {
		String source = """
				/** Hours from activity durations; moved from account to account on a merge. */
				// select * from order_line
				String key = "account.name";
				String label = "contact";""";
		assertThat(foreignTables("report", source, owners(), Path.of("Example.java"))).isEmpty();
	}

	@Test
	void noModuleBindsTheParametersOfAnotherModulesFragment() throws IOException {
		Map<String, String> parameters = fragmentParameters();
		assertThat(parameters).containsEntry("scopeOwners", "account")
			.containsEntry("ledgerFrom", "order")
			.containsEntry("cadenceVip", "segmentation");
		List<String> violations = new ArrayList<>();
		for (String module : modules()) {
			try (Stream<Path> files = Files.walk(SOURCES.resolve(module))) {
				for (Path file : files.filter((f) -> f.toString().endsWith(".java")).sorted().toList()) {
					violations.addAll(foreignParameters(module, Files.readString(file), parameters, file));
				}
			}
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void aQueryLeaningOnAFragmentsParameterIsFound() throws IOException {
		String source = """
				sql.append("(").append(accountScope.condition()).append(" or o.salesperson_id in (:scopeOwners))");
				Integer days = (Integer) tiers.params().get("cadenceVip");""";
		assertThat(foreignParameters("order", source, fragmentParameters(), Path.of("Example.java")))
			.containsExactly("Example.java uses cadenceVip (segmentation)", "Example.java uses scopeOwners (account)");
	}

	/**
	 * The parameters of the fragments each module publishes (its types marked
	 * {@code @NamedInterface("sql")}), which only that module may bind or read: two
	 * fragments composed into one statement must not meet on a name.
	 */
	private static Map<String, String> fragmentParameters() throws IOException {
		Map<String, String> parameters = new HashMap<>();
		for (String module : modules()) {
			try (Stream<Path> files = Files.walk(SOURCES.resolve(module))) {
				for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
					String source = Files.readString(file);
					if (!source.contains("@NamedInterface(\"sql\")")) {
						continue;
					}
					Matcher put = PARAMETER_PUT.matcher(source);
					while (put.find()) {
						parameters.put(put.group(1), module);
					}
					for (String text : SqlText.of(source).texts()) {
						Matcher bound = PARAMETER.matcher(text);
						while (bound.find()) {
							parameters.put(bound.group(1), module);
						}
					}
				}
			}
		}
		return parameters;
	}

	private static List<String> foreignParameters(String module, String source, Map<String, String> parameters,
			Path file) {
		Set<String> found = new TreeSet<>();
		for (String text : SqlText.of(source).texts()) {
			Matcher bound = PARAMETER.matcher(text);
			while (bound.find()) {
				found.add(bound.group(1));
			}
			found.add(text);
		}
		List<String> violations = new ArrayList<>();
		for (String name : found) {
			String owner = parameters.get(name);
			if (owner != null && !owner.equals(module)) {
				violations.add(file.getFileName() + " uses " + name + " (" + owner + ")");
			}
		}
		return violations;
	}

	/** Each folder under {@code io/dakehu} but the open {@code shared} one. */
	private static List<String> modules() throws IOException {
		try (Stream<Path> entries = Files.list(SOURCES)) {
			return entries.filter(Files::isDirectory)
				.map((dir) -> dir.getFileName().toString())
				.filter((name) -> !name.equals(SHARED))
				.sorted()
				.toList();
		}
	}

	private static List<String> foreignTables(String module, String source, Map<String, String> owners, Path file) {
		Set<String> found = new TreeSet<>();
		SqlText sql = SqlText.of(source);
		for (String text : sql.texts()) {
			for (String table : namedTables(text)) {
				found.add(table);
			}
			Matcher words = WORD.matcher(text);
			while (words.find()) {
				String word = words.group().toLowerCase(Locale.ROOT);
				if (word.contains("_") && owners.containsKey(word)) {
					found.add(word);
				}
			}
		}
		Matcher annotations = TABLE_ANNOTATION.matcher(sql.code());
		while (annotations.find()) {
			found.add(annotations.group(1).toLowerCase(Locale.ROOT));
		}
		List<String> violations = new ArrayList<>();
		for (String table : found) {
			String owner = owners.get(table);
			if (owner != null && !owner.equals(module)) {
				violations.add(file.getFileName() + " names " + table + " (" + owner + ")");
			}
		}
		return violations;
	}

	/**
	 * The words standing for a table in the SQL text: after each keyword, and for
	 * {@code from} the comma list of tables and derived tables that follows it.
	 */
	private static List<String> namedTables(String sql) {
		List<String> tables = new ArrayList<>();
		Matcher keyword = NAMING.matcher(sql);
		while (keyword.find()) {
			boolean list = keyword.group(1).equalsIgnoreCase("from");
			int at = keyword.end();
			while (true) {
				at = skipSpace(sql, at);
				if (at < sql.length() && sql.charAt(at) == '(') {
					at = skipParentheses(sql, at);
				}
				else {
					Matcher word = WORD.matcher(sql).region(at, sql.length());
					if (!word.lookingAt()) {
						break;
					}
					tables.add(word.group().toLowerCase(Locale.ROOT));
					at = word.end();
				}
				at = skipAlias(sql, at);
				at = skipSpace(sql, at);
				if (!list || at >= sql.length() || sql.charAt(at) != ',') {
					break;
				}
				at++;
			}
		}
		return tables;
	}

	private static int skipAlias(String sql, int at) {
		for (int words = 0; words < 2; words++) {
			int start = skipSpace(sql, at);
			Matcher word = WORD.matcher(sql).region(start, sql.length());
			if (start == at || !word.lookingAt()) {
				return at;
			}
			String alias = word.group().toLowerCase(Locale.ROOT);
			if (NOT_AN_ALIAS.contains(alias)) {
				return at;
			}
			at = word.end();
			if (!alias.equals("as")) {
				return at;
			}
		}
		return at;
	}

	private static int skipSpace(String sql, int at) {
		while (at < sql.length() && Character.isWhitespace(sql.charAt(at))) {
			at++;
		}
		return at;
	}

	private static int skipParentheses(String sql, int at) {
		int depth = 0;
		for (int i = at; i < sql.length(); i++) {
			if (sql.charAt(i) == '(') {
				depth++;
			}
			else if (sql.charAt(i) == ')' && --depth == 0) {
				return i + 1;
			}
		}
		return sql.length();
	}

	/** Each table and the module whose migration creates it. */
	private static Map<String, String> owners() throws IOException {
		Map<String, String> owners = new HashMap<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db"))) {
			for (Path file : files.filter((f) -> f.getFileName().toString().matches("V\\d+__\\w+\\.sql")).toList()) {
				String module = file.getFileName().toString().replaceFirst("V\\d+__", "").split("_")[0];
				Matcher matcher = CREATE.matcher(Files.readString(file));
				while (matcher.find()) {
					owners.putIfAbsent(matcher.group(1).toLowerCase(Locale.ROOT), module);
				}
			}
		}
		return owners;
	}

	/**
	 * The string literals of a Java source, comments left out: each literal on its own,
	 * and each run of operands joined with {@code +} as one text, in which a
	 * {@code String} constant of the same source stands for its value and any other
	 * operand (a variable, a call) for a blank.
	 *
	 * @param texts the literals and the joined runs
	 * @param code the source with comments and literals blanked, for annotations
	 */
	private record SqlText(List<String> texts, String code) {

		static SqlText of(String source) {
			List<Token> tokens = new ArrayList<>();
			StringBuilder code = new StringBuilder();
			int i = 0;
			while (i < source.length()) {
				char c = source.charAt(i);
				if (source.startsWith("//", i)) {
					i = endOf(source, "\n", i + 2);
				}
				else if (source.startsWith("/*", i)) {
					i = endOf(source, "*/", i + 2);
				}
				else if (source.startsWith("\"\"\"", i)) {
					int end = closing(source, "\"\"\"", i + 3);
					tokens.add(Token.literal(source.substring(i + 3, end)));
					code.append("\"\"");
					i = end + 3;
				}
				else if (c == '"' || c == '\'') {
					int end = closing(source, String.valueOf(c), i + 1);
					if (c == '"') {
						tokens.add(Token.literal(source.substring(i + 1, end)));
						code.append('"').append(source, i + 1, end).append('"');
					}
					i = end + 1;
				}
				else if (Character.isJavaIdentifierStart(c)) {
					int end = i;
					while (end < source.length() && Character.isJavaIdentifierPart(source.charAt(end))) {
						end++;
					}
					tokens.add(Token.other(source.substring(i, end)));
					code.append(source, i, end);
					i = end;
				}
				else {
					if (!Character.isWhitespace(c)) {
						tokens.add(Token.other(String.valueOf(c)));
					}
					code.append(c);
					i++;
				}
			}
			Map<String, String> constants = constants(tokens);
			List<String> texts = new ArrayList<>();
			for (int t = 0; t < tokens.size(); t++) {
				if (tokens.get(t).literal()) {
					texts.add(tokens.get(t).text());
				}
				if (t == 0 || !tokens.get(t - 1).is("+")) {
					String joined = joined(tokens, t, constants);
					if (joined != null) {
						texts.add(joined);
					}
				}
			}
			return new SqlText(texts, code.toString());
		}

		/**
		 * The {@code String} constants (and variables) of the source with their value as
		 * first assigned.
		 */
		private static Map<String, String> constants(List<Token> tokens) {
			Map<String, String> constants = new HashMap<>();
			for (int t = 0; t + 3 < tokens.size(); t++) {
				if (tokens.get(t).is("String") && !tokens.get(t + 1).literal() && tokens.get(t + 2).is("=")) {
					String value = joined(tokens, t + 3, Map.of());
					if (value != null) {
						constants.put(tokens.get(t + 1).text(), value);
					}
				}
			}
			return constants;
		}

		/**
		 * The text of the operands joined with {@code +} from {@code start}, or null when
		 * the run holds no literal and no known constant.
		 */
		private static String joined(List<Token> tokens, int start, Map<String, String> constants) {
			StringBuilder text = new StringBuilder();
			boolean known = false;
			int t = start;
			while (t < tokens.size()) {
				Token token = tokens.get(t);
				if (token.literal()) {
					text.append(token.text());
					known = true;
					t++;
				}
				else if (constants.containsKey(token.text())) {
					text.append(constants.get(token.text()));
					known = true;
					t++;
				}
				else {
					int end = operandEnd(tokens, t);
					if (end == t) {
						break;
					}
					text.append(' ');
					t = end;
				}
				if (t >= tokens.size() || !tokens.get(t).is("+")) {
					break;
				}
				t++;
			}
			return known ? text.toString() : null;
		}

		/**
		 * Past an operand that is not a literal: a name, its calls and member accesses,
		 * or a parenthesised expression.
		 */
		private static int operandEnd(List<Token> tokens, int t) {
			int end = t;
			while (end < tokens.size()) {
				Token token = tokens.get(end);
				if (token.is("(")) {
					int depth = 0;
					do {
						if (tokens.get(end).is("(")) {
							depth++;
						}
						else if (tokens.get(end).is(")")) {
							depth--;
						}
						end++;
					}
					while (depth > 0 && end < tokens.size());
				}
				else if (!token.literal() && Character.isJavaIdentifierStart(token.text().charAt(0))
						&& (end == t || tokens.get(end - 1).is("."))) {
					end++;
				}
				else if (token.is(".") && end > t) {
					end++;
				}
				else {
					break;
				}
			}
			return end;
		}

		private static int endOf(String source, String end, int from) {
			int at = source.indexOf(end, from);
			return (at < 0) ? source.length() : at + end.length();
		}

		/** Where the literal opened before {@code from} closes, escapes skipped. */
		private static int closing(String source, String quote, int from) {
			int i = from;
			while (i < source.length() && !source.startsWith(quote, i)) {
				i += (source.charAt(i) == '\\') ? 2 : 1;
			}
			return Math.min(i, source.length());
		}

	}

	private record Token(String text, boolean literal) {

		static Token literal(String text) {
			return new Token(text, true);
		}

		static Token other(String text) {
			return new Token(text, false);
		}

		boolean is(String other) {
			return !this.literal && this.text.equals(other);
		}

	}

}
