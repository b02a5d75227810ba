package io.dakehu.dataimport;

import java.util.List;

/**
 * Receives a table as it is read: the header first, then each row with its number as a
 * spreadsheet would show it (the header is row 1).
 */
interface RowSink {

	void header(List<String> names);

	void row(long number, List<String> cells);

}
