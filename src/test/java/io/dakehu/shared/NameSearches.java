package io.dakehu.shared;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Name searches as PostgreSQL's statistics would make them, for tests in other modules
 * that must choose which pieces count as common rather than fill a table until the
 * statistics say so.
 */
public final class NameSearches {

	private NameSearches() {
	}

	/**
	 * A search on PostgreSQL's statements for which the given pieces are common in every
	 * table's names, with the share of names holding each.
	 */
	public static Counting onPostgres(Map<String, Double> commonPieces) {
		return new Counting(commonPieces);
	}

	/** A search that counts the statements it ran in one database process. */
	public static final class Counting extends NameSearch {

		private final AtomicInteger inOneProcess = new AtomicInteger();

		private Counting(Map<String, Double> commonPieces) {
			super(true, (table) -> commonPieces);
		}

		@Override
		public <T> T inOneProcess(JdbcClient jdbc, Supplier<T> work) {
			this.inOneProcess.incrementAndGet();
			return super.inOneProcess(jdbc, work);
		}

		/** How many statements ran in one process so far. */
		public int inOneProcess() {
			return this.inOneProcess.get();
		}

	}

}
