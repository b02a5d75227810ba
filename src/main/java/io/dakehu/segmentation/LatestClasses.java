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

	private final Segmentation segmentation;

	LatestClasses(JdbcClient jdbc, Segmentation segmentation) {
		this.jdbc = jdbc;
		this.segmentation = segmentation;
	}

	/**
	 * The classes of the given accounts; accounts the latest run did not rank are absent.
	 * The caller has limited the ids to the reader's scope.
	 */
	public Map<Long, Classes> of(Collection<Long> accountIds) {
		Map<Long, Classes> classes = new HashMap<>();
		Optional<Long> run = this.segmentation.latestRunId();
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

	/** An account's tier and ABC class in one run. */
	public record Classes(Tier tier, AbcClass abc) {
	}

}
