package io.dakehu.dataimport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.dakehu.shared.RuleViolationException;

/**
 * What can be known of an uploaded file before a job is made of it: that its character
 * set is one we read, and its header and first rows. The mapping page and the check for
 * unmapped required fields both need them, and neither may read further than that: the
 * rest of a file, whatever its size, is read only by the import's pass.
 */
final class FileHead {

	private FileHead() {
	}

	/**
	 * @throws RuleViolationException when a character set is named that we cannot read
	 */
	static void checkCharset(String charset) {
		if (charset != null && !charset.isBlank()) {
			try {
				TableFile.charset(charset);
			}
			catch (IllegalArgumentException ex) {
				throw new RuleViolationException("charset", "import.unknownCharset", charset);
			}
		}
	}

	/**
	 * Reads the header (cleaned of byte order marks and spaces) and up to {@code max}
	 * rows of a stored file, and no more of it.
	 * @throws RuleViolationException when the file cannot be read as far as that
	 */
	static void read(Path file, TableFile.Layout layout, List<String> header, List<List<String>> rows, int max) {
		try {
			TableFile.read(file, layout, new RowSink() {
				@Override
				public void header(List<String> names) {
					header.addAll(names.stream()
						.map((name) -> (name != null) ? name.replace("\uFEFF", "").strip() : "")
						.toList());
					if (max == 0) {
						throw new EnoughRows();
					}
				}

				@Override
				public void row(long number, List<String> cells) {
					rows.add(cells.stream().map((cell) -> (cell != null) ? cell : "").toList());
					if (rows.size() >= max) {
						throw new EnoughRows();
					}
				}
			});
		}
		catch (EnoughRows ex) {
			// Read as far as needed; the rest of the file is read by the import.
		}
		catch (IOException | RuntimeException ex) {
			// A spreadsheet reader may wrap the stop signal; a file that really cannot be
			// read as far as that is refused.
			if (header.isEmpty() || rows.size() < max) {
				throw new RuleViolationException("file", "import.unreadable");
			}
		}
	}

	/** Stops reading a file once the preview has its rows. */
	private static final class EnoughRows extends RuntimeException {

		EnoughRows() {
			super(null, null, false, false);
		}

	}

}
