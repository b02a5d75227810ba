package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.account.CustomerSql;
import io.dakehu.account.AccountRef;
import io.dakehu.account.KeyAccountType;
import io.dakehu.account.KeyAccounts;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.segmentation.SegmentationSettings;
import io.dakehu.segmentation.SettingsStore;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customer selection (DOMAIN.md §6): an account scored on the selection card's criteria,
 * the three principles checked (the CLV from the evaluator's expected figures, the
 * owner's and the team's key accounts against their maximums), the result with its
 * reasons; a manager's acceptance of a recommendation makes the account a key account of
 * its owner. Every read and write is limited to the accounts the user may see.
 */
@Service
@Transactional(readOnly = true)
public class Selections {

	static final String AUDIT_TYPE = "SelectionEvaluation";

	/** The longest relationship a CLV estimate looks at, as the segmentation settings. */
	static final int MAX_YEARS = 50;

	static final int NOTE_LENGTH = 1000;

	private final SelectionEvaluationRepository repository;

	private final Scorecards scorecards;

	private final AccountQueries accounts;

	private final KeyAccounts keyAccounts;

	private final SettingsStore settings;

	private final Users users;

	private final AuditTrail audit;

	private final JdbcClient jdbc;

	private final Clock clock;

	Selections(SelectionEvaluationRepository repository, Scorecards scorecards, AccountQueries accounts,
			KeyAccounts keyAccounts, SettingsStore settings, Users users, AuditTrail audit, JdbcClient jdbc,
			Clock clock) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.scorecards = scorecards;
		this.accounts = accounts;
		this.keyAccounts = keyAccounts;
		this.settings = settings;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Evaluates an account. Nothing is stored when an input is refused.
	 * @throws NotFoundException when the account is out of scope
	 * @throws RuleViolationException naming the criterion or figure refused
	 */
	@Transactional
	public SelectionView evaluate(CurrentUser me, long accountId, SelectionRequest request) {
		AccountRef account = this.accounts.requireVisible(me.scope(), accountId);
		if (account.ownerId() == null) {
			throw new RuleViolationException("owner", "validation.selection.noOwner");
		}
		ScorecardVersion card = this.scorecards.current(ScorecardKind.SELECTION);
		Locale locale = LocaleContextHolder.getLocale();
		Score score = card.evaluate(request.inputs(), Map.of(), Map.of(), locale);
		for (ScoredIndicator line : score.indicators()) {
			if (line.missing()) {
				Indicator indicator = card.indicator(line.number()).orElseThrow();
				throw new RuleViolationException("inputs." + line.number(), "validation.selection.criterionMissing",
						indicator.label(locale));
			}
		}
		BigDecimal purchases = Figures.amount(request.expectedYearlyPurchases(), "expectedYearlyPurchases", null);
		BigDecimal margin = Figures.percent(request.expectedMarginPercent(), "expectedMarginPercent");
		BigDecimal cost = Figures.amount(request.expectedContactCost(), "expectedContactCost", BigDecimal.ZERO);
		int years = Figures.whole(request.years(), "years", 1, MAX_YEARS);
		SelectionStrategy strategy = strategy(request.strategy());
		String note = Figures.text(request.note(), "note", NOTE_LENGTH);
		SegmentationSettings rates = this.settings.settings();
		Clv clv = Clv.estimate(purchases, margin, cost, years, rates.clvDiscountPercent(), rates.annuityFactor(years));
		KeyAccounts.Load load = this.keyAccounts.load(account.ownerId(), accountId);
		SelectionEvaluation saved = this.repository.save(SelectionEvaluation.decide(accountId, card.id(), score,
				card.gradeOf(score.score()).code(), clv, load, strategy, note, me.id(), LocalDateTime.now(this.clock)));
		this.audit.created(AUDIT_TYPE, saved.getId(), accountId, saved.auditValues());
		return view(saved);
	}

	/**
	 * A manager (or above) accepts a recommendation: the account becomes a key account of
	 * its owner, of the given type.
	 * @throws NotFoundException when the account is out of scope
	 * @throws AccessDeniedException for a key account manager
	 * @throws StaleEditException when the evaluation changed since it was read
	 */
	@Transactional
	public SelectionView accept(CurrentUser me, long evaluationId, SelectionAcceptance acceptance) {
		SelectionEvaluation evaluation = find(me.scope(), evaluationId);
		if (!me.managesOthers()) {
			throw new AccessDeniedException("Only managers accept a customer selection");
		}
		StaleEditException.check(AUDIT_TYPE, evaluationId, acceptance.version(), evaluation.getVersion());
		KeyAccountType type = keyAccountType(acceptance.keyAccountType());
		Map<String, Object> before = evaluation.auditValues();
		evaluation.accept(type.name(), me.id(), LocalDateTime.now(this.clock));
		requireOwnerHasRoom(me, evaluation.getAccountId());
		SelectionEvaluation saved = this.repository.save(evaluation);
		this.audit.changed(AUDIT_TYPE, evaluationId, saved.getAccountId(), before, saved.auditValues());
		this.keyAccounts.makeKeyAccount(me, saved.getAccountId(), type);
		return view(saved);
	}

	/**
	 * Principle 2 once more at the moment of acceptance: the owner may have taken other
	 * key accounts, or had their maximum lowered, since the evaluation counted them. The
	 * team's capacity is left to the evaluation, which the manager reads as they accept.
	 * @throws RuleViolationException on {@code owner} when the owner holds their maximum
	 */
	private void requireOwnerHasRoom(CurrentUser me, long accountId) {
		AccountRef account = this.accounts.requireVisible(me.scope(), accountId);
		if (account.ownerId() == null) {
			return;
		}
		KeyAccounts.Load load = this.keyAccounts.load(account.ownerId(), accountId);
		if (!load.ownerHasRoom()) {
			UserSummary owner = this.users.get(account.ownerId());
			throw new RuleViolationException("owner", "validation.selection.ownerAtMaximumNow", owner.displayName(),
					load.ownerHeld(), load.ownerMaximum());
		}
	}

	/** An evaluation, if its account is in scope. */
	public SelectionView get(RecordScope scope, long evaluationId) {
		return view(find(scope, evaluationId));
	}

	/** An account's evaluations, the newest first. */
	public List<SelectionView> history(RecordScope scope, long accountId) {
		this.accounts.requireVisible(scope, accountId);
		return this.repository.findByAccountIdOrderByIdDesc(accountId).stream().map(this::view).toList();
	}

	/**
	 * The selection funnel of the accounts in scope: evaluated, recommended, accepted,
	 * became customers.
	 */
	public SelectionFunnel funnel(RecordScope scope) {
		AccountScopeSql scoped = AccountScopeSql.of(scope, "e.account_id");
		CustomerSql customers = CustomerSql.population();
		Map<String, Object> params = new HashMap<>(scoped.params());
		params.putAll(customers.params());
		return this.jdbc.sql("""
				select count(distinct e.account_id),
				       count(distinct case when e.result = 'RECOMMEND' then e.account_id end),
				       count(distinct case when e.accepted_at is not null then e.account_id end),
				       count(distinct case when e.accepted_at is not null and cu.account_id is not null
				                           then e.account_id end)
				from selection_evaluation e left join %s cu on cu.account_id = e.account_id
				where %s""".formatted(customers.table(), scoped.condition()))
			.params(params)
			.query((rs, n) -> new SelectionFunnel(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single();
	}

	/**
	 * The accounts in scope at a stage of the funnel, each with its newest evaluation,
	 * the newest first: what a click on the stage opens and its export holds.
	 * @param limit the most accounts to list
	 */
	public List<FunnelAccount> funnelAccounts(RecordScope scope, FunnelStage stage, int limit) {
		AccountScopeSql scoped = AccountScopeSql.of(scope, "e.account_id");
		CustomerSql customers = CustomerSql.population();
		Map<String, Object> params = new HashMap<>(scoped.params());
		params.putAll(customers.params());
		List<Long> newest = this.jdbc
			.sql("""
					select max(e.id) as newest from selection_evaluation e
					where %s and e.account_id in (select e.account_id from selection_evaluation e
					      left join %s cu on cu.account_id = e.account_id where %s)
					group by e.account_id order by newest desc limit :funnelLimit""".formatted(scoped.condition(),
					customers.table(), stage.condition))
			.params(params)
			.param("funnelLimit", limit)
			.query(Long.class)
			.list();
		Map<Long, SelectionEvaluation> evaluations = new HashMap<>();
		this.repository.findAllById(newest).forEach((e) -> evaluations.put(e.getId(), e));
		Set<Long> accountIds = new HashSet<>();
		evaluations.values().forEach((e) -> accountIds.add(e.getAccountId()));
		Map<Long, String> names = this.accounts.names(accountIds);
		Map<Long, String> owners = this.accounts.ownerUsernames(accountIds);
		Set<Long> acceptedAccounts = new HashSet<>();
		if (!accountIds.isEmpty()) {
			acceptedAccounts.addAll(
					this.jdbc
						.sql("select distinct account_id from selection_evaluation where account_id in (:ids)"
								+ " and accepted_at is not null")
						.param("ids", accountIds)
						.query(Long.class)
						.list());
		}
		List<FunnelAccount> listed = new java.util.ArrayList<>(newest.size());
		for (Long id : newest) {
			SelectionEvaluation e = evaluations.get(id);
			listed.add(new FunnelAccount(e.getAccountId(), names.get(e.getAccountId()), owners.get(e.getAccountId()),
					id, e.getScore(), e.getResult(), e.getEvaluatedAt(), acceptedAccounts.contains(e.getAccountId())));
		}
		return listed;
	}

	private SelectionEvaluation find(RecordScope scope, long evaluationId) {
		SelectionEvaluation evaluation = this.repository.findById(evaluationId)
			.orElseThrow(() -> new NotFoundException(AUDIT_TYPE, evaluationId));
		// Out of scope reads as missing, so a refusal never confirms an evaluation
		// exists.
		this.accounts.requireVisible(scope, evaluation.getAccountId());
		return evaluation;
	}

	private static SelectionStrategy strategy(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return SelectionStrategy.valueOf(text.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new RuleViolationException("strategy", "validation.selection.strategy");
		}
	}

	private static KeyAccountType keyAccountType(String text) {
		try {
			return KeyAccountType.valueOf((text != null) ? text.strip() : "");
		}
		catch (IllegalArgumentException ex) {
			throw new RuleViolationException("keyAccountType", "validation.selection.keyAccountType");
		}
	}

	private SelectionView view(SelectionEvaluation evaluation) {
		ScorecardVersion card = this.scorecards.version(evaluation.getScorecardVersionId());
		Map<Integer, String> values = new HashMap<>();
		Map<Integer, BigDecimal> points = new HashMap<>();
		evaluation.sortedLines().forEach((line) -> {
			values.put(line.number(), line.valueText());
			points.put(line.number(), line.points());
		});
		Set<Long> people = new HashSet<>(List.of(evaluation.getOwnerId(), evaluation.getEvaluatedBy()));
		if (evaluation.getAcceptedBy() != null) {
			people.add(evaluation.getAcceptedBy());
		}
		Map<Long, UserSummary> names = this.users.byIds(people);
		return new SelectionView(evaluation.getId(), evaluation.getAccountId(), card.scorecardId(), card.versionNo(),
				evaluation.getScore(), evaluation.getResult(), evaluation.reasonList(), evaluation.getStrategy(),
				evaluation.getNote(), CriterionLine.of(card, values, points, LocaleContextHolder.getLocale()),
				evaluation.getYearlyPurchases(), evaluation.getMarginPercent(), evaluation.getYearlyContactCost(),
				evaluation.getClvYears(), evaluation.getDiscountPercent(), evaluation.getClv(),
				evaluation.getClv().signum() > 0, username(names, evaluation.getOwnerId()),
				evaluation.getOwnerKeyAccounts(), evaluation.getOwnerMaximum(), evaluation.load().ownerHasRoom(),
				evaluation.getTeamKeyAccounts(), evaluation.getTeamCapacity(), evaluation.load().teamHasRoom(),
				username(names, evaluation.getEvaluatedBy()), evaluation.getEvaluatedAt(),
				evaluation.getAcceptedAt() != null,
				(evaluation.getAcceptedBy() != null) ? username(names, evaluation.getAcceptedBy()) : null,
				evaluation.getAcceptedAt(), evaluation.getKeyAccountType(), evaluation.getVersion());
	}

	private static String username(Map<Long, UserSummary> names, long id) {
		UserSummary user = names.get(id);
		return (user != null) ? user.username() : null;
	}

}
