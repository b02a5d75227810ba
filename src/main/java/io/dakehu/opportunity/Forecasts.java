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

	private final OpportunityTally tally;

	private final StageProbabilities probabilities;

	Forecasts(JdbcClient jdbc, Funnel funnel, Targets targets, Users users, OpportunityTally tally,
			StageProbabilities probabilities) {
		this.tally = tally;
		this.probabilities = probabilities;
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
		CloseMonths months = CloseMonths.within(from, to);
		Map<Long, BigDecimal[]> sums = (months != null) ? tallied(months, people) : summed(where, params);
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

	/**
	 * Each salesperson's won, commit, best case and weighted amounts over a period, added
	 * up from the deals closing in it.
	 */
	private Map<Long, BigDecimal[]> summed(String where, Map<String, Object> params) {
		Map<Long, BigDecimal[]> sums = new LinkedHashMap<>();
		this.jdbc.sql(SQL.formatted(where)).params(params).query((java.sql.ResultSet rs) -> {
			sums.put(rs.getLong(1), new BigDecimal[] { nz(rs.getBigDecimal(2)), nz(rs.getBigDecimal(3)),
					nz(rs.getBigDecimal(4)), nz(rs.getBigDecimal(5)) });
		});
		return sums;
	}

	/**
	 * Each salesperson's won, commit, best case and weighted amounts over a period, from
	 * the tallies per close month and the deals of the days at its ends (decision 0083):
	 * the sums per owner and stage, each stage's amount counted where its stage and
	 * probability put it, as the statement over the deals counts each deal's.
	 * @param people null for every salesperson
	 */
	private Map<Long, BigDecimal[]> tallied(CloseMonths months, Set<Long> people) {
		List<StageSum.Part> parts = new ArrayList<>();
		parts.add(this.tally.partPerOwner(people, months));
		Map<String, Object> owners = new HashMap<>();
		if (people != null) {
			owners.put("endOwners", people);
		}
		parts.addAll(
				months.days("o.owner_id, o.stage", (people != null) ? " and o.owner_id in (:endOwners)" : "", owners));
		StageSum.Part union = StageSum.Part.union(parts);
		Map<Stage, Integer> probabilities = this.probabilities.read();
		Map<Long, BigDecimal[]> sums = new LinkedHashMap<>();
		this.jdbc
			.sql("select u.owner_id, u.stage, sum(u.amount) from (" + union.sql()
					+ ") u group by u.owner_id, u.stage having sum(u.opportunities) > 0")
			.params(union.params())
			.query((java.sql.ResultSet rs) -> {
				Stage stage = Stage.valueOf(rs.getString(2));
				Integer probability = probabilities.get(stage);
				if (probability == null) {
					// Left out, as the statement over the deals joins each deal's stage
					// to its probability.
					return;
				}
				BigDecimal amount = rs.getBigDecimal(3);
				BigDecimal[] sum = sums.computeIfAbsent(rs.getLong(1), (owner) -> new BigDecimal[] { BigDecimal.ZERO,
						BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO });
				if (stage == Stage.WON) {
					sum[0] = sum[0].add(amount);
				}
				if (!stage.closed()) {
					sum[2] = sum[2].add(amount);
					if (probability >= COMMIT_PROBABILITY) {
						sum[1] = sum[1].add(amount);
					}
				}
				if (stage != Stage.LOST) {
					sum[3] = sum[3].add(amount.multiply(BigDecimal.valueOf(probability)).movePointLeft(2));
				}
			});
		return sums;
	}

	private static ForecastLine empty(Long id) {
		return ForecastLine.of(id, null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null);
	}

	private static BigDecimal nz(BigDecimal value) {
		return (value != null) ? value : BigDecimal.ZERO;
	}

}
