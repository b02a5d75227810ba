package io.dakehu.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.dakehu.shared.RuleViolationException;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a new password must be: at least eight characters, at most 72 bytes in UTF-8
 * (bcrypt reads no further, so a longer one would be silently cut), not one of the 10,000
 * most common passwords, and not containing the user's own username or name.
 */
@Component
class PasswordPolicy {

	static final int MIN_CHARACTERS = 8;

	/** bcrypt's limit: the bytes past it are never hashed. */
	static final int MAX_BYTES = 72;

	/** A name part shorter than this is too common inside words to refuse. */
	private static final int MIN_NAME_PART = 3;

	private final Set<String> common;

	PasswordPolicy() {
		this.common = load("identity/common-passwords.txt");
	}

	/**
	 * @throws RuleViolationException on {@code field} naming the rule the password breaks
	 */
	void check(String field, String password, String username, String displayName) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
			throw new RuleViolationException(field, "validation.passwordLength", MIN_CHARACTERS);
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			throw new RuleViolationException(field, "validation.passwordBytes", MAX_BYTES);
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (this.common.contains(lower)) {
			throw new RuleViolationException(field, "validation.passwordCommon");
		}
		if (containsName(lower, username) || containsName(lower, displayName)) {
			throw new RuleViolationException(field, "validation.passwordName");
		}
	}

	/**
	 * Whether the password holds the whole name (spaces ignored) or one of its words,
	 * whatever the letter case.
	 */
	private static boolean containsName(String lowerPassword, String name) {
		if (name == null || name.isBlank()) {
			return false;
		}
		String lowerName = name.toLowerCase(Locale.ROOT).strip();
		if (longEnough(lowerName.replaceAll("\\s+", "")) && lowerPassword.contains(lowerName.replaceAll("\\s+", ""))) {
			return true;
		}
		for (String word : lowerName.split("\\s+")) {
			if (longEnough(word) && lowerPassword.contains(word)) {
				return true;
			}
		}
		return false;
	}

	private static boolean longEnough(String part) {
		return part.codePointCount(0, part.length()) >= MIN_NAME_PART;
	}

	private static Set<String> load(String resource) {
		Set<String> words = new HashSet<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isEmpty() && !line.startsWith("#")) {
					words.add(line);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
		return words;
	}

}
