package io.dakehu.dataimport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipFile;

import javax.xml.parsers.ParserConfigurationException;

import io.dakehu.shared.RuleViolationException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads an uploaded table, CSV or .xlsx, one row at a time, so memory does not grow with
 * the file. For CSV it finds the encoding (a UTF-16 byte order mark, as in Excel's
 * "Unicode text"; a UTF-8 one; else UTF-8 if every byte sequence is valid UTF-8, else
 * GB18030, the superset of GBK that Chinese Excel writes) and the delimiter (comma,
 * semicolon or tab, whichever the header line uses most).
 */
final class TableFile {

	private static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final Charset GB18030 = Charset.forName("GB18030");

	/**
	 * The most an .xlsx part may expand to, and the least it may be compressed to (a part
	 * that expands more than a hundredfold is a zip bomb, as POI's default says), for
	 * every spreadsheet the application opens: checked by POI as the part is inflated, so
	 * a bomb is refused after its first kilobytes.
	 */
	static final long MAX_PART_BYTES = 1024L * 1024 * 1024;

	/** Shared strings are held in memory while a sheet is read. */
	static final long MAX_SHARED_STRINGS_BYTES = 256L * 1024 * 1024;

	static {
		ZipSecureFile.setMinInflateRatio(0.01);
		ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
	}

	private TableFile() {
	}

	/**
	 * How a stored file is to be read.
	 */
	record Layout(String format, Charset charset, char delimiter, boolean bom) {

		boolean xlsx() {
			return "xlsx".equals(this.format);
		}

		String charsetName() {
			return xlsx() ? null : this.charset.name();
		}

	}

	static Layout detect(Path file, String fileName, String chosenCharset) throws IOException {
		if (isZip(file) || (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx"))) {
			return new Layout("xlsx", null, ',', false);
		}
		boolean bom = startsWithBom(file);
		Charset charset;
		if (chosenCharset != null && !chosenCharset.isBlank()) {
			charset = charset(chosenCharset);
			if (charset != StandardCharsets.UTF_16) {
				requireWhole(StrictLines.scan(file, charset), charset);
			}
		}
		else if (isUtf16(file)) {
			// Excel's "Unicode text": UTF-16 with a byte order mark, which the decoder
			// reads and drops itself.
			charset = StandardCharsets.UTF_16;
		}
		else if (bom) {
			// A UTF-8 byte order mark declares the encoding: every line must keep to it.
			charset = StandardCharsets.UTF_8;
			requireWhole(StrictLines.scan(file, charset), charset);
		}
		else {
			charset = encoding(file);
		}
		return new Layout("csv", charset, delimiter(file, charset, bom), bom && charset == StandardCharsets.UTF_8);
	}

	/**
	 * The encoding of a CSV file without a UTF-16 byte order mark, by a strict decode of
	 * every line (decision 0023): UTF-8 when every line is UTF-8; otherwise GB18030 when
	 * every line is GB18030 and no line is plainly UTF-8 (valid UTF-8 with at least
	 * {@link StrictLines#EVIDENCE} characters beyond ASCII, which GBK text almost never
	 * is by chance). Anything else is refused, naming the line, rather than read with
	 * replacement characters.
	 * @throws RuleViolationException when the file mixes encodings or is neither
	 */
	private static Charset encoding(Path file) throws IOException {
		StrictLines utf8 = StrictLines.scan(file, StandardCharsets.UTF_8);
		if (utf8.firstBad() < 0) {
			return StandardCharsets.UTF_8;
		}
		if (utf8.firstEvidence() >= 0) {
			throw new RuleViolationException("file", "import.mixedEncoding", utf8.firstEvidence(), utf8.firstBad());
		}
		StrictLines gb = StrictLines.scan(file, GB18030);
		if (gb.firstBad() >= 0) {
			throw new RuleViolationException("file", "import.unknownEncoding",
					Math.max(utf8.firstBad(), gb.firstBad()));
		}
		return GB18030;
	}

	private static void requireWhole(StrictLines lines, Charset charset) {
		if (lines.firstBad() >= 0) {
			throw new RuleViolationException("file", "import.notInEncoding", lines.firstBad(),
					(charset == GB18030) ? "GBK/GB18030" : charset.name());
		}
	}

	/**
	 * A charset named by a user. GBK is read as GB18030, which decodes every GBK file the
	 * same way and more.
	 */
	static Charset charset(String name) {
		String upper = name.strip().toUpperCase(Locale.ROOT).replace("_", "-");
		if (upper.equals("GBK") || upper.equals("GB2312") || upper.equals("GB18030") || upper.equals("CP936")) {
			return GB18030;
		}
		if (upper.equals("UTF-8") || upper.equals("UTF8")) {
			return StandardCharsets.UTF_8;
		}
		if (upper.equals("UTF-16") || upper.equals("UTF16") || upper.equals("UNICODE")) {
			return StandardCharsets.UTF_16;
		}
		throw new IllegalArgumentException(name);
	}

	private static boolean isZip(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] head = in.readNBytes(4);
			return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
		}
	}

	private static boolean isUtf16(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] head = in.readNBytes(2);
			return head.length == 2 && (((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE)
					|| ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF));
		}
	}

	private static boolean startsWithBom(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			byte[] head = in.readNBytes(3);
			return head.length == 3 && head[0] == UTF8_BOM[0] && head[1] == UTF8_BOM[1] && head[2] == UTF8_BOM[2];
		}
	}

	/**
	 * A strict decode of a file line by line (lines end at byte 0x0A, which neither UTF-8
	 * nor GB18030 uses inside a character), in one streaming pass: the first line that
	 * does not decode, and the first that decodes with at least {@link #EVIDENCE}
	 * characters beyond ASCII.
	 */
	static final class StrictLines {

		/** Characters beyond ASCII that make a valid line evidence of its encoding. */
		static final int EVIDENCE = 3;

		private final CharsetDecoder decoder;

		private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);

		private final CharBuffer out = CharBuffer.allocate(64 * 1024);

		private long line = 1;

		private boolean bad;

		private int beyondAscii;

		private long firstBad = -1;

		private long firstEvidence = -1;

		private StrictLines(Charset charset) {
			this.decoder = charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
		}

		static StrictLines scan(Path file, Charset charset) throws IOException {
			StrictLines lines = new StrictLines(charset);
			try (InputStream stream = Files.newInputStream(file)) {
				byte[] chunk = new byte[32 * 1024];
				int read;
				while ((read = stream.read(chunk)) != -1) {
					int start = 0;
					for (int i = 0; i < read; i++) {
						if (chunk[i] == '\n') {
							lines.feed(chunk, start, i + 1 - start, true);
							start = i + 1;
						}
					}
					lines.feed(chunk, start, read - start, false);
				}
				lines.feed(chunk, 0, 0, true);
			}
			return lines;
		}

		long firstBad() {
			return this.firstBad;
		}

		long firstEvidence() {
			return this.firstEvidence;
		}

		private void feed(byte[] bytes, int from, int length, boolean endOfLine) {
			this.in.put(bytes, from, length);
			this.in.flip();
			if (!this.bad) {
				decode(endOfLine);
			}
			if (endOfLine) {
				this.in.clear();
				if (this.bad && this.firstBad < 0) {
					this.firstBad = this.line;
				}
				else if (!this.bad && this.beyondAscii >= EVIDENCE && this.firstEvidence < 0) {
					this.firstEvidence = this.line;
				}
				this.decoder.reset();
				this.bad = false;
				this.beyondAscii = 0;
				this.line++;
			}
			else if (this.bad) {
				// The rest of a line already refused need not be decoded.
				this.in.clear();
			}
			else {
				this.in.compact();
			}
		}

		private void decode(boolean endOfLine) {
			while (true) {
				CoderResult result = this.decoder.decode(this.in, this.out, endOfLine);
				if (!result.isError() && endOfLine && !result.isOverflow()) {
					result = this.decoder.flush(this.out);
				}
				count();
				if (result.isError()) {
					this.bad = true;
					return;
				}
				if (!result.isOverflow()) {
					return;
				}
			}
		}

		private void count() {
			this.out.flip();
			while (this.out.hasRemaining()) {
				if (this.out.get() > 0x7F) {
					this.beyondAscii++;
				}
			}
			this.out.clear();
		}

	}

	private static char delimiter(Path file, Charset charset, boolean bom) throws IOException {
		try (Reader reader = reader(file, charset, bom)) {
			int comma = 0;
			int semicolon = 0;
			int tab = 0;
			boolean quoted = false;
			for (int i = 0, c; i < 64 * 1024 && (c = reader.read()) != -1; i++) {
				if (c == '"') {
					quoted = !quoted;
				}
				else if (!quoted && (c == '\n' || c == '\r')) {
					break;
				}
				else if (!quoted) {
					comma += (c == ',') ? 1 : 0;
					semicolon += (c == ';') ? 1 : 0;
					tab += (c == '\t') ? 1 : 0;
				}
			}
			if (tab > comma && tab >= semicolon) {
				return '\t';
			}
			return (semicolon > comma) ? ';' : ',';
		}
	}

	private static Reader reader(Path file, Charset charset, boolean bom) throws IOException {
		InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
		if (bom) {
			in.skipNBytes(3);
		}
		// Decoding errors become replacement characters: a stray byte spoils one cell,
		// which validation then reports, instead of stopping the whole file.
		CharsetDecoder decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE);
		return new InputStreamReader(in, decoder);
	}

	/**
	 * Reads the file into the sink. Whatever stops the reading of the file itself (a
	 * truncated or oversized spreadsheet, a quote never closed) comes out as
	 * {@link Unreadable}, its cause for the log only; what the sink throws comes out as
	 * it was thrown.
	 */
	static void read(Path file, Layout layout, RowSink sink) throws IOException {
		Guarded guarded = new Guarded(sink);
		try {
			if (layout.xlsx()) {
				readXlsx(file, guarded);
			}
			else {
				readCsv(file, layout, guarded);
			}
		}
		catch (SinkFailure ex) {
			throw ex.thrown;
		}
		catch (IOException | RuntimeException ex) {
			if (guarded.failure != null) {
				// A reader that wrapped the sink's exception in its own.
				throw guarded.failure.thrown;
			}
			throw new Unreadable(ex);
		}
	}

	/**
	 * A file that cannot be read as the table it claims to be.
	 */
	static final class Unreadable extends IOException {

		Unreadable(Throwable cause) {
			super("The file cannot be read as a table", cause);
		}

	}

	/** Carries what the sink threw through the readers' own exception handling. */
	private static final class SinkFailure extends RuntimeException {

		private final RuntimeException thrown;

		SinkFailure(RuntimeException thrown) {
			super(null, null, false, false);
			this.thrown = thrown;
		}

	}

	private static final class Guarded implements RowSink {

		private final RowSink sink;

		private SinkFailure failure;

		Guarded(RowSink sink) {
			this.sink = sink;
		}

		@Override
		public void header(List<String> names) {
			try {
				this.sink.header(names);
			}
			catch (RuntimeException ex) {
				this.failure = new SinkFailure(ex);
				throw this.failure;
			}
		}

		@Override
		public void row(long number, List<String> cells) {
			try {
				this.sink.row(number, cells);
			}
			catch (RuntimeException ex) {
				this.failure = new SinkFailure(ex);
				throw this.failure;
			}
		}

	}

	private static void readCsv(Path file, Layout layout, RowSink sink) throws IOException {
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setDelimiter(layout.delimiter())
			.setIgnoreEmptyLines(true)
			.setIgnoreSurroundingSpaces(true)
			.get();
		try (Reader reader = reader(file, layout.charset(), layout.bom()); CSVParser parser = format.parse(reader)) {
			boolean first = true;
			for (CSVRecord record : parser) {
				List<String> cells = record.toList();
				if (first) {
					sink.header(cells);
					first = false;
				}
				else {
					sink.row(record.getRecordNumber(), cells);
				}
			}
			if (first) {
				sink.header(List.of());
			}
		}
		catch (java.io.UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * Reads the first sheet with POI's event API: the sheet XML is parsed as a stream and
	 * never held as a whole. Dates come out as ISO dates, whatever the cell's display
	 * format.
	 */
	private static void readXlsx(Path file, RowSink sink) throws IOException {
		// A spreadsheet cut short has lost its zip directory at the end; POI would read
		// what is left without it, so a truncated file might pass for a smaller one.
		try (ZipFile whole = new ZipFile(file.toFile())) {
			if (whole.size() == 0) {
				throw new IOException("An empty zip file");
			}
		}
		try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
			for (PackagePart strings : pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType())) {
				// The shared strings are held in memory while the sheet is read: a part
				// that says it expands past the limit is refused before it is read (one
				// that says less is held to what it says by POI's ZipSecureFile).
				if (strings.getSize() > MAX_SHARED_STRINGS_BYTES) {
					throw new IOException("Shared strings too large");
				}
			}
			XSSFReader reader = new XSSFReader(pkg);
			ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
			StylesTable styles = reader.getStylesTable();
			XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
			if (!sheets.hasNext()) {
				sink.header(List.of());
				return;
			}
			try (InputStream sheet = sheets.next()) {
				XMLReader parser = XMLHelper.newXMLReader();
				RowCollector collector = new RowCollector(sink);
				parser.setContentHandler(
						new XSSFSheetXMLHandler(styles, null, strings, collector, new IsoDateFormatter(), false));
				parser.parse(new InputSource(sheet));
				collector.finish();
			}
		}
		catch (OpenXML4JException | SAXException | ParserConfigurationException ex) {
			throw new IOException("Not a readable .xlsx file", ex);
		}
	}

	/**
	 * Formats cells as the sheet shows them, except dates, which come out as ISO dates so
	 * the importer needs no knowledge of the author's locale; and numbers without
	 * thousands separators.
	 */
	private static final class IsoDateFormatter extends DataFormatter {

		IsoDateFormatter() {
			super(Locale.ROOT);
		}

		@Override
		public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
			if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
				java.time.LocalDateTime dateTime = DateUtil.getLocalDateTime(value, use1904);
				return (dateTime.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) ? dateTime.toLocalDate().toString()
						: dateTime.toString();
			}
			java.math.BigDecimal number = java.math.BigDecimal.valueOf(value).stripTrailingZeros();
			return (number.scale() < 0) ? number.setScale(0).toPlainString() : number.toPlainString();
		}

	}

	private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {

		private final RowSink sink;

		private final List<String> cells = new ArrayList<>();

		private boolean headerSeen;

		RowCollector(RowSink sink) {
			this.sink = sink;
		}

		@Override
		public void startRow(int rowNum) {
			this.cells.clear();
		}

		@Override
		public void endRow(int rowNum) {
			boolean empty = this.cells.stream().allMatch((cell) -> cell == null || cell.isBlank());
			if (empty) {
				return;
			}
			List<String> row = new ArrayList<>(this.cells.size());
			for (String cell : this.cells) {
				row.add((cell != null) ? cell.strip() : "");
			}
			if (!this.headerSeen) {
				this.headerSeen = true;
				this.sink.header(row);
			}
			else {
				this.sink.row(rowNum + 1L, row);
			}
		}

		@Override
		public void cell(String reference, String formattedValue, XSSFComment comment) {
			int column = (reference != null) ? new CellReference(reference).getCol() : this.cells.size();
			while (this.cells.size() < column) {
				this.cells.add("");
			}
			this.cells.add(formattedValue);
		}

		void finish() {
			if (!this.headerSeen) {
				this.sink.header(List.of());
			}
		}

	}

}
