package io.dakehu.shared.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
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
	 * The label of a field, looked up as {@code field.<name>}; the raw name when there is
	 * none.
	 */
	public String field(String name) {
		return this.messages.getMessage("field." + name, null, name, LocaleContextHolder.getLocale());
	}

}
