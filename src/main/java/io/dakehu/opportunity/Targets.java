package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountQueries;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Target companies with their intention (DOMAIN.md §9) and sales quotas, per salesperson
 * and period. A salesperson in the editor's scope may be given targets on accounts the
 * editor can see; setting the same company again for the same period changes its
 * intention.
 */
@Service
@Transactional
public class Targets {

	/**
	 * More than a salesperson's year of target companies, fewer than would block a
	 * request.
	 */
	static final int MAX_BULK = 5000;

	private final JdbcClient jdbc;

	private final AccountQueries accounts;

	private final Users users;

	private final AuditTrail audit;

	private final Clock clock;

	Targets(JdbcClient jdbc, AccountQueries accounts, Users users, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Sets one target company.
	 * @return the target and whether it was new
	 */
	public Saved set(CurrentUser editor, TargetInput input) {
		return write(editor, input, 0);
	}

	/**
	 * Sets many target companies in one transaction: a bad line rejects the whole list,
	 * its position in the field name ({@code targets[3].accountId}).
	 */
	public List<TargetView> setAll(CurrentUser editor, List<TargetInput> inputs) {
		if (inputs == null || inputs.isEmpty()) {
			throw new RuleViolationException("targets", "opportunity.validation.required");
		}
		if (inputs.size() > MAX_BULK) {
			throw new RuleViolationException("targets", "opportunity.validation.tooMany", MAX_BULK);
		}
		List<TargetView> saved = new ArrayList<>(inputs.size());
		for (int i = 0; i < inputs.size(); i++) {
			saved.add(write(editor, inputs.get(i), i).target());
		}
		return saved;
	}

	private Saved write(CurrentUser editor, TargetInput input, int index) {
		String prefix = (index > 0 || input == null) ? "targets[" + index + "]." : "";
		if (input == null) {
			throw new RuleViolationException(prefix + "salesperson", "opportunity.validation.required");
		}
		UserSummary salesperson = salesperson(editor, input.salesperson(), prefix + "salesperson");
		if (input.accountId() == null) {
			throw new RuleViolationException(prefix + "accountId", "opportunity.validation.required");
		}
		this.accounts.requireVisible(editor.scope(), input.accountId());
		if (input.intention() == null) {
			throw new RuleViolationException(prefix + "intention", "opportunity.validation.required");
		}
		period(input.from(), input.to(), prefix);
		LocalDateTime now = LocalDateTime.now(this.clock);
		List<TargetView> existing = this.jdbc
			.sql(SELECT + " where t.user_id = :user and t.account_id = :account"
					+ " and t.period_from = :from and t.period_to = :to")
			.param("user", salesperson.id())
			.param("account", input.accountId())
			.param("from", input.from())
			.param("to", input.to())
			.query(Targets::raw)
			.list()
			.stream()
			.map(this::named)
			.toList();
		if (!existing.isEmpty()) {
			TargetView before = existing.get(0);
			if (before.intention() != input.intention()) {
				this.jdbc
					.sql("update sales_target set intention = :intention, updated_at = :now, version = version + 1"
							+ " where id = :id")
					.param("intention", input.intention().name())
					.param("now", now)
					.param("id", before.id())
					.update();
				this.audit.changed("SalesTarget", before.id(), input.accountId(),
						Map.of("intention", before.intention().name()), Map.of("intention", input.intention().name()));
			}
			return new Saved(get(editor.scope(), before.id()), false);
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("""
					insert into sales_target (user_id, account_id, intention, period_from, period_to, created_at, updated_at)
					values (:user, :account, :intention, :from, :to, :now, :now)""")
			.param("user", salesperson.id())
			.param("account", input.accountId())
			.param("intention", input.intention().name())
			.param("from", input.from())
			.param("to", input.to())
			.param("now", now)
			.update(keys, "id");
		long id = keys.getKeyAs(Long.class);
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("salesperson", salesperson.username());
		values.put("intention", input.intention().name());
		values.put("from", input.from());
		values.put("to", input.to());
		this.audit.created("SalesTarget", id, input.accountId(), values);
		return new Saved(get(editor.scope(), id), true);
	}

	/** Changes a target's intention, checked against the version the editor saw. */
	public TargetView changeIntention(CurrentUser editor, long id, Intention intention, Integer expectedVersion) {
		TargetView before = get(editor.scope(), id);
		if (intention == null) {
			throw new RuleViolationException("intention", "opportunity.validation.required");
		}
		StaleEditException.check("SalesTarget", id, expectedVersion, before.version());
		int updated = this.jdbc
			.sql("update sales_target set intention = :intention, updated_at = :now, version = version + 1"
					+ " where id = :id and version = :version")
			.param("intention", intention.name())
			.param("now", LocalDateTime.now(this.clock))
			.param("id", id)
			.param("version", expectedVersion)
			.update();
		if (updated == 0) {
			throw new StaleEditException("SalesTarget", id, get(editor.scope(), id).version());
		}
		this.audit.changed("SalesTarget", id, before.accountId(), Map.of("intention", before.intention().name()),
				Map.of("intention", intention.name()));
		return get(editor.scope(), id);
	}

	public void remove(CurrentUser editor, long id) {
		TargetView target = get(editor.scope(), id);
		this.jdbc.sql("delete from sales_target where id = :id").param("id", id).update();
		this.audit.deleted("SalesTarget", id, target.accountId(), Map.of("intention", target.intention().name()));
	}

	/**
	 * A target, if its salesperson is in the reader's scope.
	 * @throws NotFoundException otherwise
	 */
	@Transactional(readOnly = true)
	public TargetView get(RecordScope scope, long id) {
		return this.jdbc.sql(SELECT + " where t.id = :id")
			.param("id", id)
			.query(Targets::raw)
			.optional()
			.map(this::named)
			.filter((target) -> scope.all() || scope.ownerIds().contains(target.salespersonId()))
			.orElseThrow(() -> new NotFoundException("SalesTarget", id));
	}

	/**
	 * The explicit targets of salespeople in the reader's scope whose period overlaps the
	 * given one, by salesperson and account name.
	 * @param salespersonId null for everyone in scope
	 */
	@Transactional(readOnly = true)
	public List<TargetView> list(RecordScope scope, Long salespersonId, LocalDate from, LocalDate to) {
		StringBuilder sql = new StringBuilder(SELECT).append(" where t.period_from <= :to and t.period_to >= :from");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("from", from);
		params.put("to", to);
		if (!scope.all()) {
			sql.append(" and t.user_id in (:salespeople)");
			params.put("salespeople", scope.ownerIds());
		}
		if (salespersonId != null) {
			sql.append(" and t.user_id = :user");
			params.put("user", salespersonId);
		}
		List<TargetView> raw = this.jdbc.sql(sql.toString()).params(params).query(Targets::raw).list();
		Set<Long> userIds = new HashSet<>();
		Set<Long> accountIds = new HashSet<>();
		raw.forEach((t) -> {
			userIds.add(t.salespersonId());
			accountIds.add(t.accountId());
		});
		Map<Long, String> people = this.users.displayNames(userIds);
		Map<Long, String> names = this.accounts.names(accountIds);
		List<TargetView> named = new ArrayList<>(raw.size());
		raw.forEach((t) -> named.add(new TargetView(t.id(), t.salespersonId(), people.get(t.salespersonId()),
				t.accountId(), names.get(t.accountId()), t.intention(), t.from(), t.to(), t.version())));
		named.sort(java.util.Comparator
			.comparing(TargetView::salesperson, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
			.thenComparing(TargetView::accountName, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
			.thenComparing(TargetView::from));
		return named;
	}

	/**
	 * Sets a salesperson's sales quota for a period (replacing the one for exactly that
	 * period). Only someone above the salesperson sets it: their manager, a director or
	 * an administrator; a salesperson reads their quota but never writes it.
	 * @throws AccessDeniedException when the editor is not above the salesperson
	 */
	public QuotaView setQuota(CurrentUser editor, String username, LocalDate from, LocalDate to, BigDecimal amount) {
		if (!editor.managesOthers()) {
			throw new AccessDeniedException("a quota is set by the salesperson's manager");
		}
		if (username == null || username.isBlank()) {
			throw new RuleViolationException("salesperson", "opportunity.validation.required");
		}
		UserSummary salesperson = this.users.requireActive(username.strip(), "salesperson");
		if (!setsQuotaOf(editor, salesperson.id())) {
			throw new AccessDeniedException("a quota is set by the salesperson's manager");
		}
		period(from, to, "");
		if (amount == null || amount.signum() < 0 || amount.precision() - amount.scale() > 17) {
			throw new RuleViolationException("amount", "opportunity.validation.amount");
		}
		int updated = this.jdbc.sql("""
				update sales_quota set amount = :amount, version = version + 1
				where user_id = :user and period_from = :from and period_to = :to""")
			.param("amount", amount)
			.param("user", salesperson.id())
			.param("from", from)
			.param("to", to)
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("insert into sales_quota (user_id, period_from, period_to, amount)"
						+ " values (:user, :from, :to, :amount)")
				.param("amount", amount)
				.param("user", salesperson.id())
				.param("from", from)
				.param("to", to)
				.update();
		}
		QuotaView quota = quotas(editor.scope(), from, to).stream()
			.filter((q) -> q.salespersonId() == salesperson.id() && q.from().equals(from) && q.to().equals(to))
			.findFirst()
			.orElseThrow();
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("salesperson", salesperson.username());
		values.put("from", from);
		values.put("to", to);
		values.put("amount", amount);
		this.audit.created("SalesQuota", quota.id(), null, values);
		return quota;
	}

	/**
	 * The salespeople whose quota the editor may set, for the quota form: none for a
	 * salesperson.
	 */
	@Transactional(readOnly = true)
	public List<UserSummary> quotaHolders(CurrentUser editor) {
		if (!editor.managesOthers()) {
			return List.of();
		}
		return salespeople(editor.scope()).stream().filter((user) -> setsQuotaOf(editor, user.id())).toList();
	}

	/**
	 * Directors and administrators set anyone's quota; a manager those of their team but
	 * not their own, which is set from above.
	 */
	private static boolean setsQuotaOf(CurrentUser editor, long salespersonId) {
		if (editor.scope().all()) {
			return true;
		}
		return editor.managesOthers() && salespersonId != editor.id()
				&& editor.scope().ownerIds().contains(salespersonId);
	}

	/** Quotas lying inside the period, of salespeople in the reader's scope. */
	@Transactional(readOnly = true)
	public List<QuotaView> quotas(RecordScope scope, LocalDate from, LocalDate to) {
		StringBuilder sql = new StringBuilder("""
				select q.id, q.user_id, q.period_from, q.period_to, q.amount, q.version
				from sales_quota q
				where q.period_from >= :from and q.period_to <= :to""");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("from", from);
		params.put("to", to);
		if (!scope.all()) {
			sql.append(" and q.user_id in (:salespeople)");
			params.put("salespeople", scope.ownerIds());
		}
		List<QuotaView> quotas = this.jdbc.sql(sql.append(" order by q.user_id, q.period_from").toString())
			.params(params)
			.query((rs, n) -> new QuotaView(rs.getLong(1), rs.getLong(2), null, rs.getObject(3, LocalDate.class),
					rs.getObject(4, LocalDate.class), rs.getBigDecimal(5), rs.getInt(6)))
			.list();
		Map<Long, String> people = this.users.displayNames(quotas.stream().map(QuotaView::salespersonId).toList());
		return quotas.stream()
			.map((q) -> new QuotaView(q.id(), q.salespersonId(), people.get(q.salespersonId()), q.from(), q.to(),
					q.amount(), q.version()))
			.toList();
	}

	private UserSummary salesperson(CurrentUser editor, String username, String field) {
		if (username == null || username.isBlank()) {
			throw new RuleViolationException(field, "opportunity.validation.required");
		}
		UserSummary user = this.users.requireActive(username.strip(), field);
		if (!editor.scope().all() && !editor.scope().ownerIds().contains(user.id())) {
			throw new RuleViolationException(field, "validation.ownerOutsideScope", username);
		}
		return user;
	}

	private static void period(LocalDate from, LocalDate to, String prefix) {
		if (from == null) {
			throw new RuleViolationException(prefix + "from", "opportunity.validation.required");
		}
		if (to == null) {
			throw new RuleViolationException(prefix + "to", "opportunity.validation.required");
		}
		if (to.isBefore(from)) {
			throw new RuleViolationException(prefix + "to", "opportunity.validation.periodOrder");
		}
	}

	/** Salespeople the reader may see targets of, for pickers. */
	@Transactional(readOnly = true)
	public List<UserSummary> salespeople(RecordScope scope) {
		Set<Long> owners = new HashSet<>(scope.ownerIds());
		return this.users.active().stream().filter((user) -> scope.all() || owners.contains(user.id())).toList();
	}

	/** Ids only: names come from the identity and account modules' services. */
	private static final String SELECT = """
			select t.id, t.user_id, t.account_id, t.intention, t.period_from, t.period_to, t.version
			from sales_target t""";

	private static TargetView raw(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new TargetView(rs.getLong(1), rs.getLong(2), null, rs.getLong(3), null,
				Intention.valueOf(rs.getString(4)), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
				rs.getInt(7));
	}

	private TargetView named(TargetView t) {
		String person = this.users.displayNames(List.of(t.salespersonId())).get(t.salespersonId());
		String account = this.accounts.names(List.of(t.accountId())).get(t.accountId());
		return new TargetView(t.id(), t.salespersonId(), person, t.accountId(), account, t.intention(), t.from(),
				t.to(), t.version());
	}

	/** A target as saved, and whether the request created it. */
	public record Saved(TargetView target, boolean created) {
	}

}
