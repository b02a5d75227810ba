package io.dakehu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A module's SQL names only its own tables (ARCHITECTURE.md, docs/decisions/0010): what
 * it needs from another module's tables it composes from the fragments that module
 * publishes. Each table belongs to the module whose migration creates it
 * ({@code V<n>__<module>_<what>.sql}); the Java sources of the modules listed here are
 * searched for SQL that reads or writes a table of another module. Spring Modulith cannot
 * see SQL text, so this test does.
 */
class ModuleTablesTests {

	/**
	 * The modules that compose their owners' fragments; {@code contact} and
	 * {@code report} join when they do.
	 */
	private static final Set<String> CHECKED = Set.of("account", "activity", "catalog", "dataimport", "identity",
			"opportunity", "order", "relationship", "segmentation", "service");

	private static final Pattern CREATE = Pattern.compile("create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern NAMED = Pattern.compile(
			"\\b(?:from|join|into|update|exists\\s*\\(\\s*select\\s+1\\s+from)\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

	@Test
	void checkedModulesNameOnlyTheirOwnTables() throws IOException {
		Map<String, String> owners = owners();
		assertThat(owners).containsEntry("order_line", "order").containsEntry("segmentation_snapshot", "segmentation");
		List<String> violations = new ArrayList<>();
		for (String module : CHECKED) {
			try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/dakehu", module))) {
				for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
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

	private static List<String> foreignTables(String module, String source, Map<String, String> owners, Path file) {
		List<String> found = new ArrayList<>();
		Matcher matcher = NAMED.matcher(source);
		while (matcher.find()) {
			String table = matcher.group(1).toLowerCase();
			String owner = owners.get(table);
			if (owner != null && !owner.equals(module) && !owner.equals("shared")) {
				found.add(file.getFileName() + " names " + table + " (" + owner + ")");
			}
		}
		return found;
	}

	/** Each table and the module whose migration creates it. */
	private static Map<String, String> owners() throws IOException {
		Map<String, String> owners = new HashMap<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db"))) {
			for (Path file : files.filter((f) -> f.getFileName().toString().matches("V\\d+__\\w+\\.sql")).toList()) {
				String module = file.getFileName().toString().replaceFirst("V\\d+__", "").split("_")[0];
				Matcher matcher = CREATE.matcher(Files.readString(file));
				while (matcher.find()) {
					owners.putIfAbsent(matcher.group(1).toLowerCase(), module);
				}
			}
		}
		return owners;
	}

}
