package io.dakehu.loyalty;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.approval.ApprovalSubject;
import io.dakehu.approval.ApprovalView;
import io.dakehu.approval.Approvals;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.segmentation.Segmentation;
import io.dakehu.segmentation.TierSql;
import io.dakehu.shared.MonthGrid;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;
import io.dakehu.shared.web.Labels;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Loyalty actions (DOMAIN.md §10.5), the public face of the module. An action is visible
 * to whoever may see its account; every change is audited on the account and guarded by
 * the action's version. Gifts, hosting and any action whose budget is above
 * {@code dakehu.loyalty.approval-above} (5,000 unless set) wait for approval (§10.6)
 * before they may be carried out.
 */
@Service
@Transactional(readOnly = true)
public class LoyaltyActions {

	static final String AUDIT_TYPE = "LoyaltyAction";

	/** The kind the approval flow knows these actions by. */
	public static final String APPROVAL_KIND = "loyalty-action";

	/** The most actions one list, month or account shows. */
	public static final int MAX_ROWS_SHOWN = 1000;

	private final LoyaltyActionRepository repository;

	private final JdbcClient jdbc;

	private final AccountQueries accounts;

	private final Users users;

	private final Approvals approvals;

	private final Segmentation segmentation;

	private final AuditTrail audit;

	private final Labels labels;

	private final Clock clock;

	private final BigDecimal approvalAbove;

	LoyaltyActions(LoyaltyActionRepository repository, JdbcClient jdbc, AccountQueries accounts, Users users,
			Approvals approvals, Segmentation segmentation, AuditTrail audit, Labels labels, Clock clock,
			@Value("${dakehu.loyalty.approval-above:5000}") BigDecimal approvalAbove) {
		this.repository = repository;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.users = users;
		this.approvals = approvals;
		this.segmentation = segmentation;
		this.audit = audit;
		this.labels = labels;
		this.clock = clock;
		this.approvalAbove = approvalAbove;
	}

	/** Whether an action of this type and budget must be approved before it is done. */
	public boolean needsApproval(LoyaltyType type, BigDecimal budget) {
		return type.alwaysApproved() || budget.compareTo(this.approvalAbove) > 0;
	}

	/** The budget above which any action needs approval. */
	public BigDecimal approvalAbove() {
		return this.approvalAbove;
	}

	/**
	 * Plans an action and, when it needs one, asks for its approval in the same step.
	 * @throws NotFoundException when the reader may not see the account
	 * @throws RuleViolationException on {@code owner} for an unknown user, on
	 * {@code amount} when nobody could approve it
	 */
	@Transactional
	public LoyaltyActionView plan(CurrentUser me, LoyaltyActionInput input) {
		AccountRef account = this.accounts.requireVisible(me.scope(), input.accountId());
		LoyaltyAction.Plan plan = toPlan(me, input);
		LoyaltyAction action = LoyaltyAction.plan(account.id(), plan, me.id(), LocalDateTime.now(this.clock));
		boolean ask = needsApproval(plan.type(), plan.budget());
		if (ask) {
			action.awaitApproval();
		}
		LoyaltyAction saved = this.repository.save(action);
		this.audit.created(AUDIT_TYPE, saved.getId(), account.id(), saved.auditValues());
		if (ask) {
			ask(me, saved, account, input.reason());
		}
		return view(saved.getId());
	}

	/**
	 * A new plan for an action still planned or rejected; asks for approval again when
	 * the new plan needs it.
	 * @throws RuleViolationException on {@code accountId} when it names another account
	 */
	@Transactional
	public LoyaltyActionView update(CurrentUser me, long id, LoyaltyActionInput input) {
		LoyaltyActionView current = get(me.scope(), id);
		if (input.accountId() != null && input.accountId() != current.accountId()) {
			throw new RuleViolationException("accountId", "validation.loyalty.accountFixed");
		}
		AccountRef account = this.accounts.requireVisible(me.scope(), current.accountId());
		LoyaltyAction.Plan plan = toPlan(me, input);
		return change(me, id, input.version(), (action) -> {
			action.revise(plan);
			if (needsApproval(plan.type(), plan.budget())) {
				action.awaitApproval();
				ask(me, action, account, input.reason());
			}
		});
	}

	/**
	 * Carried out at this cost.
	 * @throws LoyaltyStateException unless it is planned without need of approval or
	 * approved
	 * @throws RuleViolationException on {@code spend} when it is missing or negative
	 */
	@Transactional
	public LoyaltyActionView done(CurrentUser me, long id, Integer version, BigDecimal spend, LocalDate on) {
		if (spend == null || spend.signum() < 0) {
			throw new RuleViolationException("spend", "validation.loyalty.spend");
		}
		LocalDate day = (on != null) ? on : LocalDate.now(this.clock);
		if (day.isAfter(LocalDate.now(this.clock))) {
			throw new RuleViolationException("doneOn", "validation.loyalty.doneInFuture");
		}
		return change(me, id, version, (action) -> action.done(spend, day));
	}

	/**
	 * Its outcome and effect, once done.
	 * @throws RuleViolationException on {@code outcome} or {@code effect} when missing
	 */
	@Transactional
	public LoyaltyActionView evaluate(CurrentUser me, long id, Integer version, String outcome, LoyaltyEffect effect) {
		if (!StringUtils.hasText(outcome) || outcome.strip().length() > 2000) {
			throw new RuleViolationException("outcome", "validation.loyalty.outcome");
		}
		if (effect == null) {
			throw new RuleViolationException("effect", "validation.required");
		}
		return change(me, id, version, (action) -> action.evaluate(outcome.strip(), effect));
	}

	/**
	 * @throws NotFoundException when it does not exist or its account is out of scope
	 */
	public LoyaltyActionView get(RecordScope scope, long id) {
		List<LoyaltyActionView> found = list(scope, LoyaltyFilter.one(id), 1);
		if (found.isEmpty()) {
			throw new NotFoundException(AUDIT_TYPE, id);
		}
		return found.get(0);
	}

	/** The approvals asked for an action, newest first. */
	public List<ApprovalView> approvals(RecordScope scope, long id) {
		get(scope, id);
		return this.approvals.forSubject(APPROVAL_KIND, id);
	}

	/** Actions the reader may see, by planned day, latest first. */
	public List<LoyaltyActionView> list(RecordScope scope, LoyaltyFilter filter, int limit) {
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "l.account_id");
		StringBuilder sql = new StringBuilder("""
				select l.id, l.account_id, l.action_type, l.owner_id, l.planned_on, l.budget, l.description, l.status,
				       l.spend, l.done_on, l.outcome, l.effect, l.version
				from loyalty_action l where """).append(" ").append(scopeSql.condition());
		Map<String, Object> params = new HashMap<>(scopeSql.params());
		if (filter.id() != null) {
			sql.append(" and l.id = :id");
			params.put("id", filter.id());
		}
		if (filter.accountId() != null) {
			sql.append(" and l.account_id = :account");
			params.put("account", filter.accountId());
		}
		if (filter.ownerId() != null) {
			sql.append(" and l.owner_id = :owner");
			params.put("owner", filter.ownerId());
		}
		if (filter.status() != null) {
			sql.append(" and l.status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.from() != null) {
			sql.append(" and l.planned_on >= :from");
			params.put("from", filter.from());
		}
		if (filter.to() != null) {
			sql.append(" and l.planned_on <= :to");
			params.put("to", filter.to());
		}
		sql.append(" order by l.planned_on desc, l.id desc limit :limit");
		params.put("limit", Math.min(limit, MAX_ROWS_SHOWN));
		List<Row> rows = this.jdbc.sql(sql.toString()).params(params).query(LoyaltyActions::row).list();
		Map<Long, String> accountNames = this.accounts.names(rows.stream().map(Row::accountId).toList());
		Map<Long, UserSummary> owners = this.users.byIds(rows.stream().map(Row::ownerId).toList());
		return rows.stream().map((r) -> {
			UserSummary owner = owners.get(r.ownerId());
			return new LoyaltyActionView(r.id(), r.accountId(), accountNames.get(r.accountId()), r.type(),
					(owner != null) ? owner.username() : null, (owner != null) ? owner.displayName() : null,
					r.plannedOn(), r.budget(), r.description(), r.status(), r.spend(), r.doneOn(), r.outcome(),
					r.effect(), needsApproval(r.type(), r.budget()), r.version());
		}).toList();
	}

	/**
	 * The actions planned in a month in the reader's scope (or only their own), by day:
	 * Monday-first weeks covering the whole month.
	 */
	public LoyaltyCalendar month(CurrentUser me, YearMonth month, boolean onlyMine) {
		LoyaltyFilter filter = new LoyaltyFilter(null, null, onlyMine ? me.id() : null, null, MonthGrid.start(month),
				MonthGrid.end(month));
		Map<LocalDate, List<LoyaltyActionView>> byDay = new HashMap<>();
		list(me.scope(), filter, MAX_ROWS_SHOWN).stream()
			.filter((a) -> a.status() != LoyaltyStatus.REJECTED)
			.sorted(Comparator.comparing(LoyaltyActionView::id))
			.forEach((a) -> byDay.computeIfAbsent(a.plannedOn(), (d) -> new ArrayList<>()).add(a));
		LocalDate today = LocalDate.now(this.clock);
		List<List<LoyaltyCalendar.Day>> weeks = MonthGrid.weeks(month, (day, inMonth) -> new LoyaltyCalendar.Day(day,
				inMonth, day.equals(today), byDay.getOrDefault(day, List.of())));
		return new LoyaltyCalendar(month, weeks);
	}

	/**
	 * Budget and spend on the actions planned in a year in the reader's scope, per tier
	 * of the latest segmentation run (Small when unranked) and per owner. One grouped
	 * query.
	 */
	public LoyaltyBudget budget(RecordScope scope, int year) {
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "l.account_id");
		TierSql tier = this.segmentation.latestTierSql();
		Map<String, Object> params = new HashMap<>(scopeSql.params());
		params.putAll(tier.params());
		params.put("yearStart", LocalDate.of(year, 1, 1));
		params.put("yearEnd", LocalDate.of(year, 12, 31));
		String sql = "select coalesce(t.tier, 'SMALL'), l.owner_id, count(*),"
				+ " coalesce(sum(case when l.status <> 'REJECTED' then l.budget else 0 end), 0),"
				+ " coalesce(sum(l.spend), 0) from loyalty_action l left join " + tier.table()
				+ " t on t.account_id = l.account_id where l.planned_on between :yearStart and :yearEnd and "
				+ scopeSql.condition() + " group by coalesce(t.tier, 'SMALL'), l.owner_id";
		List<Cell> cells = this.jdbc.sql(sql)
			.params(params)
			.query((rs, n) -> new Cell(rs.getString(1).strip(), rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4),
					rs.getBigDecimal(5)))
			.list();
		Map<String, LoyaltyBudget.Line> byTier = new LinkedHashMap<>();
		for (String code : List.of("VIP", "MAJOR", "ORDINARY", "SMALL")) {
			byTier.put(code, new LoyaltyBudget.Line(code, code, 0, BigDecimal.ZERO, BigDecimal.ZERO));
		}
		Map<Long, UserSummary> owners = this.users.byIds(cells.stream().map(Cell::ownerId).toList());
		Map<Long, LoyaltyBudget.Line> byOwner = new HashMap<>();
		LoyaltyBudget.Line total = new LoyaltyBudget.Line(null, null, 0, BigDecimal.ZERO, BigDecimal.ZERO);
		for (Cell cell : cells) {
			byTier.merge(cell.tier(), cell.line(cell.tier(), cell.tier()), LoyaltyActions::add);
			UserSummary owner = owners.get(cell.ownerId());
			byOwner.merge(cell.ownerId(), cell.line(owner.username(), owner.displayName()), LoyaltyActions::add);
			total = add(total, cell.line(null, null));
		}
		List<LoyaltyBudget.Line> ownerLines = new ArrayList<>(byOwner.values());
		ownerLines
			.sort(Comparator.comparing(LoyaltyBudget.Line::budget).reversed().thenComparing(LoyaltyBudget.Line::key));
		return new LoyaltyBudget(year, new ArrayList<>(byTier.values()), ownerLines, total);
	}

	private static LoyaltyBudget.Line add(LoyaltyBudget.Line a, LoyaltyBudget.Line b) {
		return new LoyaltyBudget.Line(a.key(), a.label(), a.actions() + b.actions(), a.budget().add(b.budget()),
				a.spend().add(b.spend()));
	}

	/**
	 * Follows the approver's decision on an action: approved or rejected, audited on the
	 * account. Runs in the decision's transaction, without the decider's scope: the
	 * approval flow let them decide.
	 */
	@Transactional
	void decided(long id, boolean approved) {
		LoyaltyAction action = load(id);
		Map<String, Object> before = action.auditValues();
		action.decided(approved);
		LoyaltyAction saved = this.repository.save(action);
		this.audit.changed(AUDIT_TYPE, id, saved.getAccountId(), before, saved.auditValues());
	}

	/**
	 * Asks the approval flow. The title is written in the planner's language: the request
	 * keeps it as text, since the approval module knows nothing of loyalty types.
	 */
	private void ask(CurrentUser me, LoyaltyAction action, AccountRef account, String reason) {
		String title = this.labels.get("loyalty.type." + action.getType().name()) + " · " + account.name();
		this.approvals.request(me.id(), new ApprovalSubject(APPROVAL_KIND, action.getId(), account.id(), title,
				"/loyalty-actions/" + action.getId(), action.getBudget(), reason));
	}

	private LoyaltyAction.Plan toPlan(CurrentUser me, LoyaltyActionInput input) {
		long owner = StringUtils.hasText(input.owner()) ? this.users.requireActive(input.owner().strip(), "owner").id()
				: me.id();
		String description = StringUtils.hasText(input.description()) ? input.description().strip() : null;
		return new LoyaltyAction.Plan(input.type(), owner, input.plannedOn(), input.budget(), description);
	}

	private LoyaltyActionView change(CurrentUser me, long id, Integer version, Consumer<LoyaltyAction> step) {
		get(me.scope(), id);
		LoyaltyAction action = load(id);
		StaleEditException.check(AUDIT_TYPE, id, version, action.getVersion());
		Map<String, Object> before = action.auditValues();
		step.accept(action);
		LoyaltyAction saved = this.repository.save(action);
		this.audit.changed(AUDIT_TYPE, id, saved.getAccountId(), before, saved.auditValues());
		return view(id);
	}

	private LoyaltyAction load(long id) {
		return this.repository.findById(id).orElseThrow(() -> new NotFoundException(AUDIT_TYPE, id));
	}

	private LoyaltyActionView view(long id) {
		// Read back without scope: the caller has just checked it.
		return list(RecordScope.everything(0), LoyaltyFilter.one(id), 1).get(0);
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		String effect = rs.getString(12);
		return new Row(rs.getLong(1), rs.getLong(2), LoyaltyType.valueOf(rs.getString(3).strip()), rs.getLong(4),
				rs.getDate(5).toLocalDate(), rs.getBigDecimal(6), rs.getString(7),
				LoyaltyStatus.valueOf(rs.getString(8).strip()), rs.getBigDecimal(9), date(rs.getDate(10)),
				rs.getString(11), (effect != null) ? LoyaltyEffect.valueOf(effect.strip()) : null, rs.getInt(13));
	}

	private static LocalDate date(Date date) {
		return (date != null) ? date.toLocalDate() : null;
	}

	private record Row(long id, long accountId, LoyaltyType type, long ownerId, LocalDate plannedOn, BigDecimal budget,
			String description, LoyaltyStatus status, BigDecimal spend, LocalDate doneOn, String outcome,
			LoyaltyEffect effect, int version) {
	}

	private record Cell(String tier, long ownerId, long actions, BigDecimal budget, BigDecimal spend) {

		LoyaltyBudget.Line line(String key, String label) {
			return new LoyaltyBudget.Line(key, label, this.actions, this.budget, this.spend);
		}

	}

}
