package io.dakehu.opportunity;

import java.sql.ResultSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The default win probability of each stage, in percent, as an administrator set it, for
 * the board's columns, the settings page and a searched list's few matches. The lists'
 * other totals read them in their own statement (decision 0081).
 */
@Component
class StageProbabilities {

	private final JdbcClient jdbc;

	StageProbabilities(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Each stage's probability; unmodifiable. */
	Map<Stage, Integer> read() {
		Map<Stage, Integer> probabilities = new EnumMap<>(Stage.class);
		this.jdbc.sql("select stage, probability from opportunity_stage_probability").query((ResultSet rs) -> {
			probabilities.put(Stage.valueOf(rs.getString(1)), rs.getInt(2));
		});
		return Collections.unmodifiableMap(probabilities);
	}

}
