package io.dakehu.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Habits of the test sources that keep the shared contexts sound for the classes that
 * come after (decision 0025).
 */
class TestHabitsTests {

	@Test
	void formPostsTakeTheirCsrfTokenFromPageCsrf() throws IOException {
		// Spring Security's csrf() rewires the shared application's CSRF filter (see
		// PageCsrf).
		String forbidden = "SecurityMockMvcRequestPostProcessors" + ".csrf";
		String call = "SecurityMockMvcRequestPostProcessors" + "\n";
		try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
			List<String> offenders = files.filter((file) -> file.toString().endsWith(".java")).filter((file) -> {
				try {
					String text = Files.readString(file).replace(" ", "").replace("\t", "");
					return text.contains(forbidden) || text.contains(call + ".csrf(");
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}).map(Path::toString).toList();
			assertThat(offenders).as("test classes using Spring Security's csrf() post-processor").isEmpty();
		}
	}

}
