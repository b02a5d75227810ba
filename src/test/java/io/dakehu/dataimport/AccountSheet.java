package io.dakehu.dataimport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import io.dakehu.account.AccountNames;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The accounts file of BENCHMARKS.md's P5 rows: a seeded ({@code Random(7)}) sheet with
 * Chinese headers (客户名称, 行业, 地区, 员工数, 年收入) and names, as a customer list exported from
 * another CRM looks. Used by {@link ImportBenchmark} and, through Java's single-file
 * launcher with the jar's libraries, by {@code bench/import.sh}, which also asks for the
 * same rows as CSV in the account table's columns for its {@code COPY} yardstick:
 *
 * <pre>
 * java -cp "BOOT-INF/classes:BOOT-INF/lib/*" src/test/java/io/dakehu/dataimport/AccountSheet.java \
 *     accounts.xlsx 10000 [accounts.csv]
 * </pre>
 */
public final class AccountSheet {

	private static final String[] INDUSTRIES = { "制造", "零售", "金融", "医疗", "软件", "物流" };

	private static final String[] REGIONS = { "华东", "华南", "华北", "西南", "东北" };

	private static final String[] HEADERS = { "客户名称", "行业", "地区", "员工数", "年收入" };

	private AccountSheet() {
	}

	public static void main(String[] args) throws IOException {
		int count = Integer.parseInt(args[1]);
		write(Path.of(args[0]), count);
		if (args.length > 2) {
			writeCsv(Path.of(args[2]), count);
		}
	}

	/** The sheet of {@code count} accounts. */
	public static void write(Path xlsx, int count) throws IOException {
		Random random = new Random(7);
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
			Sheet sheet = workbook.createSheet("客户");
			Row header = sheet.createRow(0);
			for (int i = 0; i < HEADERS.length; i++) {
				header.createCell(i).setCellValue(HEADERS[i]);
			}
			for (int i = 1; i <= count; i++) {
				Row row = sheet.createRow(i);
				row.createCell(0).setCellValue(name(i));
				row.createCell(1).setCellValue(INDUSTRIES[random.nextInt(INDUSTRIES.length)]);
				row.createCell(2).setCellValue(REGIONS[random.nextInt(REGIONS.length)]);
				row.createCell(3).setCellValue(10 + random.nextInt(5000));
				row.createCell(4).setCellValue(Math.round(Math.exp(15 + 1.5 * random.nextGaussian())));
			}
			workbook.write(out);
			workbook.dispose();
		}
	}

	/**
	 * The same rows as CSV in the columns the import fills: name, name_key, match_key,
	 * industry, region, employees, annual_revenue.
	 */
	public static void writeCsv(Path csv, int count) throws IOException {
		Random random = new Random(7);
		try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			for (int i = 1; i <= count; i++) {
				String name = name(i);
				out.write(String.join(",", name, name.strip().toLowerCase(java.util.Locale.ROOT),
						AccountNames.matchKey(name), INDUSTRIES[random.nextInt(INDUSTRIES.length)],
						REGIONS[random.nextInt(REGIONS.length)], Integer.toString(10 + random.nextInt(5000)),
						Long.toString(Math.round(Math.exp(15 + 1.5 * random.nextGaussian())))));
				out.write('\n');
			}
		}
	}

	private static String name(int i) {
		return String.format("客户 %05d 有限公司", i);
	}

}
