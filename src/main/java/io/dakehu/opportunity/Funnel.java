package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sales funnel per salesperson (DOMAIN.md §9), computed in the database. Target
 * companies are the explicit targets whose period overlaps the report's (one per
 * salesperson and account, the latest period's intention counting) plus every account
 * where the salesperson won an opportunity closed in the period, counted as high
 * intention when no target was set. So closed companies are always targets, and sales are
 * the won amounts closed in the period.
 */
@Service
@Transactional(readOnly = true)
public class Funnel {

	private static final String SQL = """
			with won as (
			    select o.owner_id as user_id, o.account_id, sum(o.amount) as amount
			    from opportunity o
			    where o.stage = 'WON' and o.close_date >= :from and o.close_date <= :to and o.account_id is not null
			    group by o.owner_id, o.account_id
			),
			explicit as (
			    select t.user_id, t.account_id, t.intention,
			           row_number() over (partition by t.user_id, t.account_id
			                              order by t.period_to desc, t.id desc) as pick
			    from sales_target t
			    where t.period_from <= :to and t.period_to >= :from
			),
			targets as (
			    select e.user_id, e.account_id, e.intention from explicit e where e.pick = 1
			    union all
			    select w.user_id, w.account_id, 'HIGH' from won w
			    where not exists (select 1 from explicit e where e.user_id = w.user_id and e.account_id = w.account_id)
			)
			select t.user_id,
			       count(*) as targets,
			       sum(case when t.intention in ('HIGH', 'MEDIUM') then 1 else 0 end) as medium_high,
			       sum(case when t.intention = 'LOW' then 1 else 0 end) as low,
			       count(w.account_id) as closed,
			       coalesce(sum(w.amount), 0) as sales
			from targets t left join won w on w.user_id = t.user_id and w.account_id = t.account_id
			%s
			group by t.user_id""";

	private final JdbcClient jdbc;

	private final Users users;

	Funnel(JdbcClient jdbc, Users users) {
		this.jdbc = jdbc;
		this.users = users;
	}

	/**
	 * The funnel of the salespeople in the reader's scope, optionally of one team or one
	 * salesperson, ordered by sales (highest first) then name.
	 */
	public FunnelReport report(RecordScope scope, LocalDate from, LocalDate to, Long teamId, Long salespersonId) {
		if (from == null || to == null) {
			throw new RuleViolationException((from == null) ? "from" : "to", "opportunity.validation.required");
		}
		if (to.isBefore(from)) {
			throw new RuleViolationException("to", "opportunity.validation.periodOrder");
		}
		Set<Long> people = salespeople(scope, teamId, salespersonId);
		Map<String, Object> params = new HashMap<>();
		params.put("from", from);
		params.put("to", to);
		String where = "";
		if (people != null) {
			if (people.isEmpty()) {
				return new FunnelReport(from, to, List.of(), FunnelLine.of(null, 0, 0, 0, 0, BigDecimal.ZERO));
			}
			where = "where t.user_id in (:people)";
			params.put("people", people);
		}
		List<Counted> counted = this.jdbc.sql(SQL.formatted(where))
			.params(params)
			.query((rs, n) -> new Counted(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					rs.getBigDecimal(6)))
			.list();
		Map<Long, String> names = this.users.displayNames(counted.stream().map(Counted::userId).toList());
		List<FunnelLine> rows = new ArrayList<>();
		FunnelLine total = FunnelLine.of(null, 0, 0, 0, 0, BigDecimal.ZERO);
		for (Counted c : counted) {
			FunnelLine line = FunnelLine.of(names.get(c.userId()), c.targets(), c.mediumHigh(), c.low(), c.closed(),
					c.sales());
			rows.add(line);
			total = total.plus(line, null);
		}
		rows.sort(Comparator.comparing(FunnelLine::sales)
			.reversed()
			.thenComparing(FunnelLine::salesperson, Comparator.nullsLast(Comparator.naturalOrder())));
		return new FunnelReport(from, to, List.copyOf(rows), total);
	}

	/**
	 * Won sales per salesperson and per account in the period, for Sales ROI.
	 * @return sales by owner id, then by account id
	 */
	public Map<Long, Map<Long, BigDecimal>> wonSales(RecordScope scope, LocalDate from, LocalDate to) {
		Map<String, Object> params = new HashMap<>();
		params.put("from", from);
		params.put("to", to);
		String sql = """
				select o.owner_id, o.account_id, sum(o.amount) from opportunity o
				where o.stage = 'WON' and o.close_date >= :from and o.close_date <= :to and o.account_id is not null""";
		if (!scope.all()) {
			sql += " and o.owner_id in (:salespeople)";
			params.put("salespeople", scope.ownerIds());
		}
		Map<Long, Map<Long, BigDecimal>> sales = new HashMap<>();
		this.jdbc.sql(sql + " group by o.owner_id, o.account_id").params(params).query((java.sql.ResultSet rs) -> {
			sales.computeIfAbsent(rs.getLong(1), (k) -> new HashMap<>()).put(rs.getLong(2), rs.getBigDecimal(3));
		});
		return sales;
	}

	/**
	 * The salespeople a report covers: null for everyone (a reader who sees everything,
	 * without filter).
	 */
	Set<Long> salespeople(RecordScope scope, Long teamId, Long salespersonId) {
		Set<Long> people = scope.all() ? null : new HashSet<>(scope.ownerIds());
		if (teamId != null) {
			Set<Long> team = new HashSet<>();
			for (UserSummary user : this.users.all()) {
				if (teamId.equals(user.teamId())) {
					team.add(user.id());
				}
			}
			if (people == null) {
				people = team;
			}
			else {
				people.retainAll(team);
			}
		}
		if (salespersonId != null) {
			if (people == null) {
				people = new HashSet<>(Set.of(salespersonId));
			}
			else {
				people.retainAll(Set.of(salespersonId));
			}
		}
		return people;
	}

	private record Counted(long userId, long targets, long mediumHigh, long low, long closed, BigDecimal sales) {
	}

}
