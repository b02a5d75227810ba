package io.dakehu.notification;

import java.util.Locale;

/**
 * The languages notices are written in: the application's two. Anything else reads as
 * English, as the pages do for a browser in another language.
 */
final class NoticeLanguage {

	private NoticeLanguage() {
	}

	static Locale of(String stored) {
		return Locale.SIMPLIFIED_CHINESE.toString().equals(stored) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
	}

	static Locale of(Locale asked) {
		return (asked != null && "zh".equals(asked.getLanguage())) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
	}

	static String code(Locale locale) {
		return of(locale).toString();
	}

}
