package io.dakehu.support;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;

/**
 * The message files read as files, not through the application: what a test expects to
 * see comes from the files themselves.
 */
public final class MessageFiles {

	private final Properties messages = new Properties();

	private MessageFiles(String suffix) {
		String[] bundles = { "account", "activity", "catalog", "contact", "dataimport", "identity", "opportunity",
				"order", "relationship", "report", "segmentation", "shared" };
		for (String bundle : bundles) {
			try (Reader reader = new InputStreamReader(
					new ClassPathResource("i18n/" + bundle + suffix + ".properties").getInputStream(),
					StandardCharsets.UTF_8)) {
				this.messages.load(reader);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	public static MessageFiles english() {
		return new MessageFiles("");
	}

	public static MessageFiles chinese() {
		return new MessageFiles("_zh_CN");
	}

	/** The message of a key; fails when the files lack it. */
	public String get(String key) {
		String message = this.messages.getProperty(key);
		if (message == null) {
			throw new IllegalArgumentException("no message " + key);
		}
		return message;
	}

	/**
	 * The labels of every code under the prefix, such as all {@code stage.WON}-like keys
	 * for {@code stage.}.
	 */
	public Set<String> labels(String prefix) {
		return this.messages.stringPropertyNames()
			.stream()
			.filter((key) -> key.startsWith(prefix) && key.substring(prefix.length()).matches("[A-Z][A-Z_]*"))
			.map(this.messages::getProperty)
			.collect(Collectors.toSet());
	}

}
