package io.dakehu.dataimport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading typed values from cells the way people type them in sheets, rejecting the cell
 * with a reason when it cannot be read.
 */
final class Cells {

	private static final Pattern YMD = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?(?:[ T].*)?");

	private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

	private static final Pattern NUMBER_NOISE = Pattern.compile("[\\s,¥￥$€元]");

	private static final List<DateTimeFormatter> OTHER_DATES = List
		.of(DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(java.time.format.ResolverStyle.STRICT));

	private Cells() {
	}

	/**
	 * A date as year-month-day in any of the usual spellings (2017-03-01, 2017/3/1,
	 * 2017.3.1, 2017年3月1日, 20170301) or day.month.year; null when empty or rejected.
	 */
	static LocalDate date(Row row, String field, ImportContext context) {
		String text = row.get(field);
		if (text == null) {
			return null;
		}
		try {
			if (isIsoDate(text)) {
				return LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10));
			}
			Matcher ymd = YMD.matcher(text);
			if (ymd.matches()) {
				return LocalDate.of(Integer.parseInt(ymd.group(1)), Integer.parseInt(ymd.group(2)),
						Integer.parseInt(ymd.group(3)));
			}
			Matcher compact = COMPACT.matcher(text);
			if (compact.matches()) {
				return LocalDate.of(Integer.parseInt(compact.group(1)), Integer.parseInt(compact.group(2)),
						Integer.parseInt(compact.group(3)));
			}
			for (DateTimeFormatter format : OTHER_DATES) {
				try {
					return LocalDate.parse(text, format);
				}
				catch (DateTimeParseException ex) {
					// try the next spelling
				}
			}
		}
		catch (java.time.DateTimeException ex) {
			// a day or month out of range, reported below
		}
		context.reject(row, field, "import.badDate", null);
		return null;
	}

	/**
	 * The common case, 2017-03-01, read without a regular expression: ERP exports have
	 * millions of these.
	 */
	private static boolean isIsoDate(String text) {
		if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
			return false;
		}
		for (int i = 0; i < 10; i++) {
			if (i != 4 && i != 7 && (text.charAt(i) < '0' || text.charAt(i) > '9')) {
				return false;
			}
		}
		return true;
	}

	private static int digits(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			value = value * 10 + (text.charAt(i) - '0');
		}
		return value;
	}

	/**
	 * What a numeric column holds: at most {@code integerDigits} digits before the
	 * decimal point and {@code fractionDigits} after it.
	 */
	record Digits(int integerDigits, int fractionDigits) {
	}

	/**
	 * An amount of money: numeric(19, 2), the type of every amount, cost, price and
	 * revenue column Dakehu keeps.
	 */
	static final Digits MONEY = new Digits(17, 2);

	/**
	 * A number longer than this is no number anyone types: it is refused before it is
	 * parsed, since parsing a long digit string costs time that grows faster than its
	 * length.
	 */
	static final int MAX_NUMBER_LENGTH = 64;

	/**
	 * A decimal number that fits the column it goes to; thousands separators, spaces and
	 * currency signs are ignored. A number with more digits before the point than the
	 * column holds, or more decimals than it keeps (trailing zeros aside), is refused
	 * rather than rounded: {@code 1E-30} in an amount is not zero, and
	 * {@code 1E999999999} is refused from its exponent, never written out in full.
	 */
	static BigDecimal decimal(Row row, String field, Digits digits, ImportContext context) {
		String text = row.get(field);
		if (text == null) {
			return null;
		}
		if (text.length() > MAX_NUMBER_LENGTH) {
			context.reject(row, field, "import.badNumber", null);
			return null;
		}
		String cleaned = plain(text) ? text : NUMBER_NOISE.matcher(text).replaceAll("");
		BigDecimal value;
		try {
			value = new BigDecimal(cleaned);
		}
		catch (NumberFormatException ex) {
			context.reject(row, field, "import.badNumber", null);
			return null;
		}
		// Precision and scale are read from the parsed form (digits and exponent), so
		// these checks cost the same whatever the exponent.
		BigDecimal stripped = value.stripTrailingZeros();
		// The scale the user wrote (12.50 stays 12.50), within what the column keeps.
		int scale = Math.max(0, Math.min(value.scale(), digits.fractionDigits()));
		if (stripped.signum() == 0) {
			return BigDecimal.ZERO.setScale(scale);
		}
		if ((long) stripped.precision() - stripped.scale() > digits.integerDigits()) {
			context.reject(row, field, "import.numberTooLarge", String.valueOf(digits.integerDigits()));
			return null;
		}
		if (stripped.scale() > digits.fractionDigits()) {
			context.reject(row, field, "import.tooManyDecimals", String.valueOf(digits.fractionDigits()));
			return null;
		}
		// Exact: the stripped scale is at most the column's, and the digits before the
		// point are bounded, so this widens by a few digits at most.
		return stripped.setScale(scale);
	}

	private static boolean plain(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'E' && c != 'e') {
				return false;
			}
		}
		return true;
	}

	/**
	 * A whole number of at most nine digits.
	 */
	static Integer integer(Row row, String field, ImportContext context) {
		BigDecimal value = decimal(row, field, new Digits(9, 0), context);
		return (value != null) ? value.intValueExact() : null;
	}

	static String text(Row row, String field, int maxLength, ImportContext context) {
		String text = row.get(field);
		if (text != null && text.length() > maxLength) {
			context.reject(row, field, "import.tooLong", String.valueOf(maxLength));
			return null;
		}
		return text;
	}

	static String required(Row row, String field, int maxLength, ImportContext context) {
		String text = row.get(field);
		if (text == null) {
			context.reject(row, field, "import.required", null);
			return null;
		}
		return text(row, field, maxLength, context);
	}

	/**
	 * The longest cell an import reads: Excel's own limit for a cell.
	 */
	static final int MAX_CELL_LENGTH = 32_767;

	/**
	 * The first character a cell may not hold, or -1: NUL and the other C0 and C1 control
	 * characters (a tab, line feed and carriage return aside, which a text cell may
	 * hold), a byte order mark inside the text, and the bidirectional controls
	 * (U+202A–U+202E, U+2066–U+2069) that make a name read differently from what is
	 * stored.
	 */
	static int forbiddenCharacter(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (forbidden(c)) {
				return c;
			}
		}
		return -1;
	}

	private static boolean forbidden(char c) {
		return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F) || c == '\uFEFF'
				|| (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
	}

	/**
	 * A character as an error names it: {@code U+0000}.
	 */
	static String codePoint(int c) {
		return String.format("U+%04X", c);
	}

	/**
	 * Text as it may be stored and shown in an error or a job's message: the forbidden
	 * characters replaced by U+FFFD (PostgreSQL stores no NUL in text).
	 */
	static String visible(String text) {
		if (text == null || forbiddenCharacter(text) < 0) {
			return text;
		}
		StringBuilder visible = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			visible.append(forbidden(c) ? '\uFFFD' : c);
		}
		return visible.toString();
	}

}
