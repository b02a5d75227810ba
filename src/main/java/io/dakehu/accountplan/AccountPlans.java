package io.dakehu.accountplan;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.dakehu.account.AccountGroup;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.order.PurchaseHistory;
import io.dakehu.relationship.AssessmentView;
import io.dakehu.relationship.Assessments;
import io.dakehu.relationship.RelationshipStage;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Key account plans (DOMAIN.md §10.7), the public face of the module. A plan is read and
 * changed by whoever may work on its account (a KAM their own and shared accounts, a
 * manager the team's, a director all); every change is audited on the account and guarded
 * by the plan's version.
 */
@Service
@Transactional(readOnly = true)
public class AccountPlans {

	static final String AUDIT_TYPE = "AccountPlan";

	private final AccountPlanRepository repository;

	private final AccountQueries accounts;

	private final Users users;

	private final Assessments assessments;

	private final PurchaseHistory purchases;

	private final Map<String, PlanActionLink> links;

	private final AuditTrail audit;

	private final Clock clock;

	AccountPlans(AccountPlanRepository repository, AccountQueries accounts, Users users, Assessments assessments,
			PurchaseHistory purchases, List<PlanActionLink> links, AuditTrail audit, Clock clock) {
		this.repository = repository;
		this.accounts = accounts;
		this.users = users;
		this.assessments = assessments;
		this.purchases = purchases;
		this.links = links.stream().collect(Collectors.toMap(PlanActionLink::kind, Function.identity()));
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The account's plans, latest year first.
	 * @throws NotFoundException when the reader may not work on the account
	 */
	public List<PlanView> list(RecordScope scope, long accountId) {
		AccountRef account = this.accounts.requireVisible(scope, accountId);
		return this.repository.findByAccountIdOrderByPlanYearDesc(accountId)
			.stream()
			.map((plan) -> view(scope, account, plan))
			.toList();
	}

	/**
	 * @throws NotFoundException when the reader may not work on the account or it has no
	 * plan for the year
	 */
	public PlanView get(RecordScope scope, long accountId, int year) {
		AccountRef account = this.accounts.requireVisible(scope, accountId);
		return view(scope, account, load(accountId, year));
	}

	/**
	 * A new plan of the account for a year.
	 * @throws RuleViolationException when the year is missing or already has a plan, or a
	 * goal, an owner or a link is not valid
	 */
	@Transactional
	public PlanView create(CurrentUser me, long accountId, PlanInput input) {
		AccountRef account = this.accounts.requireVisible(me.scope(), accountId);
		if (input.year() == null) {
			throw new RuleViolationException("year", "validation.required");
		}
		if (this.repository.findByAccountIdAndPlanYear(accountId, input.year()).isPresent()) {
			throw new RuleViolationException("year", "plan.validation.yearTaken", input.year());
		}
		LocalDateTime now = now();
		AccountPlan plan = AccountPlan.open(accountId, input.year(), me.id(), now);
		apply(me, account, plan, input, now);
		AccountPlan saved = this.repository.save(plan);
		this.audit.created(AUDIT_TYPE, saved.getId(), accountId, saved.auditValues());
		return view(me.scope(), account, saved);
	}

	/**
	 * New goals, and new SWOT lists and actions where given.
	 * @throws StaleEditException when the version is not the stored one
	 */
	@Transactional
	public PlanView update(CurrentUser me, long accountId, int year, PlanInput input) {
		if (input.year() != null && input.year() != year) {
			throw new RuleViolationException("year", "plan.validation.yearFixed");
		}
		return change(me, accountId, year, input.version(), (account, plan) -> apply(me, account, plan, input, now()));
	}

	/** One more action. */
	@Transactional
	public PlanView addAction(CurrentUser me, long accountId, int year, Integer version, PlanInput.Action input) {
		return change(me, accountId, year, version,
				(account, plan) -> plan.addAction(action(me, account, input, 0), now()));
	}

	/** An action moves to another status; a closed one stays closed. */
	@Transactional
	public PlanView moveAction(CurrentUser me, long accountId, int year, int index, Integer version, String status) {
		ActionStatus next = parse(ActionStatus.class, status, "status", "plan.validation.unknownStatus");
		if (next == null) {
			throw new RuleViolationException("status", "validation.required");
		}
		return change(me, accountId, year, version, (account, plan) -> plan.moveAction(index, next, now()));
	}

	/** A review with what it found, by the reader. */
	@Transactional
	public PlanView review(CurrentUser me, long accountId, int year, ReviewInput input) {
		return change(me, accountId, year, input.version(), (account, plan) -> plan
			.review(new PlanReview(input.reviewedOn(), input.note().strip(), me.id()), today(), now()));
	}

	/**
	 * The plan of the current year against what happened so far; empty when the account
	 * has none for the year.
	 * @throws NotFoundException when the reader may not work on the account
	 */
	public Optional<GoalsVsActuals> goalsVsActuals(RecordScope scope, long accountId) {
		AccountGroup group = this.accounts.group(scope, accountId);
		LocalDate today = today();
		return this.repository.findByAccountIdAndPlanYear(accountId, today.getYear()).map((plan) -> {
			BigDecimal revenue = this.purchases.total(group.members().stream().map(AccountRef::id).toList(),
					today.withDayOfYear(1), today);
			List<AssessmentView> assessed = this.assessments.history(scope, accountId);
			RelationshipStage now = assessed.isEmpty() ? null : assessed.get(0).stage();
			return new GoalsVsActuals(plan.getPlanYear(), today, plan.getRevenueTarget(), revenue,
					plan.getTargetStage(), now, plan.completeness());
		});
	}

	private PlanView change(CurrentUser me, long accountId, int year, Integer version,
			BiConsumer<AccountRef, AccountPlan> step) {
		AccountRef account = this.accounts.requireVisible(me.scope(), accountId);
		AccountPlan plan = load(accountId, year);
		StaleEditException.check(AUDIT_TYPE, plan.getId(), version, plan.getVersion());
		Map<String, Object> before = plan.auditValues();
		step.accept(account, plan);
		AccountPlan saved = this.repository.save(plan);
		this.audit.changed(AUDIT_TYPE, saved.getId(), accountId, before, saved.auditValues());
		return view(me.scope(), account, saved);
	}

	private void apply(CurrentUser me, AccountRef account, AccountPlan plan, PlanInput input, LocalDateTime now) {
		RelationshipStage stage = parse(RelationshipStage.class, input.targetStage(), "targetStage",
				"plan.validation.unknownStage");
		plan.setGoals(input.revenueTarget(), input.walletShareTarget(), stage, now);
		if (input.swot() != null) {
			List<SwotEntry> entries = new ArrayList<>();
			add(entries, SwotQuadrant.STRENGTH, input.swot().strengths());
			add(entries, SwotQuadrant.WEAKNESS, input.swot().weaknesses());
			add(entries, SwotQuadrant.OPPORTUNITY, input.swot().opportunities());
			add(entries, SwotQuadrant.THREAT, input.swot().threats());
			plan.replaceSwot(entries, now);
		}
		if (input.actions() != null) {
			List<PlanAction> actions = new ArrayList<>();
			for (int i = 0; i < input.actions().size(); i++) {
				actions.add(action(me, account, input.actions().get(i), i));
			}
			plan.replaceActions(actions, now);
		}
	}

	private static void add(List<SwotEntry> entries, SwotQuadrant quadrant, List<String> texts) {
		if (texts != null) {
			texts.stream()
				.filter(StringUtils::hasText)
				.forEach((text) -> entries.add(new SwotEntry(quadrant, text.strip())));
		}
	}

	/**
	 * An action checked: an owner who is an active user, a known status, and a link to a
	 * record the reader may see that concerns the account's group.
	 */
	private PlanAction action(CurrentUser me, AccountRef account, PlanInput.Action input, int index) {
		String prefix = "actions[" + index + "].";
		long owner = StringUtils.hasText(input.owner())
				? this.users.requireActive(input.owner().strip(), prefix + "owner").id() : me.id();
		ActionStatus status = parse(ActionStatus.class, input.status(), prefix + "status",
				"plan.validation.unknownStatus");
		String kind = StringUtils.hasText(input.linkKind()) ? input.linkKind().strip().toLowerCase(Locale.ROOT) : null;
		if ((kind == null) != (input.linkId() == null)) {
			throw new RuleViolationException(prefix + "linkId", "plan.validation.linkIncomplete");
		}
		if (kind != null) {
			PlanActionLink link = this.links.get(kind);
			if (link == null) {
				throw new RuleViolationException(prefix + "linkKind", "plan.validation.unknownLinkKind", kind);
			}
			Set<Long> group = new HashSet<>();
			this.accounts.group(me.scope(), account.id()).members().forEach((member) -> group.add(member.id()));
			Optional<PlanActionLink.Linked> linked = link.find(me.scope(), input.linkId());
			if (linked.isEmpty() || !group.contains(linked.get().accountId())) {
				throw new RuleViolationException(prefix + "linkId", "plan.validation.linkNotInGroup");
			}
		}
		return new PlanAction(input.what().strip(), owner, input.dueDate(),
				(status != null) ? status : ActionStatus.PLANNED, kind, input.linkId());
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String text, String field, String messageKey) {
		if (!StringUtils.hasText(text)) {
			return null;
		}
		try {
			return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new RuleViolationException(field, messageKey, text.strip());
		}
	}

	private AccountPlan load(long accountId, int year) {
		return this.repository.findByAccountIdAndPlanYear(accountId, year)
			.orElseThrow(() -> new NotFoundException(AUDIT_TYPE, accountId + "/" + year));
	}

	private PlanView view(RecordScope scope, AccountRef account, AccountPlan plan) {
		Set<Long> people = new HashSet<>();
		plan.getActions().forEach((action) -> people.add(action.ownerId()));
		plan.getReviews().forEach((review) -> people.add(review.reviewerId()));
		Map<Long, UserSummary> names = this.users.byIds(people);
		LocalDate today = today();
		List<PlanView.Action> actions = new ArrayList<>();
		List<PlanAction> stored = plan.getActions();
		for (int i = 0; i < stored.size(); i++) {
			PlanAction action = stored.get(i);
			UserSummary owner = names.get(action.ownerId());
			actions.add(new PlanView.Action(i, action.what(), (owner != null) ? owner.username() : null,
					(owner != null) ? owner.displayName() : null, action.dueDate(), action.status(),
					action.status().open() && action.dueDate().isBefore(today), link(scope, action)));
		}
		List<PlanView.Review> reviews = plan.getReviews().stream().map((review) -> {
			UserSummary reviewer = names.get(review.reviewerId());
			return new PlanView.Review(review.reviewedOn(), review.note(),
					(reviewer != null) ? reviewer.username() : null,
					(reviewer != null) ? reviewer.displayName() : null);
		}).toList();
		return new PlanView(account.id(), account.name(), plan.getPlanYear(), plan.getRevenueTarget(),
				plan.getWalletShareTarget(), plan.getTargetStage(), swot(plan.getSwot()), actions, reviews,
				plan.completeness(), plan.getUpdatedAt(), plan.getVersion());
	}

	private PlanView.Link link(RecordScope scope, PlanAction action) {
		if (action.linkKind() == null) {
			return null;
		}
		PlanActionLink link = this.links.get(action.linkKind());
		if (link == null) {
			return null;
		}
		return link.find(scope, action.linkId())
			.map((linked) -> new PlanView.Link(action.linkKind(), action.linkId(), linked.title(),
					link.href(action.linkId())))
			.orElse(null);
	}

	private static PlanView.Swot swot(List<SwotEntry> entries) {
		Function<SwotQuadrant, List<String>> of = (quadrant) -> entries.stream()
			.filter((entry) -> entry.quadrant() == quadrant)
			.map(SwotEntry::entry)
			.toList();
		return new PlanView.Swot(of.apply(SwotQuadrant.STRENGTH), of.apply(SwotQuadrant.WEAKNESS),
				of.apply(SwotQuadrant.OPPORTUNITY), of.apply(SwotQuadrant.THREAT));
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	private LocalDateTime now() {
		return LocalDateTime.now(this.clock);
	}

}
