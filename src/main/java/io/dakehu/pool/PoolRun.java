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
import io.dakehu.shared.NoticeRequested;
import io.dakehu.shared.DatabaseProduct;
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
 * have no owner any more, so each account returns once; a warning carries its account and
 * day as the notice's dedup key, so it reaches the owner once.
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
		String followDue = dueCondition(rules, today, 0, PoolRule::followUpDays, FOLLOW_UP_BASE, "F", params);
		String dealDue = dueCondition(rules, today, 0, PoolRule::dealDays, DEAL_BASE, "D", params);
		String followSoon = dueCondition(rules, today, WARNING_DAYS, PoolRule::followUpDays, FOLLOW_UP_BASE, "WF",
				params);
		String dealSoon = dueCondition(rules, today, WARNING_DAYS, PoolRule::dealDays, DEAL_BASE, "WD", params);
		if (followSoon == null && dealSoon == null) {
			return new Result(0, 0, 0);
		}
		// Due now implies due within the warning days, so the second condition finds
		// both.
		this.jdbc
			.sql("insert into pool_candidate (account_id, owner_id, name, tier, follow_base, deal_base, reason)"
					+ " select po.account_id, po.owner_id, po.name, " + TIER + ", " + FOLLOW_UP_BASE + ", " + DEAL_BASE
					+ ", case" + ((followDue != null) ? " when " + followDue + " then 'NO_FOLLOW_UP'" : "")
					+ ((dealDue != null) ? " when " + dealDue + " then 'NO_DEAL'" : "") + " end from " + scope.from()
					+ " where " + either(followSoon, dealSoon))
			.params(params)
			.update();
		if (this.postgres) {
			// The returns join the candidates to the accounts: planned on an empty
			// table's
			// statistics, PostgreSQL would read every account for them.
			this.jdbc.sql("analyze pool_candidate").update();
		}
		int noFollowUp = returnFor(PoolReason.NO_FOLLOW_UP, now);
		int noDeal = returnFor(PoolReason.NO_DEAL, now);
		int warned = warn(rules);
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
	 * it will, once per account and day.
	 */
	private int warn(List<PoolRule> rules) {
		Map<String, PoolRule> byTier = new HashMap<>();
		rules.forEach((rule) -> byTier.put(rule.tier(), rule));
		List<Warning> warnings = this.jdbc.sql("""
				select pc.account_id, pc.name, pc.owner_id, pc.tier, pc.follow_base, pc.deal_base
				from pool_candidate pc where pc.reason is null""").query((rs, n) -> {
			PoolRule rule = byTier.get(rs.getString(4));
			LocalDate dueOn = earlier(plus(rs.getDate(5), rule.followUpDays()), plus(rs.getDate(6), rule.dealDays()));
			return new Warning(rs.getLong(1), rs.getString(2), rs.getLong(3), dueOn);
		}).list();
		// Delivered together after the commit: a night's warnings run to tens of
		// thousands at a million accounts.
		if (!warnings.isEmpty()) {
			this.events.publishEvent(new NoticesRequested(warnings.stream()
				.map((warning) -> new NoticeRequested(List.of(warning.ownerId()), false, WARNING_KIND,
						"notice." + WARNING_KIND, List.of(warning.name(), warning.dueOn().toString()),
						"/accounts/" + warning.accountId(),
						WARNING_KIND + ":" + warning.accountId() + ":" + warning.dueOn()))
				.toList()));
		}
		return warnings.size();
	}

	private static String either(String a, String b) {
		return (a == null) ? b : (b == null) ? a : "(" + a + " or " + b + ")";
	}

	/**
	 * The condition "due by {@code today + ahead}" over every tier whose rule counts this
	 * measure, its cut-off days bound as parameters; null when no tier's does.
	 */
	private static String dueCondition(List<PoolRule> rules, LocalDate today, int ahead,
			Function<PoolRule, Integer> days, String base, String name, Map<String, Object> params) {
		StringBuilder condition = new StringBuilder();
		for (PoolRule rule : rules) {
			Integer limit = days.apply(rule);
			if (limit == null) {
				continue;
			}
			String tierParam = "rule" + name + rule.tier();
			String cutParam = "ruleCut" + name + rule.tier();
			params.put(tierParam, rule.tier());
			params.put(cutParam, Date.valueOf(today.minusDays(limit).plusDays(ahead)));
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

	private static LocalDate plus(Date base, Integer days) {
		return (days != null) ? base.toLocalDate().plusDays(days) : null;
	}

	private static LocalDate earlier(LocalDate a, LocalDate b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isBefore(b)) ? a : b;
	}

	/**
	 * What a run did.
	 *
	 * @param returnedNoFollowUp accounts returned for want of a follow-up
	 * @param returnedNoDeal accounts returned for want of a deal
	 * @param warned owners' accounts warned of their return
	 */
	public record Result(int returnedNoFollowUp, int returnedNoDeal, int warned) {
	}

	private record Warning(long accountId, String name, long ownerId, LocalDate dueOn) {
	}

}
