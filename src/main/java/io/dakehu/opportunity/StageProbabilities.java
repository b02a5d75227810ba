package io.dakehu.opportunity;

import java.sql.ResultSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The default win probability of each stage, in percent, as an administrator set it. Read
 * once per read-only transaction: a searched board's answer weighs its few matches with
 * them and shows them on its columns (the other lists' totals join them in their own
 * statement, decision 0081), and read twice that was one statement of a column's five for
 * nothing. A transaction that writes reads them afresh each time, so it sees its own
 * change.
 */
@Component
class StageProbabilities {

	/** The key of the probabilities held for the current transaction. */
	private static final Object HELD = new Object();

	private final JdbcClient jdbc;

	StageProbabilities(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Each stage's probability; unmodifiable. */
	@SuppressWarnings("unchecked")
	Map<Stage, Integer> read() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()
				|| !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			return load();
		}
		Object held = TransactionSynchronizationManager.getResource(HELD);
		if (held != null) {
			return (Map<Stage, Integer>) held;
		}
		Map<Stage, Integer> probabilities = load();
		TransactionSynchronizationManager.bindResource(HELD, probabilities);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(HELD);
			}
		});
		return probabilities;
	}

	private Map<Stage, Integer> load() {
		Map<Stage, Integer> probabilities = new EnumMap<>(Stage.class);
		this.jdbc.sql("select stage, probability from opportunity_stage_probability").query((ResultSet rs) -> {
			probabilities.put(Stage.valueOf(rs.getString(1)), rs.getInt(2));
		});
		return Collections.unmodifiableMap(probabilities);
	}

}
