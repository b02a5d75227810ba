package io.dakehu.dataimport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed story files are exactly what the fixed seed gives, so their figures can
 * be checked by anyone who runs the generator again.
 */
class DemoDataGeneratorTest {

	@Test
	void theCommittedStoryFilesAreWhatTheSeedGives() throws IOException {
		Map<String, String> generated = DemoDataGenerator.fromPublicFiles().generate();
		assertThat(generated).isNotEmpty();
		for (Map.Entry<String, String> file : generated.entrySet()) {
			String committed = new ClassPathResource("demo/crm-sales-opportunities/story/" + file.getKey())
				.getContentAsString(StandardCharsets.UTF_8);
			assertThat(committed).as(file.getKey()).isEqualTo(file.getValue());
		}
	}

}
