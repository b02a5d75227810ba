package io.dakehu.customfield;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dakehu.shared.RuleViolationException;

/**
 * One custom field as an administrator defined it. It checks a value given for it: the
 * value comes back in the form it is stored in (text stripped, a number as a decimal, a
 * date as {@code yyyy-MM-dd}, the chosen options' keys in the options' order), or the
 * refusal names the field by its label in the reader's language and the rule broken.
 *
 * @param key the value's name in the record's custom fields and in the API
 * @param min the smallest number allowed, null for none
 * @param max the largest number allowed, null for none
 */
public record CustomField(long id, RecordType recordType, String key, String labelZh, String labelEn, FieldType type,
		BigDecimal min, BigDecimal max, boolean required, boolean active, int position, int version,
		List<Option> options) {

	/** The longest text a text field keeps. */
	static final int MAX_TEXT = 1000;

	public String label(Locale locale) {
		return Locale.CHINESE.getLanguage().equals(locale.getLanguage()) ? this.labelZh : this.labelEn;
	}

	/**
	 * The name of the value in errors and form parameters: {@code customFields.<key>}.
	 */
	public String errorField() {
		return "customFields." + this.key;
	}

	/**
	 * The value as stored, or null when it is empty.
	 * @param raw what the caller gave: text from a form or an import, or a JSON value
	 * @throws RuleViolationException when the value is not one this field holds
	 */
	Object check(Object raw, Locale locale) {
		if (blank(raw)) {
			return null;
		}
		return switch (this.type) {
			case TEXT -> text(raw, locale);
			case NUMBER -> number(raw, locale);
			case DATE -> date(raw, locale);
			case SINGLE_CHOICE -> option(single(raw, locale), locale);
			case MULTI_CHOICE -> options(raw, locale);
		};
	}

	/** The value as a person reads it: options by their labels, several joined. */
	public String show(Object stored, Locale locale) {
		if (stored == null) {
			return null;
		}
		if (this.type.choice()) {
			List<String> labels = new ArrayList<>();
			for (Object item : (stored instanceof Collection<?> items) ? items : List.of(stored)) {
				labels.add(this.options.stream()
					.filter((option) -> option.key().equals(String.valueOf(item)))
					.map((option) -> option.label(locale))
					.findFirst()
					.orElse(String.valueOf(item)));
			}
			return String.join(Locale.CHINESE.getLanguage().equals(locale.getLanguage()) ? "、" : ", ", labels);
		}
		if (stored instanceof BigDecimal number) {
			return number.toPlainString();
		}
		return String.valueOf(stored);
	}

	private String text(Object raw, Locale locale) {
		String text = single(raw, locale).strip();
		if (text.length() > MAX_TEXT) {
			throw refused(locale, "customField.validation.tooLong", MAX_TEXT);
		}
		return text;
	}

	private BigDecimal number(Object raw, Locale locale) {
		BigDecimal number;
		try {
			number = new BigDecimal(single(raw, locale).strip().replace(",", ""));
		}
		catch (NumberFormatException ex) {
			throw refused(locale, "customField.validation.number");
		}
		if ((this.min != null && number.compareTo(this.min) < 0)
				|| (this.max != null && number.compareTo(this.max) > 0)) {
			throw refused(locale, "customField.validation.range", plain(this.min), plain(this.max));
		}
		BigDecimal stripped = number.stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

	private String date(Object raw, Locale locale) {
		try {
			return LocalDate.parse(single(raw, locale).strip()).toString();
		}
		catch (DateTimeParseException ex) {
			throw refused(locale, "customField.validation.date");
		}
	}

	private String option(String given, Locale locale) {
		String wanted = given.strip();
		return this.options.stream()
			.filter((option) -> option.key().equals(wanted) || option.labelZh().equals(wanted)
					|| option.labelEn().equalsIgnoreCase(wanted))
			.map(Option::key)
			.findFirst()
			.orElseThrow(() -> refused(locale, "customField.validation.unknownOption", wanted));
	}

	private List<String> options(Object raw, Locale locale) {
		Collection<?> items = (raw instanceof Collection<?> list) ? list
				: List.of(String.valueOf(raw).split("[,;，；、]"));
		Set<String> chosen = new LinkedHashSet<>();
		for (Object item : items) {
			if (!blank(item)) {
				chosen.add(option(single(item, locale), locale));
			}
		}
		if (chosen.isEmpty()) {
			return null;
		}
		return this.options.stream().map(Option::key).filter(chosen::contains).toList();
	}

	private String single(Object raw, Locale locale) {
		if (raw instanceof Collection<?> || raw instanceof Map<?, ?>) {
			throw refused(locale, "customField.validation.single");
		}
		return String.valueOf(raw);
	}

	private RuleViolationException refused(Locale locale, String messageKey, Object... more) {
		Object[] args = new Object[more.length + 1];
		args[0] = label(locale);
		System.arraycopy(more, 0, args, 1, more.length);
		return new RuleViolationException(errorField(), messageKey, args).labelled(label(locale));
	}

	/** Whether a value is empty: absent, blank text, or no option chosen. */
	static boolean blank(Object raw) {
		return raw == null || (raw instanceof String text && text.isBlank())
				|| (raw instanceof Collection<?> items && items.stream().allMatch(CustomField::blank));
	}

	private static String plain(BigDecimal number) {
		return (number != null) ? number.stripTrailingZeros().toPlainString() : "—";
	}

	/**
	 * One choice of a choice field.
	 *
	 * @param key the value stored and sent in the API
	 */
	public record Option(String key, String labelZh, String labelEn) {

		public String label(Locale locale) {
			return Locale.CHINESE.getLanguage().equals(locale.getLanguage()) ? this.labelZh : this.labelEn;
		}

	}

}
