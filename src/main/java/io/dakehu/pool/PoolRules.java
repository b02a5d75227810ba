package io.dakehu.pool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.identity.CurrentUser;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pool rules per tier (DOMAIN.md §13): an administrator sets them, and each change is
 * audited.
 */
@Service
@Transactional
public class PoolRules {

	/** A rule counts at most ten years: beyond that "never" says it better. */
	static final int MAX_DAYS = 3650;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	PoolRules(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/** The rules, VIP first. */
	@Transactional(readOnly = true)
	public List<PoolRule> all() {
		return this.jdbc.sql("select id, tier, follow_up_days, deal_days, version from pool_rule order by id")
			.query((rs, n) -> new PoolRule(rs.getLong(1), rs.getString(2), rs.getObject(3, Integer.class),
					rs.getObject(4, Integer.class), rs.getInt(5)))
			.list();
	}

	/**
	 * Changes one tier's rule.
	 * @param followUpDays null for never
	 * @param dealDays null for never
	 * @param expectedVersion the version the administrator saw; null not to check
	 */
	public PoolRule update(CurrentUser admin, String tier, Integer followUpDays, Integer dealDays,
			Integer expectedVersion) {
		if (!admin.isAdmin()) {
			throw new AccessDeniedException("administrators only");
		}
		PoolRule current = all().stream()
			.filter((rule) -> rule.tier().equals(tier))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("PoolRule", 0));
		if (expectedVersion != null) {
			StaleEditException.check("PoolRule", current.id(), expectedVersion, current.version());
		}
		check("followUpDays", followUpDays);
		check("dealDays", dealDays);
		this.jdbc.sql("update pool_rule set follow_up_days = :f, deal_days = :d, version = version + 1 where id = :id")
			.param("f", followUpDays)
			.param("d", dealDays)
			.param("id", current.id())
			.update();
		this.audit.changed("PoolRule", current.id(), null, values(current.followUpDays(), current.dealDays()),
				values(followUpDays, dealDays));
		return new PoolRule(current.id(), tier, followUpDays, dealDays, current.version() + 1);
	}

	private static void check(String field, Integer days) {
		if (days != null && (days < 1 || days > MAX_DAYS)) {
			throw new RuleViolationException(field, "pool.validation.days", MAX_DAYS);
		}
	}

	private static Map<String, Object> values(Integer followUpDays, Integer dealDays) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("followUpDays", followUpDays);
		values.put("dealDays", dealDays);
		return values;
	}

}
