package io.dakehu.dataimport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A corpus of malformed import files, generated from a fixed seed so every build sends
 * the same ones: numbers no column holds, impossible dates, control characters, a field
 * read twice, mixed and unknown encodings, binary junk, truncated spreadsheets and zip
 * bombs, huge cells, and files with nothing in them. Each file says what a sound importer
 * does with it.
 */
final class MalformedFiles {

	private static final Charset GBK = Charset.forName("GBK");

	/** What a file must come to. */
	enum Outcome {

		/** Validated with an error at the given row and column. */
		ROW,
		/** Refused at upload or failed, or validated with errors: never committed. */
		REFUSED,
		/** Refused at upload, the message naming a line of the file. */
		REFUSED_AT_LINE,
		/** Anything but a server error; it holds no row to write. */
		HARMLESS

	}

	record Case(String name, String type, String fileName, byte[] content, String charset, Outcome outcome, long row,
			String column, Set<String> codes) {

		@Override
		public String toString() {
			return this.name + " (" + this.content.length + " bytes)";
		}

	}

	private final Random random = new Random(20261202L);

	private final String account;

	private final String tag;

	private int serial;

	private final List<Case> cases = new ArrayList<>();

	/**
	 * @param account an account the uploader can see, for the good rows of order files
	 * @param tag unique to the run, for names and references
	 */
	MalformedFiles(String account, String tag) {
		this.account = account;
		this.tag = tag;
	}

	List<Case> all() throws IOException {
		numbers();
		dates();
		controlCharacters();
		duplicateHeaders();
		encodings();
		junk();
		spreadsheets();
		hugeCells();
		nothingInThem();
		return this.cases;
	}

	private static final Set<String> NUMBER_CODES = Set.of("import.tooManyDecimals", "import.numberTooLarge",
			"import.badNumber");

	private void numbers() {
		String[] values = { "1E-999999999", "1E999999999", "-1E999999999", "1E-30", "0.000001", "123456789012345678901",
				"1e18", "NaN", "Infinity", "--5", "1.2.3", "0x1F", "9".repeat(70), "1E+2147483647", "1E-2147483648",
				"12.345678" };
		String[][] targets = { { "orders", "amount" }, { "orders", "quantity" }, { "orders", "cost" },
				{ "products", "listPrice" }, { "accounts", "annualRevenue" }, { "opportunities", "amount" },
				{ "accounts", "employees" } };
		int t = 0;
		for (String value : values) {
			for (int i = 0; i < 2; i++) {
				String[] target = targets[t++ % targets.length];
				if (target[1].equals("quantity") && value.equals("12.345678")) {
					value = "1.23456";
				}
				rowCase("number " + value + " in " + target[0] + "." + target[1], target[0], target[1], value,
						NUMBER_CODES);
			}
		}
	}

	private void dates() {
		for (String date : List.of("2017-02-30", "2017-13-01", "0000-00-00", "9999999-01-01", "20171340", "2017年2月30日",
				"31.02.2017", "yesterday", "2017-02-29", "1900-02-29", "-2017-01-01", "2017/02/31")) {
			rowCase("date " + date, "orders", "date", date, Set.of("import.badDate"));
		}
	}

	private void controlCharacters() throws IOException {
		char[] controls = { '\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001B', '\u001F', '\u007F', '\u0085',
				'\u009F', '\uFEFF', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068',
				'\u2069' };
		for (char control : controls) {
			String name = "Acme" + control + "Corp " + next();
			rowCase(String.format("control U+%04X in accounts.name", (int) control), "accounts", "name", name,
					Set.of("import.controlCharacter"));
		}
		// XML holds no C0 control; a C1 control, a byte order mark and a bidi control it
		// does.
		for (char control : new char[] { '\u0085', '\u202E', '\uFEFF' }) {
			long row = 2 + this.random.nextInt(3);
			List<List<String>> rows = new ArrayList<>();
			rows.add(List.of("name", "industry"));
			for (long r = 2; r <= row; r++) {
				rows.add(List.of((r == row) ? "Evil" + control + "Co " + next() : "Good Co " + next(), "Steel"));
			}
			add(new Case(String.format("control U+%04X in an xlsx name", (int) control), "accounts", "c.xlsx",
					xlsx(rows), null, Outcome.ROW, row, "name", Set.of("import.controlCharacter")));
		}
	}

	private void duplicateHeaders() {
		add(refusedCsv("two name columns", "accounts", "name,industry,name\nA " + next() + ",Steel,B\n"));
		add(refusedCsv("name and 客户名称", "accounts", "name,客户名称\nA " + next() + ",B\n"));
		add(refusedCsv("Name and NAME", "accounts", "Name,NAME\nA " + next() + ",B\n"));
		add(refusedCsv("amount twice", "orders", "account,date,amount,amount\n" + this.account + ",2024-01-01,1,2\n"));
		add(refusedCsv("product name twice", "products", "name,产品名称\nP " + next() + ",Q\n"));
	}

	private void encodings() {
		byte[] utf8 = ("name,industry\n北京燕京啤酒股份有限公司" + next() + ",啤酒\n").getBytes(StandardCharsets.UTF_8);
		byte[] gbk = ("上海光明乳业股份有限公司" + next() + ",乳业\n").getBytes(GBK);
		byte[] gbkHead = ("name,industry\n上海光明乳业股份有限公司" + next() + ",乳业\n").getBytes(GBK);
		byte[] utf8Row = ("北京燕京啤酒股份有限公司" + next() + ",啤酒\n").getBytes(StandardCharsets.UTF_8);
		encoding("UTF-8 then GBK", concat(utf8, gbk), null);
		encoding("GBK then UTF-8", concat(gbkHead, utf8Row), null);
		encoding("UTF-8 byte order mark over GBK rows",
				concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, concat(gbkHead, gbk)), null);
		encoding("UTF-8 then Latin-1",
				concat(utf8, ("Café Müller " + next() + ",Café\n").getBytes(StandardCharsets.ISO_8859_1)), null);
		encoding("an overlong UTF-8 sequence among UTF-8 rows",
				concat(utf8, new byte[] { 'A', (byte) 0xC0, (byte) 0xAF, ',', 'x', '\n' }), null);
		encoding("a UTF-8 encoded surrogate among UTF-8 rows",
				concat(utf8, new byte[] { 'A', (byte) 0xED, (byte) 0xA0, (byte) 0x80, ',', 'x', '\n' }), null);
		encoding("bytes past Unicode among UTF-8 rows",
				concat(utf8, new byte[] { 'A', (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, ',', 'x', '\n' }),
				null);
		encoding("GBK with bytes no GBK has", concat(gbkHead, new byte[] { 'A', (byte) 0xFF, (byte) 0x80, '\n' }),
				null);
		encoding("GBK told to be UTF-8", concat(gbkHead, gbk), "UTF-8");
		encoding("bytes no GBK has told to be GBK", concat(("name\nA" + next() + "\n").getBytes(StandardCharsets.UTF_8),
				new byte[] { (byte) 0x80, (byte) 0xFF, '\n' }), "GBK");
		encoding("Big5 after UTF-8", concat(utf8, ("臺灣啤酒" + next() + ",飲料\n").getBytes(Charset.forName("Big5"))), null);
		encoding("UTF-8 then GBK many lines down",
				concat(concat(utf8, ("Plain Co " + next() + ",Steel\n").repeat(40).getBytes(StandardCharsets.UTF_8)),
						gbk),
				null);
		// UTF-16 without its byte order mark reads as UTF-8 full of NULs: its header
		// names no column.
		add(new Case("UTF-16 without a byte order mark", "accounts", "u.csv",
				("name,industry\nA" + next() + ",B\n").getBytes(StandardCharsets.UTF_16LE), null, Outcome.REFUSED, 0,
				null, Set.of()));
	}

	private void encoding(String name, byte[] content, String charset) {
		add(new Case("encoding: " + name, "accounts", "e.csv", content, charset, Outcome.REFUSED_AT_LINE, 0, null,
				Set.of()));
	}

	private void junk() {
		for (int i = 0; i < 12; i++) {
			byte[] bytes = new byte[1 + this.random.nextInt(4096)];
			this.random.nextBytes(bytes);
			if (i % 4 == 1 && bytes.length >= 4) {
				bytes[0] = 'P';
				bytes[1] = 'K';
				bytes[2] = 3;
				bytes[3] = 4;
			}
			String fileName = (i % 4 == 2) ? "junk.xlsx" : "junk.csv";
			String type = List.of("accounts", "orders", "products", "opportunities").get(i % 4);
			add(new Case("binary junk " + i, type, fileName, bytes, null, Outcome.REFUSED, 0, null, Set.of()));
		}
		// Printable junk: valid text, no header any importer knows.
		byte[] text = new byte[2048];
		for (int i = 0; i < text.length; i++) {
			text[i] = (byte) (' ' + this.random.nextInt(95));
		}
		add(new Case("printable junk", "orders", "junk.csv", text, null, Outcome.REFUSED, 0, null, Set.of()));
	}

	private void spreadsheets() throws IOException {
		List<List<String>> orders = new ArrayList<>();
		orders.add(List.of("account", "date", "amount"));
		for (int i = 0; i < 20; i++) {
			orders.add(List.of(this.account, "2024-01-0" + (1 + i % 9), String.valueOf(i + 1)));
		}
		byte[] workbook = xlsx(orders);
		for (int cut : new int[] { 5, 30, 100, 400, 1000, workbook.length / 3, workbook.length / 2,
				workbook.length - 200, workbook.length - 22, workbook.length - 1 }) {
			add(new Case("xlsx cut at byte " + cut, "orders", "cut.xlsx", Arrays.copyOf(workbook, cut), null,
					Outcome.REFUSED, 0, null, Set.of()));
		}
		String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet "
				+ "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
		add(new Case("zip bomb: 48 MB of spaces in the sheet", "orders", "bomb.xlsx",
				replaced(workbook, "xl/worksheets/sheet1.xml", head, ' ', 48 << 20, "</sheetData></worksheet>"), null,
				Outcome.REFUSED, 0, null, Set.of()));
		add(new Case(
				"zip bomb: 48 MB of empty rows", "orders", "bomb.xlsx", replaced(workbook, "xl/worksheets/sheet1.xml",
						head + "<row r=\"1\">", '\n', 48 << 20, "</row></sheetData></worksheet>"),
				null, Outcome.REFUSED, 0, null, Set.of()));
		add(new Case("zip bomb: one 48 MB shared string", "orders", "bomb.xlsx",
				replaced(workbook, "xl/sharedStrings.xml",
						"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/"
								+ "spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>",
						'A', 48 << 20, "</t></si></sst>"),
				null, Outcome.REFUSED, 0, null, Set.of()));
		// The last row Excel has, with an amount no column holds: read at once, refused
		// at its row.
		String far = head + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>account</t></is></c>"
				+ "<c r=\"B1\" t=\"inlineStr\"><is><t>date</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>amount</t>"
				+ "</is></c></row><row r=\"1048576\"><c r=\"A1048576\" t=\"inlineStr\"><is><t>" + this.account
				+ "</t></is></c><c r=\"B1048576\" t=\"inlineStr\"><is><t>2024-01-01</t></is></c>"
				+ "<c r=\"C1048576\" t=\"inlineStr\"><is><t>1E-999999999</t></is></c>"
				+ "<c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row>";
		add(new Case("the last row and column Excel has", "orders", "far.xlsx",
				replaced(workbook, "xl/worksheets/sheet1.xml", far, ' ', 0, "</sheetData></worksheet>"), null,
				Outcome.ROW, 1048576, "amount", NUMBER_CODES));
	}

	private void hugeCells() {
		rowCase("a 40,000 character name", "accounts", "name", "N".repeat(40_000) + next(), Set.of("import.tooLong"));
		rowCase("a 250 character name", "accounts", "name", "N".repeat(250) + next(), Set.of("import.tooLong"));
		rowCase("a 100,000 digit amount", "orders", "amount", "7".repeat(100_000), NUMBER_CODES);
		rowCase("a 300 character reference", "orders", "reference", "R".repeat(300),
				Set.of("order.validation.tooLong", "import.tooLong"));
		rowCase("a 40,000 character product", "orders", "product", "P".repeat(40_000),
				Set.of("import.tooLong", "import.unknownProduct", "import.unknownProductDidYouMean"));
	}

	private void nothingInThem() throws IOException {
		add(new Case("an empty file", "accounts", "empty.csv", new byte[0], null, Outcome.REFUSED, 0, null, Set.of()));
		add(new Case("only a byte order mark", "accounts", "bom.csv",
				new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, null, Outcome.REFUSED, 0, null, Set.of()));
		add(new Case("only line breaks", "orders", "n.csv", "\n\n\r\n\n".getBytes(StandardCharsets.UTF_8), null,
				Outcome.REFUSED, 0, null, Set.of()));
		add(new Case("only spaces", "orders", "s.csv", "   \t  ".getBytes(StandardCharsets.UTF_8), null,
				Outcome.REFUSED, 0, null, Set.of()));
		add(new Case("a header only", "orders", "h.csv", "account,date,amount\n".getBytes(StandardCharsets.UTF_8), null,
				Outcome.HARMLESS, 0, null, Set.of()));
		add(new Case("a header and empty lines", "accounts", "h.csv",
				"name,industry\n\n\n,\n".getBytes(StandardCharsets.UTF_8), null, Outcome.HARMLESS, 0, null, Set.of()));
		add(new Case("a quote never closed", "accounts", "q.csv",
				("name,industry\n\"Open " + next() + ",Steel\nMore,Rows\n").getBytes(StandardCharsets.UTF_8), null,
				Outcome.REFUSED, 0, null, Set.of()));
		add(new Case("an empty spreadsheet", "orders", "empty.xlsx", emptyXlsx(), null, Outcome.REFUSED, 0, null,
				Set.of()));
		add(new Case("a row missing its amount", "orders", "short.csv",
				("account,date,amount\n" + this.account + ",2024-01-01\n").getBytes(StandardCharsets.UTF_8), null,
				Outcome.ROW, 2, "amount", Set.of("import.required", "order.validation.required")));
	}

	/**
	 * A CSV file of good rows with one bad cell at a row picked by the seed.
	 */
	private void rowCase(String name, String type, String field, String value, Set<String> codes) {
		List<String> fields = fields(type);
		int badRow = 2 + this.random.nextInt(4);
		int rows = badRow + this.random.nextInt(3);
		StringBuilder csv = new StringBuilder(String.join(",", fields)).append('\n');
		for (int row = 2; row <= rows; row++) {
			List<String> cells = new ArrayList<>();
			for (String f : fields) {
				cells.add(quoted((row == badRow && f.equals(field)) ? value : good(type, f)));
			}
			csv.append(String.join(",", cells)).append('\n');
		}
		add(new Case(name, type, "rows.csv", csv.toString().getBytes(StandardCharsets.UTF_8), null, Outcome.ROW, badRow,
				field, codes));
	}

	private static List<String> fields(String type) {
		return switch (type) {
			case "orders" -> List.of("account", "date", "amount", "quantity", "cost", "reference", "product");
			case "products" -> List.of("name", "listPrice");
			case "accounts" -> List.of("name", "annualRevenue", "employees");
			case "opportunities" -> List.of("reference", "stage", "amount");
			default -> throw new IllegalArgumentException(type);
		};
	}

	private String good(String type, String field) {
		return switch (field) {
			case "account" -> this.account;
			case "date" -> "2024-03-0" + (1 + this.random.nextInt(9));
			case "amount", "listPrice", "annualRevenue" -> (1 + this.random.nextInt(9999)) + ".5";
			case "quantity" -> String.valueOf(1 + this.random.nextInt(9));
			case "cost" -> "1.25";
			case "employees" -> String.valueOf(this.random.nextInt(5000));
			case "reference" -> "R-" + next();
			case "product" -> "";
			case "name" -> type + " " + next();
			case "stage" -> "PROBLEM_RECOGNITION";
			default -> throw new IllegalArgumentException(field);
		};
	}

	private String next() {
		return this.tag + "-" + (++this.serial);
	}

	private static String quoted(String cell) {
		return (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0)
				? '"' + cell.replace("\"", "\"\"") + '"' : cell;
	}

	private static Case refusedCsv(String name, String type, String csv) {
		return new Case("duplicate header: " + name, type, "d.csv", csv.getBytes(StandardCharsets.UTF_8), null,
				Outcome.REFUSED, 0, null, Set.of());
	}

	private void add(Case file) {
		this.cases.add(file);
	}

	static byte[] xlsx(List<List<String>> rows) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			var sheet = workbook.createSheet();
			for (int r = 0; r < rows.size(); r++) {
				var row = sheet.createRow(r);
				for (int c = 0; c < rows.get(r).size(); c++) {
					row.createCell(c).setCellValue(rows.get(r).get(c));
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
	}

	private static byte[] emptyXlsx() throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			workbook.createSheet();
			workbook.write(out);
			return out.toByteArray();
		}
	}

	/**
	 * The workbook with one part replaced: a head, {@code count} times one character
	 * (which deflates a thousandfold) and a tail.
	 */
	private static byte[] replaced(byte[] workbook, String part, String head, char filler, int count, String tail)
			throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
				ZipOutputStream out = new ZipOutputStream(bytes)) {
			for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
				out.putNextEntry(new ZipEntry(entry.getName()));
				if (entry.getName().equals(part)) {
					out.write(head.getBytes(StandardCharsets.UTF_8));
					byte[] block = new byte[64 * 1024];
					Arrays.fill(block, (byte) filler);
					for (int written = 0; written < count; written += block.length) {
						out.write(block, 0, Math.min(block.length, count - written));
					}
					out.write(tail.getBytes(StandardCharsets.UTF_8));
				}
				else {
					in.transferTo(out);
				}
				out.closeEntry();
			}
		}
		return bytes.toByteArray();
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
