package io.dakehu.segmentation;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tier and ABC class of accounts in the latest company-wide run, for other modules'
 * lists and exports. Looked up by primary key, a page of accounts at a time.
 */
@Service
@Transactional(readOnly = true)
public class LatestClasses {

	private static final int CHUNK = 1000;

	private final JdbcClient jdbc;

	private final SegmentationRuns runs;

	LatestClasses(JdbcClient jdbc, SegmentationRuns runs) {
		this.jdbc = jdbc;
		this.runs = runs;
	}

	/**
	 * The classes of the given accounts; accounts the latest run did not rank are absent.
	 * The caller has limited the ids to the reader's scope.
	 */
	public Map<Long, Classes> of(Collection<Long> accountIds) {
		Map<Long, Classes> classes = new HashMap<>();
		Optional<Long> run = this.runs.latestRunId();
		if (run.isEmpty()) {
			return classes;
		}
		List<Long> ids = new ArrayList<>(Set.copyOf(accountIds));
		for (int from = 0; from < ids.size(); from += CHUNK) {
			this.jdbc
				.sql("select account_id, tier, abc from segmentation_snapshot where run_id = :run"
						+ " and account_id in (:ids)")
				.param("run", run.get())
				.param("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK)))
				.query((ResultSet rs) -> {
					classes.put(rs.getLong(1), new Classes(Tier.valueOf(rs.getString(2).strip()),
							AbcClass.valueOf(rs.getString(3).strip())));
				});
		}
		return classes;
	}

	/**
	 * Tiers of the given accounts in the latest company-wide run, for lists. The caller
	 * has limited the ids to the reader's scope; accounts never ranked are absent.
	 */
	Map<Long, Tier> tiers(Collection<Long> accountIds) {
		Map<Long, Tier> tiers = new HashMap<>();
		Optional<Long> latest = this.runs.latestRunId();
		if (accountIds.isEmpty() || latest.isEmpty()) {
			return tiers;
		}
		this.jdbc.sql("select account_id, tier from segmentation_snapshot where run_id = :run and account_id in (:ids)")
			.param("run", latest.get())
			.param("ids", Set.copyOf(accountIds))
			.query((ResultSet rs) -> {
				tiers.put(rs.getLong(1), Tier.valueOf(rs.getString(2).strip()));
			});
		return tiers;
	}

	/** An account's tier and ABC class in one run. */
	public record Classes(Tier tier, AbcClass abc) {
	}

}
