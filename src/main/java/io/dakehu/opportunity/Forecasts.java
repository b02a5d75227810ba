package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.identity.RecordScope;
import io.dakehu.identity.TeamSummary;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The forecast (DOMAIN.md §8): for opportunities closing in a period (won ones by their
 * close date, open ones by their expected close date), commit, best case and weighted
 * amounts per salesperson and team, against each salesperson's quota.
 */
@Service
@Transactional(readOnly = true)
public class Forecasts {

	/**
	 * From supplier selection on, with the default probabilities: the buyer has chosen,
	 * so the salesperson commits to the deal.
	 */
	public static final int COMMIT_PROBABILITY = 60;

	private static final String SQL = """
			select o.owner_id,
			       sum(case when o.stage = 'WON' then o.amount else 0 end),
			       sum(case when o.stage not in ('WON', 'LOST') and p.probability >= :commit
			                then coalesce(o.amount, 0) else 0 end),
			       sum(case when o.stage not in ('WON', 'LOST') then coalesce(o.amount, 0) else 0 end),
			       sum(case when o.stage <> 'LOST' then coalesce(o.amount, 0) * p.probability else 0 end) / 100
			from opportunity o join opportunity_stage_probability p on p.stage = o.stage
			where coalesce(o.close_date, o.expected_close_date) >= :from
			  and coalesce(o.close_date, o.expected_close_date) <= :to
			  %s
			group by o.owner_id""";

	private final JdbcClient jdbc;

	private final Funnel funnel;

	private final Targets targets;

	private final Users users;

	Forecasts(JdbcClient jdbc, Funnel funnel, Targets targets, Users users) {
		this.jdbc = jdbc;
		this.funnel = funnel;
		this.targets = targets;
		this.users = users;
	}

	public ForecastReport forecast(RecordScope scope, LocalDate from, LocalDate to, Long teamId, Long salespersonId) {
		if (from == null || to == null || to.isBefore(from)) {
			throw new RuleViolationException((from == null) ? "from" : "to", "opportunity.validation.periodOrder");
		}
		Set<Long> people = this.funnel.salespeople(scope, teamId, salespersonId);
		Map<String, Object> params = new HashMap<>();
		params.put("from", from);
		params.put("to", to);
		params.put("commit", COMMIT_PROBABILITY);
		String where = "";
		if (people != null) {
			if (people.isEmpty()) {
				return new ForecastReport(from, to, COMMIT_PROBABILITY, List.of(), List.of(), empty(null));
			}
			where = "and o.owner_id in (:people)";
			params.put("people", people);
		}
		Map<Long, BigDecimal[]> sums = new LinkedHashMap<>();
		this.jdbc.sql(SQL.formatted(where)).params(params).query((java.sql.ResultSet rs) -> {
			sums.put(rs.getLong(1), new BigDecimal[] { nz(rs.getBigDecimal(2)), nz(rs.getBigDecimal(3)),
					nz(rs.getBigDecimal(4)), nz(rs.getBigDecimal(5)) });
		});
		Map<Long, BigDecimal> quotas = new HashMap<>();
		for (QuotaView quota : this.targets.quotas(scope, from, to)) {
			if (people == null || people.contains(quota.salespersonId())) {
				quotas.merge(quota.salespersonId(), quota.amount(), BigDecimal::add);
				sums.putIfAbsent(quota.salespersonId(),
						new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO });
			}
		}
		Map<Long, UserSummary> users = this.users.byIds(sums.keySet());
		List<ForecastLine> lines = new ArrayList<>();
		sums.forEach((id, s) -> {
			UserSummary user = users.get(id);
			lines.add(ForecastLine.of(id, (user != null) ? user.displayName() : null, s[0], s[0].add(s[1]),
					s[0].add(s[2]), s[3], quotas.get(id)));
		});
		lines.sort(Comparator.comparing(ForecastLine::weighted).reversed());
		Map<Long, String> teamNames = new HashMap<>();
		for (TeamSummary team : this.users.teams()) {
			teamNames.put(team.id(), team.name());
		}
		Map<Long, ForecastLine> teams = new LinkedHashMap<>();
		ForecastLine total = empty(null);
		for (ForecastLine line : lines) {
			total = total.plus(line, null, null);
			UserSummary user = users.get(line.salespersonId());
			if (user != null && user.teamId() != null) {
				Long team = user.teamId();
				teams.put(team, teams.getOrDefault(team, empty(team)).plus(line, team, teamNames.get(team)));
			}
		}
		List<ForecastLine> teamLines = new ArrayList<>(teams.values());
		teamLines.sort(Comparator.comparing(ForecastLine::weighted).reversed());
		return new ForecastReport(from, to, COMMIT_PROBABILITY, List.copyOf(lines), List.copyOf(teamLines), total);
	}

	private static ForecastLine empty(Long id) {
		return ForecastLine.of(id, null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null);
	}

	private static BigDecimal nz(BigDecimal value) {
		return (value != null) ? value : BigDecimal.ZERO;
	}

}
