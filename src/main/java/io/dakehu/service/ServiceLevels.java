package io.dakehu.service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.identity.CurrentUser;
import io.dakehu.segmentation.Tier;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service level of every tier (DOMAIN.md §10.1): read by anyone, changed by an
 * administrator, each change audited field by field. The contact cadence is read from the
 * segmentation settings, where it is edited.
 */
@Service
@Transactional(readOnly = true)
public class ServiceLevels {

	static final String AUDIT_TYPE = "ServiceLevel";

	private final JdbcClient jdbc;

	private final TierStandings standings;

	private final AuditTrail audit;

	ServiceLevels(JdbcClient jdbc, TierStandings standings, AuditTrail audit) {
		this.jdbc = jdbc;
		this.standings = standings;
		this.audit = audit;
	}

	/** Every tier's level, VIP first. */
	public List<ServiceLevel> all() {
		Map<Tier, Integer> cadences = this.standings.cadences();
		Map<Tier, ServiceLevel> levels = new EnumMap<>(Tier.class);
		this.jdbc
			.sql("select tier, response_hours, resolution_days, executive_visits_per_year, version from service_level")
			.query((rs, n) -> {
				Tier tier = Tier.valueOf(rs.getString(1).strip());
				return new ServiceLevel(tier, rs.getInt(2), rs.getInt(3), rs.getInt(4), cadences.get(tier),
						rs.getInt(5));
			})
			.list()
			.forEach((level) -> levels.put(level.tier(), level));
		return new ArrayList<>(levels.values());
	}

	public ServiceLevel of(Tier tier) {
		return all().stream().filter((level) -> level.tier() == tier).findFirst().orElseThrow();
	}

	/** The level the account's tier in the latest segmentation run earns. */
	public ServiceLevel forAccount(long accountId) {
		return of(this.standings.tierOf(accountId));
	}

	/**
	 * Saves the levels given (administrators only); a tier left out keeps its level.
	 * @throws StaleEditException when someone saved a tier in between
	 * @throws RuleViolationException when a tier is named twice
	 */
	@Transactional
	public List<ServiceLevel> update(CurrentUser me, List<ServiceLevelInput> changed) {
		if (!me.isAdmin()) {
			throw new AccessDeniedException("Only administrators change service levels");
		}
		Set<Tier> seen = new HashSet<>();
		Map<Tier, ServiceLevel> before = new EnumMap<>(Tier.class);
		all().forEach((level) -> before.put(level.tier(), level));
		for (ServiceLevelInput input : changed) {
			if (!seen.add(input.tier())) {
				throw new RuleViolationException("tier", "validation.service.tierTwice", input.tier());
			}
			ServiceLevel old = before.get(input.tier());
			int updated = this.jdbc.sql("""
					update service_level set response_hours = :response, resolution_days = :resolution,
					    executive_visits_per_year = :visits, version = version + 1
					where tier = :tier and version = :version""")
				.param("response", input.responseHours())
				.param("resolution", input.resolutionDays())
				.param("visits", input.executiveVisitsPerYear())
				.param("tier", input.tier().name())
				.param("version", (input.version() != null) ? input.version() : -1)
				.update();
			if (updated == 0) {
				throw new StaleEditException(AUDIT_TYPE, input.tier(), old.version());
			}
			Map<String, Object> now = new LinkedHashMap<>();
			now.put("responseHours", input.responseHours());
			now.put("resolutionDays", input.resolutionDays());
			now.put("executiveVisitsPerYear", input.executiveVisitsPerYear());
			// The audit log keys records by number: a tier's is its place from VIP (1)
			// down.
			this.audit.changed(AUDIT_TYPE, input.tier().ordinal() + 1L, null, auditValues(old), now);
		}
		return all();
	}

	private static Map<String, Object> auditValues(ServiceLevel level) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("responseHours", level.responseHours());
		values.put("resolutionDays", level.resolutionDays());
		values.put("executiveVisitsPerYear", level.executiveVisitsPerYear());
		return values;
	}

}
