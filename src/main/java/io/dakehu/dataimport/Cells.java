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

	private static final List<DateTimeFormatter> OTHER_DATES = List.of(DateTimeFormatter.ofPattern("d.M.uuuu"));

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
	 * A decimal number; thousands separators, spaces and currency signs are ignored.
	 */
	static BigDecimal decimal(Row row, String field, ImportContext context) {
		String text = row.get(field);
		if (text == null) {
			return null;
		}
		String cleaned = plain(text) ? text : NUMBER_NOISE.matcher(text).replaceAll("");
		try {
			return new BigDecimal(cleaned);
		}
		catch (NumberFormatException ex) {
			context.reject(row, field, "import.badNumber", null);
			return null;
		}
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

	static Integer integer(Row row, String field, ImportContext context) {
		BigDecimal value = decimal(row, field, context);
		if (value == null) {
			return null;
		}
		try {
			return value.intValueExact();
		}
		catch (ArithmeticException ex) {
			context.reject(row, field, "import.badNumber", null);
			return null;
		}
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

}
