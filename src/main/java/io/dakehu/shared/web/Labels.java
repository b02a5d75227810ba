package io.dakehu.shared.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Looks up a label in the caller's language, for the few places (errors, exports) that
 * build text in Java.
 */
@Component
public class Labels {

	private final MessageSource messages;

	Labels(MessageSource messages) {
		this.messages = messages;
	}

	public String get(String key, Object... args) {
		return get(LocaleContextHolder.getLocale(), key, args);
	}

	public String get(Locale locale, String key, Object... args) {
		return this.messages.getMessage(key, args, key, locale);
	}

	/**
	 * A validation error in the caller's language: the message files' text for its codes,
	 * else its own default message.
	 */
	public String get(MessageSourceResolvable error) {
		try {
			return this.messages.getMessage(error, LocaleContextHolder.getLocale());
		}
		catch (NoSuchMessageException ex) {
			String[] codes = error.getCodes();
			return (codes != null && codes.length > 0) ? codes[codes.length - 1] : "";
		}
	}

	/**
	 * The label of a field, looked up as {@code field.<name>}; the raw name when there is
	 * none.
	 */
	public String field(String name) {
		return this.messages.getMessage("field." + name, null, name, LocaleContextHolder.getLocale());
	}

}
