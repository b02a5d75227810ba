package io.dakehu.retention;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.account.AccountScopeSql;
import io.dakehu.account.ChurnReason;
import io.dakehu.account.LostCustomerSql;
import io.dakehu.identity.RecordScope;
import io.dakehu.order.PurchaseRhythmSql;
import io.dakehu.shared.RuleViolationException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lost-customer analysis and the back-test of the churn warning (DOMAIN.md §10.4), in
 * the reader's scope. Lost customers come from the account module's published fragment;
 * the value each took with it is what it bought in the year before it was lost (the
 * ledger's fragment); its tier is the one of the last churn run that scored it, and the
 * warning it had is the highest level of the runs within the look-back before it was
 * lost, both from this module's own history.
 */
@Service
@Transactional(readOnly = true)
public class LostCustomers {

	/** A warning counts when a run gave it at most this many days before the loss. */
	public static final int DEFAULT_LOOKBACK_DAYS = 180;

	static final int MAX_LOOKBACK_DAYS = 730;

	/** The most lost customers listed one by one; the groups always count them all. */
	static final int MAX_LISTED = 500;

	private final JdbcClient jdbc;

	LostCustomers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param ownerId only this owner's customers; null for the whole scope
	 * @throws RuleViolationException when the period ends before it starts or the
	 * look-back is out of range
	 */
	public LostAnalysis analyse(RecordScope scope, LocalDate from, LocalDate to, Long ownerId, int lookbackDays) {
		if (to.isBefore(from)) {
			throw new RuleViolationException("to", "validation.churn.period");
		}
		if (lookbackDays < 1 || lookbackDays > MAX_LOOKBACK_DAYS) {
			throw new RuleViolationException("lookbackDays", "validation.churn.lookback", 1, MAX_LOOKBACK_DAYS);
		}
		Query lost = lostQuery(scope, from, to, ownerId, lookbackDays);
		LostAnalysis.Line total = this.jdbc
			.sql("select count(*), coalesce(sum(b.lost_value), 0) from (" + lost.sql() + ") b")
			.params(lost.params())
			.query((rs, n) -> new LostAnalysis.Line(null, rs.getLong(1), rs.getBigDecimal(2)))
			.single();
		List<LostAnalysis.Line> byReason = lines(lost, "b.churn_reason");
		List<LostAnalysis.Line> byTier = lines(lost, "b.tier");
		List<LostAnalysis.Line> byOwner = lines(lost, "cast(b.owner_id as varchar(20))");
		List<LostAnalysis.Line> byQuarter = lines(lost,
				"cast(extract(year from b.lost_on) as varchar(4)) || '-Q' || cast(extract(quarter from b.lost_on) as varchar(1))");
		List<LostAnalysis.LostCustomer> customers = this.jdbc
			.sql("select * from (" + lost.sql() + ") b order by b.lost_value desc, b.lost_on desc, b.account_id limit "
					+ MAX_LISTED)
			.params(lost.params())
			.query(LostCustomers::customer)
			.list();
		return new LostAnalysis(from, to, lookbackDays, total, byReason, byTier, byOwner, byQuarter,
				backTest(scope, lost, from, to, ownerId, lookbackDays), customers);
	}

	/**
	 * One row per customer lost in the period and the scope: its reason, day, value, tier
	 * and the warning it had (0 high, 1 medium, 2 low, null unscored).
	 */
	private static Query lostQuery(RecordScope scope, LocalDate from, LocalDate to, Long ownerId, int lookbackDays) {
		LostCustomerSql lost = LostCustomerSql.between(from, to);
		AccountScopeSql scoped = AccountScopeSql.of(scope, "l.account_id");
		Map<String, Object> params = new HashMap<>(lost.params());
		params.putAll(scoped.params());
		String sql = """
				select l.account_id, l.account_name, l.owner_id, l.churn_reason, l.lost_on, %1$s as lost_value,
				       coalesce((select ts.tier from churn_score ts join churn_run tr on tr.id = ts.run_id
				                 where ts.account_id = l.account_id and tr.as_of <= l.lost_on
				                 order by tr.as_of desc, tr.id desc limit 1), 'SMALL') as tier,
				       (select min(case ws.risk_level when 'HIGH' then 0 when 'MEDIUM' then 1 else 2 end)
				        from churn_score ws join churn_run wr on wr.id = ws.run_id
				        where ws.account_id = l.account_id and wr.as_of <= l.lost_on
				          and wr.as_of >= l.lost_on - %2$d) as warned
				from %3$s l
				where %4$s""".formatted(PurchaseRhythmSql.yearBefore("l.account_id", "l.lost_on"), lookbackDays,
				lost.table(), scoped.condition());
		if (ownerId != null) {
			sql += " and l.owner_id = :lostOwner";
			params.put("lostOwner", ownerId);
		}
		return new Query(sql, params);
	}

	private List<LostAnalysis.Line> lines(Query lost, String key) {
		return this.jdbc
			.sql("select " + key + " as k, count(*), coalesce(sum(b.lost_value), 0) from (" + lost.sql()
					+ ") b group by " + key + " order by 3 desc, 1")
			.params(lost.params())
			.query((rs, n) -> new LostAnalysis.Line((rs.getString(1) != null) ? rs.getString(1).strip() : null,
					rs.getLong(2), rs.getBigDecimal(3)))
			.list();
	}

	private LostAnalysis.BackTest backTest(RecordScope scope, Query lost, LocalDate from, LocalDate to, Long ownerId,
			int lookbackDays) {
		long[] warned = this.jdbc.sql("""
				select count(*), sum(case when b.warned = 0 then 1 else 0 end),
				       sum(case when b.warned = 1 then 1 else 0 end), sum(case when b.warned = 2 then 1 else 0 end),
				       sum(case when b.warned is null then 1 else 0 end)
				from (%s) b""".formatted(lost.sql()))
			.params(lost.params())
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5) })
			.single();
		LocalDate flagFrom = from.minusDays(lookbackDays);
		// Lost from the first flag on: a customer lost before it cannot have been flagged
		// after, as lost customers are not scored.
		LostCustomerSql lostSince = LostCustomerSql.between(flagFrom, to);
		AccountScopeSql scoped = AccountScopeSql.of(scope, "s.account_id");
		Map<String, Object> params = new HashMap<>(lostSince.params());
		params.putAll(scoped.params());
		params.put("flagFrom", flagFrom);
		params.put("flagTo", to);
		String sql = """
				select count(distinct s.account_id) from churn_score s join churn_run r on r.id = s.run_id
				where s.risk_level = 'HIGH' and r.as_of between :flagFrom and :flagTo and %s
				  and s.account_id not in (select x.account_id from %s x)""".formatted(scoped.condition(),
				lostSince.table());
		if (ownerId != null) {
			sql += " and s.owner_id = :flagOwner";
			params.put("flagOwner", ownerId);
		}
		long highNotLost = this.jdbc.sql(sql).params(params).query(Long.class).single();
		return new LostAnalysis.BackTest(warned[0], warned[1], warned[2], warned[3], warned[4], highNotLost);
	}

	private static LostAnalysis.LostCustomer customer(ResultSet rs, int n) throws SQLException {
		long owner = rs.getLong("owner_id");
		Long ownerId = rs.wasNull() ? null : owner;
		int warned = rs.getInt("warned");
		RiskLevel level = rs.wasNull() ? null : RiskLevel.values()[warned];
		String reason = rs.getString("churn_reason");
		return new LostAnalysis.LostCustomer(rs.getLong("account_id"), rs.getString("account_name"), ownerId, reason,
				ChurnReason.valueOf(reason).controllable(), rs.getObject("lost_on", LocalDate.class),
				rs.getBigDecimal("lost_value"), rs.getString("tier").strip(), level);
	}

	private record Query(String sql, Map<String, Object> params) {
	}

}
