package io.dakehu.activity;

import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * When each account was last in touch: the day of its latest logged activity, for lists
 * and exports that show "last contact". Read along the (account, time) index, a page of
 * accounts at a time.
 */
@Service
@Transactional(readOnly = true)
public class LastContacts {

	private static final int CHUNK = 1000;

	private final JdbcClient jdbc;

	LastContacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The day of each account's latest activity; accounts without one are absent. The
	 * caller has limited the ids to the reader's scope.
	 */
	public Map<Long, LocalDate> of(Collection<Long> accountIds) {
		Map<Long, LocalDate> last = new HashMap<>();
		List<Long> ids = new ArrayList<>(Set.copyOf(accountIds));
		for (int from = 0; from < ids.size(); from += CHUNK) {
			this.jdbc
				.sql("select account_id, max(occurred_at) from activity where account_id in (:ids) group by account_id")
				.param("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK)))
				.query((ResultSet rs) -> {
					last.put(rs.getLong(1), rs.getTimestamp(2).toLocalDateTime().toLocalDate());
				});
		}
		return last;
	}

}
