package io.dakehu.retention;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountNameSql;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.identity.RecordScope;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading churn risks: the at-risk list of the latest run in the reader's scope, one
 * account's risk and its history. A KAM sees their own and shared accounts, a manager the
 * team's, a director everything, as everywhere; an account outside the scope is not
 * found.
 */
@Service
@Transactional(readOnly = true)
public class ChurnRisks {

	private static final String COLUMNS = """
			s.run_id, r.as_of, s.account_id, %s as account_name, s.owner_id, s.tier, s.score, s.risk_level,
			s.revenue, s.prior_revenue, s.purchases_points, s.no_purchase_points, s.days_since_purchase,
			s.usual_gap_days, s.complaints_points, s.overdue_complaint_id, s.complaint_overdue_days,
			s.recent_complaints, s.satisfaction_points, s.satisfaction, s.contact_points, s.contact_overdue_days,
			s.cadence_days, s.deal_points, s.lost_deal_id, s.competitor, s.credit_points, s.overdue_receivable,
			s.receivable_overdue_days""";

	private static final String FROM = " from churn_score s join churn_run r on r.id = s.run_id";

	private final JdbcClient jdbc;

	private final ChurnRuns runs;

	private final AccountQueries accounts;

	ChurnRisks(JdbcClient jdbc, ChurnRuns runs, AccountQueries accounts) {
		this.jdbc = jdbc;
		this.runs = runs;
		this.accounts = accounts;
	}

	/**
	 * The latest run's customers in the scope at the given levels, sorted; empty before
	 * the first run.
	 * @param ownerId only this owner's accounts; null for the whole scope
	 */
	public PageResult<ChurnRisk> list(RecordScope scope, Set<RiskLevel> levels, Long ownerId, RiskSort sort,
			PageRequest page) {
		Long run = this.runs.latest().map(ChurnRun::id).orElse(null);
		if (run == null || levels.isEmpty()) {
			return new PageResult<>(List.of(), page.page(), page.size(), 0);
		}
		AccountScopeSql scoped = AccountScopeSql.of(scope, "s.account_id");
		Map<String, Object> params = new HashMap<>(scoped.params());
		params.put("run", run);
		params.put("levels", levels.stream().map(Enum::name).toList());
		StringBuilder where = new StringBuilder(" where s.run_id = :run and s.risk_level in (:levels) and ")
			.append(scoped.condition());
		if (ownerId != null) {
			where.append(" and s.owner_id = :owner");
			params.put("owner", ownerId);
		}
		long total = this.jdbc.sql("select count(*) from churn_score s" + where)
			.params(params)
			.query(Long.class)
			.single();
		if (total == 0) {
			return new PageResult<>(List.of(), page.page(), page.size(), 0);
		}
		List<ChurnRisk> rows = this.jdbc
			.sql("select " + COLUMNS.formatted(AccountNameSql.name("an")) + FROM
					+ AccountNameSql.join("an", "s.account_id") + where + " order by " + sort.orderBy()
					+ " limit :limit offset :offset")
			.params(params)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(ChurnRisks::risk)
			.list();
		return new PageResult<>(rows, page.page(), page.size(), total);
	}

	/**
	 * The account's risk in the latest run.
	 * @throws NotFoundException when the reader may not read the account or the latest
	 * run did not score it (a prospect, a lost customer, or no run yet)
	 */
	public ChurnRisk forAccount(RecordScope scope, long accountId) {
		this.accounts.requireReadable(scope, accountId);
		Long run = this.runs.latest()
			.map(ChurnRun::id)
			.orElseThrow(() -> new NotFoundException("ChurnRisk", accountId));
		return this.jdbc
			.sql("select " + COLUMNS.formatted(AccountNameSql.name("an")) + FROM
					+ AccountNameSql.join("an", "s.account_id") + " where s.run_id = :run and s.account_id = :account")
			.param("run", run)
			.param("account", accountId)
			.query(ChurnRisks::risk)
			.optional()
			.orElseThrow(() -> new NotFoundException("ChurnRisk", accountId));
	}

	/** The account's score in each run, newest first. */
	public List<HistoryPoint> history(RecordScope scope, long accountId, int limit) {
		this.accounts.requireReadable(scope, accountId);
		return this.jdbc.sql("""
				select s.run_id, r.as_of, s.score, s.risk_level from churn_score s join churn_run r on r.id = s.run_id
				where s.account_id = :account order by r.as_of desc, r.id desc limit :limit""")
			.param("account", accountId)
			.param("limit", limit)
			.query((rs, n) -> new HistoryPoint(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getInt(3),
					RiskLevel.valueOf(rs.getString(4))))
			.list();
	}

	private static ChurnRisk risk(ResultSet rs, int n) throws SQLException {
		BigDecimal revenue = rs.getBigDecimal("revenue");
		BigDecimal prior = rs.getBigDecimal("prior_revenue");
		List<ChurnRisk.Factor> factors = new ArrayList<>();
		Map<String, Object> fell = new LinkedHashMap<>();
		if (prior.signum() > 0) {
			fell.put("changePercent",
					revenue.subtract(prior)
						.multiply(BigDecimal.valueOf(100))
						.divide(prior, 0, RoundingMode.HALF_UP)
						.intValue());
		}
		fell.put("revenue", revenue);
		fell.put("priorRevenue", prior);
		factors.add(new ChurnRisk.Factor(ChurnFactor.PURCHASES_FELL, rs.getInt("purchases_points"), fell));
		Map<String, Object> gap = new LinkedHashMap<>();
		putIfKnown(gap, "daysSincePurchase", rs.getObject("days_since_purchase", Integer.class));
		gap.put("usualDays", days(rs.getBigDecimal("usual_gap_days")));
		factors.add(new ChurnRisk.Factor(ChurnFactor.NO_PURCHASE, rs.getInt("no_purchase_points"), gap));
		Map<String, Object> complaints = new LinkedHashMap<>();
		putIfKnown(complaints, "complaintId", rs.getObject("overdue_complaint_id", Long.class));
		putIfKnown(complaints, "overdueDays", rs.getObject("complaint_overdue_days", Integer.class));
		complaints.put("recentComplaints", rs.getInt("recent_complaints"));
		factors.add(new ChurnRisk.Factor(ChurnFactor.COMPLAINTS, rs.getInt("complaints_points"), complaints));
		Map<String, Object> satisfaction = new LinkedHashMap<>();
		putIfKnown(satisfaction, "satisfaction", rs.getObject("satisfaction", Integer.class));
		factors.add(new ChurnRisk.Factor(ChurnFactor.SATISFACTION, rs.getInt("satisfaction_points"), satisfaction));
		Map<String, Object> contact = new LinkedHashMap<>();
		putIfKnown(contact, "overdueDays", rs.getObject("contact_overdue_days", Integer.class));
		contact.put("cadenceDays", rs.getInt("cadence_days"));
		factors.add(new ChurnRisk.Factor(ChurnFactor.CONTACT_OVERDUE, rs.getInt("contact_points"), contact));
		Map<String, Object> deal = new LinkedHashMap<>();
		putIfKnown(deal, "opportunityId", rs.getObject("lost_deal_id", Long.class));
		putIfKnown(deal, "competitor", rs.getString("competitor"));
		factors.add(new ChurnRisk.Factor(ChurnFactor.DEAL_LOST, rs.getInt("deal_points"), deal));
		Map<String, Object> credit = new LinkedHashMap<>();
		putIfKnown(credit, "overdueAmount", rs.getBigDecimal("overdue_receivable"));
		putIfKnown(credit, "overdueDays", rs.getObject("receivable_overdue_days", Integer.class));
		factors.add(new ChurnRisk.Factor(ChurnFactor.CREDIT, rs.getInt("credit_points"), credit));
		long owner = rs.getLong("owner_id");
		Long ownerId = rs.wasNull() ? null : owner;
		return new ChurnRisk(rs.getLong("run_id"), rs.getDate("as_of").toLocalDate(), rs.getLong("account_id"),
				rs.getString("account_name"), ownerId, rs.getString("tier").strip(), rs.getInt("score"),
				RiskLevel.valueOf(rs.getString("risk_level")), revenue, prior, ChurnRisk.ordered(factors));
	}

	/** Whole days as an integer, a median between two days with its half. */
	private static Number days(BigDecimal days) {
		BigDecimal whole = days.setScale(0, RoundingMode.DOWN);
		return (whole.compareTo(days) == 0) ? (Number) whole.intValueExact() : days.setScale(1, RoundingMode.HALF_UP);
	}

	private static void putIfKnown(Map<String, Object> facts, String name, Object value) {
		if (value != null) {
			facts.put(name, value);
		}
	}

	/** An account's score in one run. */
	public record HistoryPoint(long runId, LocalDate asOf, int score, RiskLevel level) {
	}

}
