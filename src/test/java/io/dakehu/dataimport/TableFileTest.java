package io.dakehu.dataimport;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.dakehu.shared.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading uploaded tables: encoding and delimiter detection without being told.
 */
class TableFileTest {

	@TempDir
	Path dir;

	@Test
	void readsGbkWhenTheBytesAreNotUtf8() throws Exception {
		Path file = write("客户名称,地区\n北京燕京啤酒股份有限公司,北京\n".getBytes(Charset.forName("GBK")));
		TableFile.Layout layout = TableFile.detect(file, "x.csv", null);
		assertThat(layout.charset().name()).isEqualTo("GB18030");
		assertThat(read(file, layout)).containsExactly(List.of("客户名称", "地区"), List.of("北京燕京啤酒股份有限公司", "北京"));
	}

	@Test
	void readsUtf8WithAndWithoutAByteOrderMark() throws Exception {
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		byte[] text = "名称\t行业\n华为\t通信\n".getBytes(StandardCharsets.UTF_8);
		byte[] withBom = new byte[bom.length + text.length];
		System.arraycopy(bom, 0, withBom, 0, 3);
		System.arraycopy(text, 0, withBom, 3, text.length);
		for (byte[] content : List.of(text, withBom)) {
			Path file = write(content);
			TableFile.Layout layout = TableFile.detect(file, "x.csv", null);
			assertThat(layout.charset()).isEqualTo(StandardCharsets.UTF_8);
			assertThat(layout.delimiter()).isEqualTo('\t');
			assertThat(read(file, layout).get(0)).containsExactly("名称", "行业");
		}
	}

	@Test
	void readsExcelsUnicodeTextExport() throws Exception {
		// "Unicode text" from Excel: UTF-16 little-endian with a byte order mark, tabs.
		Path file = write("\uFEFF客户\t金额\r\n华为\t12.5\r\n".getBytes(StandardCharsets.UTF_16LE));
		TableFile.Layout layout = TableFile.detect(file, "export.txt", null);
		assertThat(layout.delimiter()).isEqualTo('\t');
		assertThat(read(file, layout)).containsExactly(List.of("客户", "金额"), List.of("华为", "12.5"));
		assertThat(TableFile.charset(layout.charsetName())).isEqualTo(StandardCharsets.UTF_16);
	}

	@Test
	void findsTheDelimiterTheHeaderUsesOutsideQuotes() throws Exception {
		Path file = write("\"name, with comma\";amount;date\nA;1,5;2024-01-01\n".getBytes(StandardCharsets.UTF_8));
		TableFile.Layout layout = TableFile.detect(file, "x.csv", null);
		assertThat(layout.delimiter()).isEqualTo(';');
		assertThat(read(file, layout).get(1)).containsExactly("A", "1,5", "2024-01-01");
	}

	@Test
	void aChosenEncodingWins() throws Exception {
		Path file = write("a,b\nx,y\n".getBytes(StandardCharsets.US_ASCII));
		assertThat(TableFile.detect(file, "x.csv", "gbk").charset().name()).isEqualTo("GB18030");
	}

	@Test
	void refusesAFileThatMixesUtf8AndGbkNamingBothLines() throws Exception {
		byte[] utf8 = "客户名称,地区\n北京燕京啤酒股份有限公司,北京\n".getBytes(StandardCharsets.UTF_8);
		byte[] gbk = "上海光明乳业股份有限公司,上海\n".getBytes(Charset.forName("GBK"));
		Path file = write(concat(utf8, gbk));
		assertThatThrownBy(() -> TableFile.detect(file, "x.csv", null))
			.isInstanceOfSatisfying(RuleViolationException.class, (ex) -> {
				assertThat(ex.messageKey()).isEqualTo("import.mixedEncoding");
				assertThat(ex.args()).containsExactly(1L, 3L);
			});
		// The other way round as well: GBK first, a UTF-8 line further down.
		Path reversed = write(concat(gbk, utf8));
		assertThatThrownBy(() -> TableFile.detect(reversed, "x.csv", null)).isInstanceOfSatisfying(
				RuleViolationException.class, (ex) -> assertThat(ex.messageKey()).isEqualTo("import.mixedEncoding"));
	}

	@Test
	void refusesBytesThatAreNeitherUtf8NorGbkNamingTheLine() throws Exception {
		byte[] junk = { 'a', ',', 'b', '\n', 'x', ',', 'y', '\n', (byte) 0xFF, (byte) 0x80, (byte) 0xFF, '\n' };
		Path file = write(junk);
		assertThatThrownBy(() -> TableFile.detect(file, "x.csv", null))
			.isInstanceOfSatisfying(RuleViolationException.class, (ex) -> {
				assertThat(ex.messageKey()).isEqualTo("import.unknownEncoding");
				assertThat(ex.args()).containsExactly(3L);
			});
	}

	@Test
	void aChosenEncodingTheFileIsNotIsRefusedAtItsFirstBadLine() throws Exception {
		Path file = write(
				concat("a,b\nx,y\n".getBytes(StandardCharsets.UTF_8), "上海,光明\n".getBytes(Charset.forName("GBK"))));
		assertThatThrownBy(() -> TableFile.detect(file, "x.csv", "UTF-8"))
			.isInstanceOfSatisfying(RuleViolationException.class, (ex) -> {
				assertThat(ex.messageKey()).isEqualTo("import.notInEncoding");
				assertThat(ex.args()[0]).isEqualTo(3L);
			});
	}

	@Test
	void aTruncatedSpreadsheetIsUnreadableNotACrash() throws Exception {
		byte[] xlsx;
		try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
				java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
			workbook.createSheet().createRow(0).createCell(0).setCellValue("name");
			workbook.write(out);
			xlsx = out.toByteArray();
		}
		Path file = write(java.util.Arrays.copyOf(xlsx, xlsx.length / 2));
		TableFile.Layout layout = TableFile.detect(file, "x.xlsx", null);
		assertThatThrownBy(() -> read(file, layout)).isInstanceOf(TableFile.Unreadable.class);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private Path write(byte[] content) throws Exception {
		Path file = Files.createTempFile(this.dir, "upload", ".csv");
		Files.write(file, content);
		return file;
	}

	private static List<List<String>> read(Path file, TableFile.Layout layout) throws Exception {
		List<List<String>> rows = new ArrayList<>();
		TableFile.read(file, layout, new RowSink() {
			@Override
			public void header(List<String> names) {
				rows.add(names);
			}

			@Override
			public void row(long number, List<String> cells) {
				rows.add(cells);
			}
		});
		return rows;
	}

}
