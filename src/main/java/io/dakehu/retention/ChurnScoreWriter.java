package io.dakehu.retention;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import io.dakehu.account.CustomerSql;
import io.dakehu.activity.LastContactSql;
import io.dakehu.contract.OverdueReceivableSql;
import io.dakehu.opportunity.LostDealSql;
import io.dakehu.order.PurchaseRhythmSql;
import io.dakehu.retention.ChurnFactor.PointsCode;
import io.dakehu.segmentation.Segmentation;
import io.dakehu.segmentation.TierSql;
import io.dakehu.service.ComplaintSql;
import io.dakehu.shared.DatabaseProduct;
import io.dakehu.shared.DerivedTables;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Scores every customer inside the database with one {@code INSERT … SELECT}: the facts
 * of each factor come from the fragments their owners publish, the points from the
 * thresholds of DOMAIN.md §10.4, the score is their sum capped at 100. No customer passes
 * through Java, so memory stays flat whatever the size; the SQL runs unchanged on H2
 * (PostgreSQL mode) and PostgreSQL.
 */
@Component
class ChurnScoreWriter {

	/** The usual interval is at least this many days. */
	static final int GAP_FLOOR_DAYS = 30;

	/** Complaints received within this many days count as recent. */
	static final int COMPLAINT_DAYS = 90;

	/** This many recent complaints raise the risk. */
	static final int RECENT_COMPLAINTS = 2;

	/** Deals lost to a competitor within this many days raise the risk. */
	static final int LOST_DEAL_DAYS = 180;

	/** Receivables overdue by more than this many days raise the risk. */
	static final int RECEIVABLE_OVERDUE_DAYS = 30;

	/**
	 * One row per customer with the facts behind each factor. Dates are compared as days:
	 * a date minus a date is a number of days on PostgreSQL and an interval on H2, which
	 * the cast makes a number there too. The contact is due as on the contact plan
	 * (DOMAIN.md §10.2): on the earlier of the last contact plus the tier's cadence and
	 * the next contact its latest activity planned; a customer never contacted is due on
	 * the run's day.
	 */
	private static final String FACTS = """
			select a.account_id, a.owner_id, coalesce(t.tier, 'SMALL') as tier,
			       coalesce(p.revenue, 0) as revenue, coalesce(p.prior_revenue, 0) as prior_revenue,
			       cast(cast(:asOf as date) - p.last_purchase as integer) as days_since_purchase,
			       case when p.usual_gap is null or p.usual_gap < %1$d then %1$d else p.usual_gap end as usual_gap,
			       c.overdue_complaint,
			       cast(cast(:asOf as date) - cast(c.overdue_since as date) as integer) as complaint_overdue_days,
			       coalesce(c.recent_complaints, 0) as recent_complaints, c.satisfaction,
			       cast(cast(:asOf as date)
			            - coalesce(least(case when lc.next_contact_date > cast(lc.last_contact_at as date)
			                                  then lc.next_contact_date end,
			                             cast(lc.last_contact_at as date) + %2$s), cast(:asOf as date))
			            as integer) as contact_overdue_days,
			       %2$s as cadence_days,
			       d.opportunity_id as lost_deal_id, d.competitor,
			       rv.overdue_amount as overdue_receivable,
			       cast(cast(:asOf as date) - rv.oldest_due as integer) as receivable_overdue_days
			from %3$s a
			left join %4$s p on p.account_id = a.account_id
			left join %5$s c on c.account_id = a.account_id
			left join %6$s lc on lc.account_id = a.account_id
			left join %7$s t on t.account_id = a.account_id
			left join %8$s d on d.account_id = a.account_id
			left join %9$s rv on rv.account_id = a.account_id""";

	/**
	 * The points of each factor. Purchases fell by 30% or more when this year's are at
	 * most 70% of last year's, by 10% when at most 90%; nothing fell from nothing. No
	 * purchase for longer than 1.5 × the usual interval is days · 2 > interval · 3 (none
	 * in the 24 months counts as longer).
	 */
	private static final String POINTS = """
			select f.*,
			       case when f.prior_revenue > 0 and f.revenue * 100 <= f.prior_revenue * 70
			            then cast(:pFell30 as integer)
			            when f.prior_revenue > 0 and f.revenue * 100 <= f.prior_revenue * 90
			            then cast(:pFell10 as integer)
			            else 0 end as purchases_points,
			       case when f.days_since_purchase is null or f.days_since_purchase * 2 > f.usual_gap * 3
			            then cast(:pNoPurchase as integer) else 0 end as no_purchase_points,
			       case when f.overdue_complaint is not null or f.recent_complaints >= %1$d
			            then cast(:pComplaints as integer) else 0 end as complaints_points,
			       case when f.satisfaction <= 2 then cast(:pSatLow as integer)
			            when f.satisfaction = 3 then cast(:pSatMid as integer) else 0 end as satisfaction_points,
			       case when f.contact_overdue_days > f.cadence_days
			            then cast(:pContact as integer) else 0 end as contact_points,
			       case when f.lost_deal_id is not null then cast(:pDeal as integer) else 0 end as deal_points,
			       case when f.overdue_receivable > 0 then cast(:pCredit as integer) else 0 end as credit_points
			from (%2$s) f""";

	private static final String INSERT = """
			insert into churn_score (run_id, account_id, owner_id, tier, score, risk_level, revenue, prior_revenue,
			    purchases_points, no_purchase_points, days_since_purchase, usual_gap_days, complaints_points,
			    overdue_complaint_id, complaint_overdue_days, recent_complaints, satisfaction_points, satisfaction,
			    contact_points, contact_overdue_days, cadence_days, deal_points, lost_deal_id, competitor,
			    credit_points, overdue_receivable, receivable_overdue_days)
			select :run, g.account_id, g.owner_id, g.tier, g.score,
			       case when g.score >= %1$d then 'HIGH' when g.score >= %2$d then 'MEDIUM' else 'LOW' end,
			       g.revenue, g.prior_revenue, g.purchases_points, g.no_purchase_points, g.days_since_purchase,
			       cast(g.usual_gap as numeric(10, 1)), g.complaints_points,
			       g.overdue_complaint,
			       g.complaint_overdue_days, g.recent_complaints, g.satisfaction_points, g.satisfaction,
			       g.contact_points, g.contact_overdue_days, g.cadence_days, g.deal_points, g.lost_deal_id,
			       g.competitor, g.credit_points, g.overdue_receivable, g.receivable_overdue_days
			from (select s.*,
			             least(100, s.purchases_points + s.no_purchase_points + s.complaints_points
			                        + s.satisfaction_points + s.contact_points + s.deal_points + s.credit_points) as score
			      from (%3$s) s) g""";

	private final JdbcClient jdbc;

	private final Segmentation segmentation;

	private final DerivedTables derived;

	private final boolean postgres;

	ChurnScoreWriter(JdbcClient jdbc, DatabaseProduct database, Segmentation segmentation, DerivedTables derived) {
		this.jdbc = jdbc;
		this.segmentation = segmentation;
		this.derived = derived;
		this.postgres = database.postgres();
	}

	/**
	 * Scores every customer as of the given day and stores the run with its counts, in
	 * the caller's transaction.
	 * @param at the moment complaints are judged at: now for today's run, the end of the
	 * day for an earlier one
	 * @return the new run's id
	 */
	long write(LocalDate asOf, LocalDateTime at, String startedBy, LocalDateTime startedAt) {
		long started = System.nanoTime();
		long runId = insertRun(asOf, startedBy, startedAt);
		TierSql tier = this.segmentation.latestTierSql();
		PurchaseRhythmSql rhythm = PurchaseRhythmSql.upTo(asOf);
		ComplaintSql complaints = ComplaintSql.at(at, COMPLAINT_DAYS);
		LostDealSql deals = LostDealSql.between(asOf.minusDays(LOST_DEAL_DAYS), asOf);
		CustomerSql customers = CustomerSql.population();
		OverdueReceivableSql receivables = OverdueReceivableSql.asOf(asOf, RECEIVABLE_OVERDUE_DAYS);
		Map<String, Object> params = new HashMap<>();
		params.putAll(customers.params());
		params.putAll(rhythm.params());
		params.putAll(complaints.params());
		params.putAll(deals.params());
		params.putAll(tier.params());
		params.putAll(receivables.params());
		params.putAll(points(loadPoints()));
		params.put("asOf", Date.valueOf(asOf));
		params.put("run", runId);
		// The fragments with a window or a grouping inside are read once each (on H2 they
		// would be evaluated again for every customer); the latest contact and the tier
		// are plain reads by key.
		String facts = FACTS.formatted(GAP_FLOOR_DAYS, tier.cadence("t.tier"), customers.table(),
				this.derived.readOnce(rhythm.table(), "account_id", rhythm.params()),
				this.derived.readOnce(complaints.table(), "account_id", complaints.params()), LastContactSql.table(),
				tier.table(), this.derived.readOnce(deals.table(), "account_id", deals.params()),
				this.derived.readOnce(receivables.table(), "account_id", receivables.params()));
		String sql = INSERT.formatted(RiskLevel.HIGH.from(), RiskLevel.MEDIUM.from(),
				POINTS.formatted(RECENT_COMPLAINTS, facts));
		sumAlongAccounts();
		this.jdbc.sql(sql).params(params).update();
		restorePlanner();
		refreshStatistics();
		long[] counts = this.jdbc
			.sql("""
					select count(*), count(case when s.risk_level = 'HIGH' then 1 end),
					       count(case when s.risk_level = 'MEDIUM' then 1 end), count(case when s.risk_level = 'LOW' then 1 end)
					from churn_score s where s.run_id = :run""")
			.param("run", runId)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4) })
			.single();
		this.jdbc.sql("""
				update churn_run set accounts = :accounts, high_count = :high, medium_count = :medium, low_count = :low,
				    duration_millis = :millis
				where id = :run""")
			.param("accounts", counts[0])
			.param("high", counts[1])
			.param("medium", counts[2])
			.param("low", counts[3])
			.param("run", runId)
			.param("millis", (System.nanoTime() - started) / 1_000_000)
			.update();
		return runId;
	}

	/**
	 * Makes PostgreSQL read the ledger one account at a time along the covering (account,
	 * date) index for the rest of the transaction, as a segmentation run does (decision
	 * 0012): left to itself it hashes every (account, day) and sorts them again for the
	 * interval, which took three quarters of a run (BENCHMARKS.md, churn-risk run). H2
	 * needs nothing.
	 */
	private void sumAlongAccounts() {
		if (this.postgres) {
			this.jdbc.sql("set local enable_hashagg = off").update();
		}
	}

	private void restorePlanner() {
		if (this.postgres) {
			this.jdbc.sql("reset enable_hashagg").update();
		}
	}

	/**
	 * Tells PostgreSQL how many scores there now are before the run reads them back (the
	 * risers compared with the run before): with the statistics of an emptier table it
	 * planned that comparison as a loop over every score per riser, which took minutes at
	 * 100,000 customers until autovacuum caught up (BENCHMARKS.md, churn-risk run).
	 * Analyzing counts the run's own, not yet committed, rows.
	 */
	private void refreshStatistics() {
		if (this.postgres) {
			this.jdbc.sql("analyze churn_score").update();
		}
	}

	/** The points each factor adds today, as the administrator set them. */
	Map<PointsCode, Integer> loadPoints() {
		Map<PointsCode, Integer> points = new EnumMap<>(PointsCode.class);
		this.jdbc.sql("select code, points from churn_factor_points")
			.query((rs, n) -> points.put(PointsCode.valueOf(rs.getString(1)), rs.getInt(2)))
			.list();
		return points;
	}

	private static Map<String, Object> points(Map<PointsCode, Integer> points) {
		Map<String, Object> params = new HashMap<>();
		params.put("pFell30", points.get(PointsCode.PURCHASES_FELL_30));
		params.put("pFell10", points.get(PointsCode.PURCHASES_FELL_10));
		params.put("pNoPurchase", points.get(PointsCode.NO_PURCHASE));
		params.put("pComplaints", points.get(PointsCode.COMPLAINTS));
		params.put("pSatLow", points.get(PointsCode.SATISFACTION_LOW));
		params.put("pSatMid", points.get(PointsCode.SATISFACTION_MIDDLING));
		params.put("pContact", points.get(PointsCode.CONTACT_OVERDUE));
		params.put("pDeal", points.get(PointsCode.DEAL_LOST));
		params.put("pCredit", points.get(PointsCode.CREDIT));
		return params;
	}

	private long insertRun(LocalDate asOf, String startedBy, LocalDateTime startedAt) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("insert into churn_run (as_of, started_by, started_at) values (:asOf, :startedBy, :startedAt)")
			.param("asOf", Date.valueOf(asOf))
			.param("startedBy", startedBy)
			.param("startedAt", Timestamp.valueOf(startedAt))
			.update(key, "id");
		return key.getKey().longValue();
	}

}
