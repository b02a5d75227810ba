package io.dakehu.dataimport;

import java.util.List;

/**
 * The rules for one record type. An instance serves one pass over one file, so it may
 * remember what it has seen (duplicate keys, names defined further up).
 */
interface RecordImporter {

	List<Column> columns();

	/**
	 * Checks a chunk of rows, rejecting the bad ones through the context and preparing
	 * the good ones for {@link #write}.
	 */
	void check(List<Row> rows, ImportContext context);

	/**
	 * Checks that need the whole file, after the last chunk.
	 */
	default void checkEnd(ImportContext context) {
	}

	/**
	 * Writes the prepared, not rejected rows of a chunk inside the commit transaction.
	 * @return how many records were written
	 */
	int write(List<Row> rows, ImportContext context);

	/**
	 * Writes what can only be written once every row is in, such as an account hierarchy.
	 */
	default void writeEnd(ImportContext context) {
	}

}
