package io.dakehu.shared.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buttons speak one colour: the brand red (filled for the main action, outlined for the
 * others) and neutral grey. A blue, green, cyan or yellow button would read as a second
 * kind of primary action.
 */
class ButtonColourTests {

	private static final Pattern OTHER_COLOUR = Pattern
		.compile("\\bbtn-(?:outline-)?(?:primary|success|info|warning|dark|light)\\b");

	@Test
	void templatesUseOnlyTheBrandColourForButtons() throws IOException {
		Path templates = Path.of(System.getProperty("dakehu.resources", "src/main/resources"), "templates");
		List<String> problems = new ArrayList<>();
		try (Stream<Path> files = Files.walk(templates)) {
			for (Path template : files.filter((file) -> file.toString().endsWith(".html")).sorted().toList()) {
				Matcher matcher = OTHER_COLOUR.matcher(Files.readString(template, StandardCharsets.UTF_8));
				while (matcher.find()) {
					problems.add(templates.relativize(template) + ": " + matcher.group());
				}
			}
		}
		assertThat(problems).as("buttons in another colour than the brand's").isEmpty();
	}

}
