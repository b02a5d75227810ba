package io.dakehu.shared.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes an exported list row by row, as CSV (UTF-8 with a byte order mark, so Excel
 * shows Chinese correctly) or .xlsx (POI's streaming workbook, a hundred rows in memory),
 * for any module that offers a download of its own lists.
 * <p>
 * Text that starts with {@code = + - @}, a tab or a carriage return gets a leading
 * apostrophe, so a spreadsheet never runs a value someone typed into the CRM as a
 * formula; the importer takes the apostrophe off again. Numbers and dates are written as
 * numbers and dates, so a negative amount stays a number. Closing the writer finishes the
 * file.
 */
public abstract class TableWriter implements Closeable {

	private TableWriter() {
	}

	/**
	 * A writer of the given format over the stream.
	 */
	public static TableWriter of(ExportFormat format, OutputStream out) throws IOException {
		return (format == ExportFormat.XLSX) ? xlsx(out) : csv(out);
	}

	public static TableWriter csv(OutputStream out) throws IOException {
		return new Csv(out);
	}

	public static TableWriter xlsx(OutputStream out) {
		return new Xlsx(out);
	}

	/**
	 * Writes one row: {@code null} is an empty cell, numbers and {@link LocalDate}s keep
	 * their type, anything else is written as its text, neutralised.
	 */
	public abstract void row(List<?> cells) throws IOException;

	/**
	 * The text as a spreadsheet should receive it: with a leading apostrophe when it
	 * would otherwise start a formula.
	 */
	public static String neutralised(String text) {
		if (text != null && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			return "'" + text;
		}
		return text;
	}

	private static final class Csv extends TableWriter {

		private final CSVPrinter printer;

		Csv(OutputStream out) throws IOException {
			Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			writer.write('\uFEFF');
			this.printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get());
		}

		@Override
		public void row(List<?> cells) throws IOException {
			List<Object> values = new ArrayList<>(cells.size());
			for (Object cell : cells) {
				if (cell == null) {
					values.add("");
				}
				else if (cell instanceof BigDecimal number) {
					values.add(number.toPlainString());
				}
				else if (cell instanceof Number || cell instanceof LocalDate) {
					values.add(cell.toString());
				}
				else {
					values.add(neutralised(cell.toString()));
				}
			}
			this.printer.printRecord(values);
		}

		@Override
		public void close() throws IOException {
			this.printer.close(true);
		}

	}

	private static final class Xlsx extends TableWriter {

		private final OutputStream out;

		private final SXSSFWorkbook workbook = new SXSSFWorkbook(100);

		private final SXSSFSheet sheet = this.workbook.createSheet("export");

		private final CellStyle dateStyle;

		private int rowIndex;

		Xlsx(OutputStream out) {
			this.out = out;
			this.dateStyle = this.workbook.createCellStyle();
			this.dateStyle.setDataFormat(this.workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
		}

		@Override
		public void row(List<?> cells) {
			org.apache.poi.ss.usermodel.Row row = this.sheet.createRow(this.rowIndex++);
			for (int i = 0; i < cells.size(); i++) {
				Object value = cells.get(i);
				if (value == null) {
					continue;
				}
				Cell cell = row.createCell(i);
				if (value instanceof Number number) {
					cell.setCellValue(number.doubleValue());
				}
				else if (value instanceof LocalDate date) {
					cell.setCellValue(date);
					cell.setCellStyle(this.dateStyle);
				}
				else {
					cell.setCellValue(neutralised(value.toString()));
				}
			}
		}

		@Override
		public void close() throws IOException {
			try {
				this.workbook.write(this.out);
				this.out.flush();
			}
			finally {
				this.workbook.close();
			}
		}

	}

}
