package io.dakehu.shared.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every label exists in English and Chinese: each bundle under {@code i18n/} has a
 * {@code _zh_CN} twin with exactly the same keys, and every {@code #{key}} a template
 * uses is defined in both languages. Scans whatever bundles and templates exist, so a new
 * one is checked without touching this test. The system property {@code dakehu.resources}
 * points it at another resources folder.
 */
class MessageBundleTests {

	private static final String CHINESE = "_zh_CN";

	/** A message expression's key, up to its arguments or closing brace. */
	private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.\\-]+)\\s*[(}]");

	/**
	 * A key named in Java: a rule's message ({@code "validation.parentCycle"}), an error
	 * title, or a bean-validation message template ({@code "{validation.phone}"}).
	 */
	private static final Pattern JAVA_KEY = Pattern.compile("\"\\{?((?:validation|error)\\.[A-Za-z0-9_.]+)\\}?\"");

	private final Path resources = Path.of(System.getProperty("dakehu.resources", "src/main/resources"));

	@Test
	void everyBundleHasAChineseTwinWithExactlyTheSameKeys() throws IOException {
		List<String> problems = new ArrayList<>();
		for (Path bundle : bundles()) {
			String name = bundle.getFileName().toString();
			boolean chinese = name.endsWith(CHINESE + ".properties");
			String twinName = chinese ? name.replace(CHINESE + ".properties", ".properties")
					: name.replace(".properties", CHINESE + ".properties");
			Path twin = bundle.resolveSibling(twinName);
			if (!Files.exists(twin)) {
				problems.add(name + " has no twin " + twinName);
				continue;
			}
			Set<String> missing = new TreeSet<>(keys(bundle));
			missing.removeAll(keys(twin));
			if (!missing.isEmpty()) {
				problems.add(twinName + " lacks " + missing);
			}
		}
		assertThat(problems).as("message bundle differences").isEmpty();
	}

	/**
	 * Labels are read from all bundles merged, the first bundle listed winning a key two
	 * define: a key two modules define with different texts shows one module's text on
	 * the other's page (the account plans' empty list once said the contact plan had
	 * nothing due). Field labels ({@code field.<property>}) are named by property across
	 * modules on purpose, for validation messages and the audit history, and are left
	 * out.
	 */
	@Test
	void noTwoBundlesDefineOneLabelDifferently() throws IOException {
		Map<String, Path> firstDefinedIn = new HashMap<>();
		Map<Path, Properties> loaded = new HashMap<>();
		List<String> problems = new ArrayList<>();
		for (Path bundle : bundles()) {
			boolean chinese = bundle.getFileName().toString().endsWith(CHINESE + ".properties");
			Properties properties = load(bundle);
			loaded.put(bundle, properties);
			for (String key : properties.stringPropertyNames()) {
				if (key.startsWith("field.")) {
					continue;
				}
				Path first = firstDefinedIn.putIfAbsent((chinese ? "zh " : "en ") + key, bundle);
				if (first != null && !loaded.get(first).getProperty(key).equals(properties.getProperty(key))) {
					problems.add(key + ": " + first.getFileName() + " and " + bundle.getFileName());
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyKeyUsedInATemplateExistsInBothLanguages() throws IOException {
		Set<String> english = new TreeSet<>();
		Set<String> chinese = new TreeSet<>();
		for (Path bundle : bundles()) {
			(bundle.getFileName().toString().endsWith(CHINESE + ".properties") ? chinese : english)
				.addAll(keys(bundle));
		}
		List<String> problems = new ArrayList<>();
		for (Path template : templates()) {
			Matcher matcher = MESSAGE_KEY.matcher(Files.readString(template, StandardCharsets.UTF_8));
			while (matcher.find()) {
				String key = matcher.group(1);
				String where = this.resources.relativize(template) + ": #{" + key + "}";
				if (!english.contains(key)) {
					problems.add(where + " missing in English");
				}
				if (!chinese.contains(key)) {
					problems.add(where + " missing in Chinese");
				}
			}
		}
		assertThat(problems).as("labels used by templates but not defined").isEmpty();
	}

	@Test
	void everyMessageKeyUsedInJavaExistsInBothLanguages() throws IOException {
		List<Path> bundles = bundles();
		assertThat(bundles).as("message bundles in " + this.resources).isNotEmpty();
		Set<String> english = new TreeSet<>();
		Set<String> chinese = new TreeSet<>();
		for (Path bundle : bundles) {
			(bundle.getFileName().toString().endsWith(CHINESE + ".properties") ? chinese : english)
				.addAll(keys(bundle));
		}
		List<String> problems = new ArrayList<>();
		try (Stream<Path> files = Files.walk(this.resources.resolveSibling("java"))) {
			for (Path source : files.filter((file) -> file.toString().endsWith(".java")).sorted().toList()) {
				Matcher matcher = JAVA_KEY.matcher(Files.readString(source, StandardCharsets.UTF_8));
				while (matcher.find()) {
					String key = matcher.group(1);
					if (!english.contains(key)) {
						problems.add(source.getFileName() + ": " + key + " missing in English");
					}
					if (!chinese.contains(key)) {
						problems.add(source.getFileName() + ": " + key + " missing in Chinese");
					}
				}
			}
		}
		assertThat(problems).as("message keys used in Java but not defined").isEmpty();
	}

	@Test
	void everyBundleIsListedInTheMessagesBasename() throws IOException {
		Properties application = new Properties();
		try (Reader reader = Files.newBufferedReader(this.resources.resolve("application.properties"),
				StandardCharsets.UTF_8)) {
			application.load(reader);
		}
		Set<String> listed = new TreeSet<>();
		for (String basename : application.getProperty("spring.messages.basename", "").split(",")) {
			listed.add(basename.strip());
		}
		List<String> unlisted = new ArrayList<>();
		for (Path bundle : bundles()) {
			String basename = this.resources.relativize(bundle)
				.toString()
				.replace('\\', '/')
				.replace(CHINESE + ".properties", "")
				.replace(".properties", "");
			if (!listed.contains(basename)) {
				unlisted.add(basename);
			}
		}
		assertThat(unlisted).as("bundles Spring never reads (add them to spring.messages.basename)").isEmpty();
	}

	@Test
	void recognisesMessageKeysTheWayThymeleafWritesThem() {
		Matcher matcher = MESSAGE_KEY.matcher(
				"<h1 th:text=\"#{account.title}\"></h1><p th:text=\"#{account.count(${n})}\"></p><b th:text=\"#{${dynamic}}\"></b>");
		List<String> found = new ArrayList<>();
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		assertThat(found).containsExactly("account.title", "account.count");
		Matcher java = JAVA_KEY.matcher("throw new RuleViolationException(\"parentId\", \"validation.parentCycle\");"
				+ " @Pattern(regexp = \"[0-9]*\", message = \"{validation.phone}\")");
		List<String> javaKeys = new ArrayList<>();
		while (java.find()) {
			javaKeys.add(java.group(1));
		}
		assertThat(javaKeys).containsExactly("validation.parentCycle", "validation.phone");
	}

	private List<Path> bundles() throws IOException {
		Path folder = this.resources.resolve("i18n");
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".properties")).sorted().toList();
		}
	}

	private List<Path> templates() throws IOException {
		Path folder = this.resources.resolve("templates");
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".html")).sorted().toList();
		}
	}

	private static Set<String> keys(Path bundle) throws IOException {
		return load(bundle).stringPropertyNames();
	}

	private static Properties load(Path bundle) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

}
