package io.dakehu.shared.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The merged labels say what the bundles read one after another say: for every key of
 * every bundle, in English and Chinese, with and without arguments, the label equals the
 * one Spring's per-bundle source (Spring Boot's default, the one the application used
 * before) gives — keys defined by two modules included, where the first bundle listed
 * wins in both.
 */
class MessageSourceConfigTests {

	private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

	private final List<String> basenames = basenames();

	private final MessageSource merged = new MessageSourceConfig().messageSource(this.basenames);

	@Test
	void everyKeyReadsAsTheBundlesReadOneAfterAnotherSayIt() throws IOException {
		MessageSource oneByOne = oneByOne();
		Set<String> keys = keys();
		List<String> differences = new ArrayList<>();
		for (Locale language : LANGUAGES) {
			for (String key : keys) {
				for (Object[] arguments : List.of(new Object[0], new Object[] { 1, 2, 3, 4 })) {
					String expected = say(oneByOne, key, arguments, language);
					String actual = say(this.merged, key, arguments, language);
					if (!expected.equals(actual)) {
						differences.add(language + " " + key + " " + arguments.length + ": " + actual + " instead of "
								+ expected);
					}
				}
			}
		}
		assertThat(keys).hasSizeGreaterThan(1000);
		assertThat(differences).isEmpty();
	}

	@Test
	void aKeyNoBundleDefinesIsAnErrorNotItsOwnName() {
		assertThatThrownBy(() -> this.merged.getMessage("no.such.label", null, Locale.ENGLISH))
			.isInstanceOf(NoSuchMessageException.class);
		assertThat(this.merged.getMessage("no.such.label", null, "fallback", Locale.ENGLISH)).isEqualTo("fallback");
	}

	@Test
	void aLanguageWithoutBundlesReadsTheDefaultBundles() {
		assertThat(this.merged.getMessage("title.opportunityList", null, Locale.FRENCH))
			.isEqualTo(this.merged.getMessage("title.opportunityList", null, Locale.ENGLISH))
			.isNotEqualTo(this.merged.getMessage("title.opportunityList", null, Locale.SIMPLIFIED_CHINESE));
	}

	/**
	 * The label, or the kind of error its arguments meet (a date pattern given a number).
	 */
	private static String say(MessageSource source, String key, Object[] arguments, Locale language) {
		try {
			return source.getMessage(key, arguments, language);
		}
		catch (IllegalArgumentException ex) {
			return ex.getClass().getName();
		}
	}

	private MessageSource oneByOne() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasenames(this.basenames.toArray(String[]::new));
		source.setDefaultEncoding(StandardCharsets.UTF_8.name());
		source.setFallbackToSystemLocale(false);
		return source;
	}

	private Set<String> keys() throws IOException {
		Set<String> keys = new TreeSet<>();
		for (String basename : this.basenames) {
			for (String suffix : List.of("", "_zh_CN")) {
				keys.addAll(load(basename + suffix + ".properties").stringPropertyNames());
			}
		}
		return keys;
	}

	private static List<String> basenames() {
		try {
			return Arrays.stream(load("application.properties").getProperty("spring.messages.basename").split(","))
				.map(String::strip)
				.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = MessageSourceConfigTests.class.getClassLoader().getResourceAsStream(resource);
				Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

}
