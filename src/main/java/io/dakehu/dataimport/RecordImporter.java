package io.dakehu.dataimport;

import java.util.List;

/**
 * The rules for one record type. An instance serves one pass over one file, so it may
 * remember what it has seen (names defined further up); an importer of files that may run
 * to millions of rows leaves the keys it has seen to the database instead
 * ({@link #keysInDatabase}).
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
	 * Whether this importer leaves finding rows that clash on a unique key (a reference
	 * met earlier in the file or stored before) to the database, instead of remembering
	 * the file's keys in memory. A validating pass then writes every chunk's valid rows,
	 * also after a rejected row and for a preview, in the transaction it rolls back at
	 * the end, so each chunk meets the rows of the chunks before it; {@link #rejectTaken}
	 * looks each chunk up before it is written. Memory then stays the same whatever the
	 * size of the file.
	 */
	default boolean keysInDatabase() {
		return false;
	}

	/**
	 * Rejects the checked rows of a chunk whose unique key the database holds already,
	 * written earlier in this pass or stored before it (see
	 * {@link ImportContext#rejectTaken}). Called before the chunk is written, for an
	 * importer that {@link #keysInDatabase keeps its keys in the database}.
	 * @return how many rows it rejected
	 */
	default int rejectTaken(List<Row> rows, ImportContext context) {
		return 0;
	}

	/**
	 * Writes what can only be written once every row is in, such as an account hierarchy.
	 */
	default void writeEnd(ImportContext context) {
	}

}
