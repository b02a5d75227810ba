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
	 * A decimal number; thousands separators, spaces and currency signs are ignored.
	 */
	static BigDecimal decimal(Row row, String field, ImportContext context) {
		String text = row.get(field);
		if (text == null) {
			return null;
		}
		String cleaned = text.replaceAll("[\\s,¥￥$€元]", "");
		try {
			return new BigDecimal(cleaned);
		}
		catch (NumberFormatException ex) {
			context.reject(row, field, "import.badNumber", null);
			return null;
		}
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
