package io.dakehu.pool;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.dakehu.account.AccountPool;
import io.dakehu.account.AccountPoolSql;
import io.dakehu.account.PoolReason;
import io.dakehu.activity.LastContactSql;
import io.dakehu.segmentation.Segmentation;
import io.dakehu.segmentation.TierSql;
import io.dakehu.shared.DatabaseProduct;
import io.dakehu.shared.NoticeRequested;
import io.dakehu.shared.NoticesRequested;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies the pool rules (DOMAIN.md §13): returns every owned account past its tier's
 * days without a follow-up activity or without a deal, set-based, and warns the owners of
 * the accounts that will return within {@value #WARNING_DAYS} days. Idle days count from
 * the later of the last follow-up (or deal) and the day the owner took the account, so a
 * fresh claim is never idle. An account the latest segmentation run did not rank is
 * Small, as everywhere else.
 * <p>
 * Runs of several nodes queue on the rules' first row, and the accounts a run returned
 * have no owner any more, so each account returns once; a warning is given once per
 * account and day of return ({@code pool_warning}), and carries both as the notice's
 * dedup key, so it reaches the owner once.
 */
@Service
public class PoolRun {

	static final int WARNING_DAYS = 7;

	static final String WARNING_KIND = "pool.warning";

	private static final String TIER = "coalesce(t.tier, 'SMALL')";

	private static final String FOLLOW_UP_BASE = "(case when lc.last_contact_at is null"
			+ " or cast(lc.last_contact_at as date) < po.owned_on then po.owned_on"
			+ " else cast(lc.last_contact_at as date) end)";

	private static final String DEAL_BASE = "(case when po.last_deal_on is null or po.last_deal_on < po.owned_on"
			+ " then po.owned_on else po.last_deal_on end)";

	private final JdbcClient jdbc;

	private final PoolRules rules;

	private final AccountPool pool;

	private final Supplier<TierSql> tiers;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final boolean postgres;

	@Autowired
	PoolRun(JdbcClient jdbc, PoolRules rules, AccountPool pool, Segmentation segmentation,
			ApplicationEventPublisher events, Clock clock, DatabaseProduct database) {
		this(jdbc, rules, pool, segmentation::latestTierSql, events, clock, database.postgres());
	}

	/**
	 * @param tiers the tier of each account, as {@link Segmentation#latestTierSql()}
	 * gives it
	 */
	PoolRun(JdbcClient jdbc, PoolRules rules, AccountPool pool, Supplier<TierSql> tiers,
			ApplicationEventPublisher events, Clock clock, boolean postgres) {
		this.jdbc = jdbc;
		this.rules = rules;
		this.pool = pool;
		this.tiers = tiers;
		this.events = events;
		this.clock = clock;
		this.postgres = postgres;
	}

	/** The run for now (the clock's), over every owned account. */
	@Transactional
	public Result run() {
		return run(LocalDateTime.now(this.clock), null);
	}

	/**
	 * The run as of the given moment, over some accounts or all: a rerun for one account,
	 * or a run on a chosen day. The owned accounts are read once: those due now or within
	 * the warning days go to {@code pool_candidate} with the reason they return for (none
	 * for those only warned); the returns and the warnings read that table, and the run
	 * empties it before it commits.
	 * @param only the accounts to consider; null for all
	 */
	@Transactional
	public Result run(LocalDateTime now, Collection<Long> only) {
		LocalDate today = now.toLocalDate();
		// Another node's run holds this row until it commits; this one then finds their
		// accounts in the pool already (and the candidates table empty).
		this.jdbc.sql("select id from pool_rule where id = 1 for update").query(Long.class).list();
		List<PoolRule> rules = this.rules.all();
		Scope scope = new Scope(this.tiers.get(), only);
		Map<String, Object> params = scope.params();
		String followDue = dueCondition(rules, today, PoolRule::followUpDays, FOLLOW_UP_BASE, "F", params);
		String dealDue = dueCondition(rules, today, PoolRule::dealDays, DEAL_BASE, "D", params);
		if (followDue == null && dealDue == null) {
			return new Result(0, 0, 0);
		}
		// Due within the warning days includes due now; a tier that counts neither
		// measure has no day and is never a candidate.
		params.put("warnUntil", Date.valueOf(today.plusDays(WARNING_DAYS)));
		this.jdbc
			.sql("insert into pool_candidate (account_id, owner_id, name, due_on, reason, warned)"
					+ " select d.account_id, d.owner_id, d.name, d.due_on, d.reason,"
					+ " exists (select 1 from pool_warning pw where pw.account_id = d.account_id"
					+ " and pw.due_on = d.due_on)" + " from (select po.account_id, po.owner_id, po.name, "
					+ dueOn(rules, params) + " as due_on, case"
					+ ((followDue != null) ? " when " + followDue + " then 'NO_FOLLOW_UP'" : "")
					+ ((dealDue != null) ? " when " + dealDue + " then 'NO_DEAL'" : "") + " end as reason from "
					+ scope.from() + ") d where d.due_on <= :warnUntil")
			.params(params)
			.update();
		if (this.postgres) {
			// The returns join the candidates to the accounts: planned on an empty
			// table's statistics, PostgreSQL would read every account for them.
			this.jdbc.sql("analyze pool_candidate").update();
		}
		int noFollowUp = returnFor(PoolReason.NO_FOLLOW_UP, now);
		int noDeal = returnFor(PoolReason.NO_DEAL, now);
		int warned = warn(today);
		this.jdbc.sql("delete from pool_candidate").update();
		return new Result(noFollowUp, noDeal, warned);
	}

	private int returnFor(PoolReason reason, LocalDateTime now) {
		// The reason is one of PoolReason's codes, safe inside SQL as it is.
		return this.pool.returnByRule(reason,
				"select pc.account_id from pool_candidate pc where pc.reason = '" + reason.name() + "'", Map.of(), now);
	}

	/**
	 * Tells each owner of an account that returns within {@value #WARNING_DAYS} days when
	 * it will, once per account and day: only the accounts not warned of that day before
	 * (a night at a million accounts finds tens of thousands in the warning days, most of
	 * them told the night before). How many are in the warning days is the run's count.
	 */
	private int warn(LocalDate today) {
		List<Warning> warnings = this.jdbc.sql("""
				select pc.account_id, pc.name, pc.owner_id, pc.due_on
				from pool_candidate pc where pc.reason is null and pc.warned = false""")
			.query((rs, n) -> new Warning(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getDate(4).toLocalDate()))
			.list();
		// A day past is no longer anyone's to warn of; an account returned or told of a
		// new day keeps only that.
		this.jdbc.sql("""
				delete from pool_warning where due_on < :today or account_id in
				  (select pc.account_id from pool_candidate pc where pc.reason is not null or pc.warned = false)""")
			.param("today", today)
			.update();
		this.jdbc.sql("""
				insert into pool_warning (account_id, due_on)
				select pc.account_id, pc.due_on from pool_candidate pc where pc.reason is null and pc.warned = false""")
			.update();
		// Delivered together after the commit: a night's new warnings run to thousands at
		// a million accounts. The dedup key still keeps a notice from being stored twice.
		if (!warnings.isEmpty()) {
			this.events.publishEvent(new NoticesRequested(warnings.stream()
				.map((warning) -> new NoticeRequested(List.of(warning.ownerId()), false, WARNING_KIND,
						"notice." + WARNING_KIND, List.of(warning.name(), warning.dueOn().toString()),
						"/accounts/" + warning.accountId(),
						WARNING_KIND + ":" + warning.accountId() + ":" + warning.dueOn()))
				.toList()));
		}
		return this.jdbc.sql("select count(*) from pool_candidate where reason is null").query(Integer.class).single();
	}

	/**
	 * The day an account returns: the earlier of its tier's two measures' days (least()
	 * skips the measure a tier does not count), the days bound as parameters.
	 */
	private static String dueOn(List<PoolRule> rules, Map<String, Object> params) {
		StringBuilder sql = new StringBuilder("(case " + TIER);
		for (PoolRule rule : rules) {
			if (rule.followUpDays() == null && rule.dealDays() == null) {
				continue;
			}
			params.put("dueTier" + rule.tier(), rule.tier());
			if (rule.followUpDays() != null) {
				params.put("dueFollow" + rule.tier(), rule.followUpDays());
			}
			if (rule.dealDays() != null) {
				params.put("dueDeal" + rule.tier(), rule.dealDays());
			}
			sql.append(" when :dueTier" + rule.tier() + " then least(")
				.append((rule.followUpDays() != null)
						? FOLLOW_UP_BASE + " + cast(:dueFollow" + rule.tier() + " as integer)" : "cast(null as date)")
				.append(", ")
				.append((rule.dealDays() != null) ? DEAL_BASE + " + cast(:dueDeal" + rule.tier() + " as integer)"
						: "cast(null as date)")
				.append(")");
		}
		return sql.append(" end)").toString();
	}

	/**
	 * The condition "due today by this measure" over every tier whose rule counts it, its
	 * cut-off days bound as parameters; null when no tier's does.
	 */
	private static String dueCondition(List<PoolRule> rules, LocalDate today, Function<PoolRule, Integer> days,
			String base, String name, Map<String, Object> params) {
		StringBuilder condition = new StringBuilder();
		for (PoolRule rule : rules) {
			Integer limit = days.apply(rule);
			if (limit == null) {
				continue;
			}
			String tierParam = "rule" + name + rule.tier();
			String cutParam = "ruleCut" + name + rule.tier();
			params.put(tierParam, rule.tier());
			params.put(cutParam, Date.valueOf(today.minusDays(limit)));
			condition.append((condition.length() == 0) ? "(" : " or ")
				.append("(" + TIER + " = :" + tierParam + " and " + base + " <= :" + cutParam + ")");
		}
		return (condition.length() == 0) ? null : condition.append(")").toString();
	}

	/** The owned accounts a run considers, with their latest contact and tier. */
	private record Scope(TierSql tiers, Collection<Long> only) {

		String from() {
			return "(select * from " + AccountPoolSql.owned() + " pw"
					+ ((this.only != null) ? " where pw.account_id in (:ruleOnly)" : "") + ") po left join "
					+ LastContactSql.table() + " lc on lc.account_id = po.account_id left join " + this.tiers.table()
					+ " t on t.account_id = po.account_id";
		}

		Map<String, Object> params() {
			Map<String, Object> params = new HashMap<>(this.tiers.params());
			if (this.only != null) {
				params.put("ruleOnly", List.copyOf(this.only));
			}
			return params;
		}

	}

	/**
	 * What a run did.
	 *
	 * @param returnedNoFollowUp accounts returned for want of a follow-up
	 * @param returnedNoDeal accounts returned for want of a deal
	 * @param warned accounts within the warning days (each owner told once per account
	 * and day of return)
	 */
	public record Result(int returnedNoFollowUp, int returnedNoDeal, int warned) {
	}

	private record Warning(long accountId, String name, long ownerId, LocalDate dueOn) {
	}

}
