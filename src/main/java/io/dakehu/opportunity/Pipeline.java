package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.account.AccountSegments;
import io.dakehu.catalog.Catalog;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.order.NewOrderLine;
import io.dakehu.order.OrderLedger;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;
import io.dakehu.shared.outbound.EventType;
import io.dakehu.shared.outbound.RecordEvent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Working the pipeline: opening opportunities, moving them along the buyer's steps,
 * closing them as won or lost, the stage history and the board. Whoever may see an
 * opportunity may work it; every change is audited and checked against the version the
 * editor saw.
 */
@Service
@Transactional
public class Pipeline {

	static final String ORDER_SOURCE = "opportunity";

	private final JdbcClient jdbc;

	private final Opportunities opportunities;

	private final OpportunityLists lists;

	private final OpportunityListTotals listTotals;

	private final OpportunityTally tally;

	private final AccountQueries accounts;

	private final Catalog catalog;

	private final Users users;

	private final OrderLedger ledger;

	private final ObjectProvider<AccountSegments> segments;

	private final AuditTrail audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final OpportunityCustomFields customFields;

	private final StageProbabilities probabilities;

	private final OpportunityAccountOwners accountOwners;

	Pipeline(JdbcClient jdbc, Opportunities opportunities, OpportunityLists lists, OpportunityListTotals listTotals,
			OpportunityTally tally, AccountQueries accounts, Catalog catalog, Users users, OrderLedger ledger,
			ObjectProvider<AccountSegments> segments, AuditTrail audit, Clock clock, ApplicationEventPublisher events,
			OpportunityCustomFields customFields, StageProbabilities probabilities,
			OpportunityAccountOwners accountOwners) {
		this.customFields = customFields;
		this.probabilities = probabilities;
		this.accountOwners = accountOwners;
		this.events = events;
		this.jdbc = jdbc;
		this.opportunities = opportunities;
		this.lists = lists;
		this.listTotals = listTotals;
		this.tally = tally;
		this.accounts = accounts;
		this.catalog = catalog;
		this.users = users;
		this.ledger = ledger;
		this.segments = segments;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Opens an opportunity on a visible account, in a buying step (problem recognition
	 * unless given).
	 */
	public OpportunityView open(CurrentUser editor, OpportunityInput input) {
		if (input.accountId() == null) {
			throw new RuleViolationException("accountId", "opportunity.validation.required");
		}
		AccountRef account = this.accounts.requireVisible(editor.scope(), input.accountId());
		String name = requireName(input.name());
		requireAmount(input.amount());
		Stage stage = (input.stage() != null) ? input.stage() : Stage.PROBLEM_RECOGNITION;
		if (stage.closed()) {
			throw new RuleViolationException("stage", "opportunity.validation.closeThroughWinOrLose");
		}
		long ownerId = owner(editor, input.owner());
		List<Long> products = products(input.productIds());
		String nextStep = nextStep(input.nextStep());
		Map<String, Object> custom = this.customFields.checked(input.customFields(), Map.of(), true);
		LocalDateTime now = LocalDateTime.now(this.clock);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into opportunity (account_id, owner_id, product_id, stage, amount, source, name,
				                         expected_close_date, purchase_type, next_step, stage_since, created_at,
				                         updated_at, account_owner_id)
				values (:account, :owner, :product, :stage, :amount, :source, :name, :expected, :type, :next, :now,
				        :now, :now, %s)""".formatted(AccountScopeSql.ownerOf(":account")))
			.param("account", account.id())
			.param("owner", ownerId)
			.param("product", products.isEmpty() ? null : products.get(0))
			.param("stage", stage.name())
			.param("amount", input.amount())
			.param("source", "dakehu")
			.param("name", name)
			.param("expected", input.expectedCloseDate())
			.param("type", (input.purchaseType() != null) ? input.purchaseType().name() : null)
			.param("next", nextStep)
			.param("now", now)
			.update(keys, "id");
		long id = keys.getKeyAs(Long.class);
		// Kept right as the transaction commits, whatever transfer of the account is
		// under way (decision 0074).
		this.accountOwners.placeAt(Set.of(account.id()));
		if (!custom.isEmpty()) {
			this.customFields.write(id, custom);
		}
		this.tally.opened(new OpportunityTally.Tallied(ownerId, stage, input.purchaseType(), input.amount(),
				input.expectedCloseDate()));
		writeProducts(id, products);
		enter(id, stage, now, editor.id());
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("name", name);
		values.put("stage", stage.name());
		values.put("amount", input.amount());
		values.put("owner", ownerId);
		values.put("product", products.isEmpty() ? null : products.get(0));
		values.put("expectedCloseDate", input.expectedCloseDate());
		values.put("purchaseType", input.purchaseType());
		this.audit.created("Opportunity", id, account.id(), this.customFields.audited(values, custom));
		return this.opportunities.get(editor.scope(), id);
	}

	/**
	 * Changes what the salesperson knows: name, amount, expected close, purchase type,
	 * products and next step. The stage moves only through {@link #moveTo}.
	 */
	public OpportunityView edit(CurrentUser editor, long id, Integer expectedVersion, OpportunityInput input) {
		OpportunityView before = this.opportunities.get(editor.scope(), id);
		if (expectedVersion == null) {
			throw new RuleViolationException("version", "validation.versionRequired");
		}
		StaleEditException.check("Opportunity", id, expectedVersion, before.version());
		if (before.stage().closed()) {
			throw new RuleViolationException("stage", "opportunity.validation.alreadyClosed", before.stage().name());
		}
		String name = requireName(input.name());
		requireAmount(input.amount());
		long ownerId = (input.owner() != null) ? owner(editor, input.owner()) : before.ownerId();
		List<Long> products = products(input.productIds());
		String nextStep = nextStep(input.nextStep());
		Map<String, Object> custom = this.customFields.checked(input.customFields(), before.customFields(), false);
		int updated = this.jdbc.sql("""
				update opportunity set name = :name, amount = :amount, owner_id = :owner,
				       expected_close_date = :expected, purchase_type = :type, next_step = :next,
				       product_id = coalesce(:product, product_id), updated_at = :now, version = version + 1
				where id = :id and version = :version""")
			.param("name", name)
			.param("amount", input.amount())
			.param("owner", ownerId)
			.param("expected", input.expectedCloseDate())
			.param("type", (input.purchaseType() != null) ? input.purchaseType().name() : null)
			.param("next", nextStep)
			.param("product", products.isEmpty() ? null : products.get(0))
			.param("now", LocalDateTime.now(this.clock))
			.param("id", id)
			.param("version", expectedVersion)
			.update();
		raced(updated, id);
		// The version check above makes "before" the state this update replaced.
		// An open deal: it closes when it is expected to (a closed one is not edited).
		this.tally.changed(OpportunityTally.Tallied.of(before), new OpportunityTally.Tallied(ownerId, before.stage(),
				input.purchaseType(), input.amount(), input.expectedCloseDate()));
		if (!products.isEmpty()) {
			writeProducts(id, products);
		}
		if (!custom.equals(before.customFields())) {
			this.customFields.write(id, custom);
		}
		Map<String, Object> was = new LinkedHashMap<>();
		was.put("name", before.name());
		was.put("amount", before.amount());
		was.put("owner", before.ownerId());
		was.put("product", before.productId());
		was.put("expectedCloseDate", before.expectedCloseDate());
		was.put("purchaseType", before.purchaseType());
		was.put("nextStep", before.nextStep());
		Map<String, Object> now = new LinkedHashMap<>();
		now.put("name", name);
		now.put("amount", input.amount());
		now.put("owner", ownerId);
		now.put("product", products.isEmpty() ? before.productId() : products.get(0));
		now.put("expectedCloseDate", input.expectedCloseDate());
		now.put("purchaseType", input.purchaseType());
		now.put("nextStep", nextStep);
		this.audit.changed("Opportunity", id, before.accountId(), this.customFields.audited(was, before.customFields()),
				this.customFields.audited(now, custom));
		return this.opportunities.get(editor.scope(), id);
	}

	/**
	 * Moves the opportunity to another buying step and records when it left the old one.
	 * @param expectedVersion the version the editor saw (a drag on the board carries the
	 * version its card showed)
	 */
	public OpportunityView moveTo(CurrentUser editor, long id, Stage target, Integer expectedVersion) {
		Loaded loaded = load(editor, id, expectedVersion);
		Opportunity opportunity = loaded.opportunity();
		Stage from = opportunity.stage();
		if (opportunity.moveTo(target)) {
			save(loaded, editor);
			this.audit.changed("Opportunity", id, opportunity.accountId(), Map.of("stage", from.name()),
					Map.of("stage", target.name()));
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("accountId", opportunity.accountId());
			payload.put("from", from.name());
			payload.put("to", target.name());
			this.events.publishEvent(new RecordEvent(EventType.OPPORTUNITY_STAGE_CHANGED, id, payload));
		}
		return this.opportunities.get(editor.scope(), id);
	}

	/**
	 * Closes as won: the sale also enters the purchase ledger, so segmentation sees it.
	 */
	public OpportunityView win(CurrentUser editor, long id, BigDecimal amount, LocalDate closeDate,
			Integer expectedVersion) {
		Loaded loaded = load(editor, id, expectedVersion);
		Opportunity opportunity = loaded.opportunity();
		Map<String, Object> before = new LinkedHashMap<>();
		before.put("stage", opportunity.stage().name());
		before.put("amount", opportunity.amount());
		before.put("closeDate", opportunity.closeDate());
		opportunity.closeAsWon(amount, (closeDate != null) ? closeDate : LocalDate.now(this.clock));
		save(loaded, editor);
		OpportunityView won = this.opportunities.get(editor.scope(), id);
		this.ledger.append(List.of(new NewOrderLine(opportunity.accountId(), opportunity.closeDate(), won.productId(),
				BigDecimal.ONE, opportunity.amount(), null, won.ownerId(), ORDER_SOURCE, ORDER_SOURCE + "/" + id)));
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("stage", Stage.WON.name());
		after.put("amount", opportunity.amount());
		after.put("closeDate", opportunity.closeDate());
		// The amount the deal carried before is kept, so the history says what the win
		// changed it from.
		this.audit.changed("Opportunity", id, opportunity.accountId(), before, after);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("accountId", opportunity.accountId());
		payload.put("from", before.get("stage"));
		payload.put("amount", opportunity.amount());
		payload.put("closeDate", opportunity.closeDate());
		this.events.publishEvent(new RecordEvent(EventType.OPPORTUNITY_WON, id, payload));
		return won;
	}

	public OpportunityView lose(CurrentUser editor, long id, String reason, String competitor, LocalDate closeDate,
			Integer expectedVersion) {
		Loaded loaded = load(editor, id, expectedVersion);
		Opportunity opportunity = loaded.opportunity();
		Stage from = opportunity.stage();
		opportunity.closeAsLost(reason, competitor, (closeDate != null) ? closeDate : LocalDate.now(this.clock));
		save(loaded, editor);
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("stage", Stage.LOST.name());
		after.put("lostReason", opportunity.lostReason());
		after.put("winningCompetitor", opportunity.winningCompetitor());
		this.audit.changed("Opportunity", id, opportunity.accountId(), Map.of("stage", from.name()), after);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("accountId", opportunity.accountId());
		payload.put("from", from.name());
		payload.put("lostReason", opportunity.lostReason());
		payload.put("winningCompetitor", opportunity.winningCompetitor());
		payload.put("closeDate", opportunity.closeDate());
		this.events.publishEvent(new RecordEvent(EventType.OPPORTUNITY_LOST, id, payload));
		return this.opportunities.get(editor.scope(), id);
	}

	/**
	 * Every stage the opportunity went through, oldest first, with the days spent there
	 * (up to now for the current one).
	 */
	@Transactional(readOnly = true)
	public List<StageVisit> history(CurrentUser reader, long id) {
		OpportunityView opportunity = this.opportunities.get(reader.scope(), id);
		LocalDateTime now = LocalDateTime.now(this.clock);
		List<Object[]> stays = this.jdbc.sql("""
				select h.stage, h.entered_at, h.left_at, h.changed_by
				from opportunity_stage_history h
				where h.opportunity_id = :id order by h.entered_at, h.id""")
			.param("id", id)
			.query((rs,
					n) -> new Object[] { Stage.valueOf(rs.getString(1)), rs.getObject(2, LocalDateTime.class),
							rs.getObject(3, LocalDateTime.class), rs.getLong(4) })
			.list();
		Map<Long, String> people = this.users.displayNames(stays.stream().map((stay) -> (Long) stay[3]).toList());
		List<StageVisit> visits = new ArrayList<>();
		for (Object[] stay : stays) {
			visits.add(
					visit((Stage) stay[0], (LocalDateTime) stay[1], (LocalDateTime) stay[2], people.get(stay[3]), now));
		}
		if (visits.isEmpty() && opportunity.stageSince() != null) {
			// Imported opportunities arrive without a history: they have been in their
			// stage since the import.
			visits.add(visit(opportunity.stage(), opportunity.stageSince(), null, null, now));
		}
		return visits;
	}

	private static StageVisit visit(Stage stage, LocalDateTime entered, LocalDateTime left, String by,
			LocalDateTime now) {
		return new StageVisit(stage, entered, left, by,
				Duration.between(entered, (left != null) ? left : now).toDays());
	}

	/** The default win probability of each stage, in percent. */
	@Transactional(readOnly = true)
	public Map<Stage, Integer> probabilities() {
		return this.probabilities.read();
	}

	/**
	 * Changes the stages' default probabilities; administrators only. Won stays 100 and
	 * lost 0, since they are facts, not estimates.
	 */
	public Map<Stage, Integer> updateProbabilities(CurrentUser editor, Map<Stage, Integer> changed) {
		if (!editor.isAdmin()) {
			throw new org.springframework.security.access.AccessDeniedException("administrators only");
		}
		Map<Stage, Integer> before = probabilities();
		for (Map.Entry<Stage, Integer> entry : changed.entrySet()) {
			Stage stage = entry.getKey();
			Integer value = entry.getValue();
			if (stage.closed()) {
				continue;
			}
			if (value == null || value < 0 || value > 100) {
				throw new RuleViolationException(stage.name(), "opportunity.validation.percent");
			}
			this.jdbc
				.sql("update opportunity_stage_probability set probability = :p, version = version + 1"
						+ " where stage = :stage")
				.param("p", value)
				.param("stage", stage.name())
				.update();
		}
		Map<Stage, Integer> after = probabilities();
		this.audit.changed("StageProbability", 0, null, byName(before), byName(after));
		return after;
	}

	/**
	 * The board in one answer, for the API: every buying step with its totals and its
	 * first cards, longest in the stage first.
	 */
	@Transactional(readOnly = true)
	public Board board(CurrentUser reader, PipelineFilter filter, int cardsPerColumn) {
		Map<Stage, OpportunityPage> pages = this.lists.firstPages(reader.scope(), query(reader, filter, true),
				Stage.open(), cardsPerColumn);
		Map<Stage, Integer> probabilities = probabilities();
		List<Board.Column> columns = new ArrayList<>();
		for (Stage stage : Stage.open()) {
			OpportunityTotals column = pages.get(stage).totals();
			List<OpportunityView> cards = pages.get(stage).page().content();
			columns.add(new Board.Column(stage, probabilities.getOrDefault(stage, 0), column.count(), column.amount(),
					column.weighted(), cards, 0, cards.size() < column.count()));
		}
		return new Board(columns);
	}

	/**
	 * One buying step of the board: its totals under the filter and one page of its
	 * cards, longest in the stage first.
	 */
	@Transactional(readOnly = true)
	public Board.Column column(CurrentUser reader, PipelineFilter filter, Stage stage, PageRequest page) {
		if (stage.closed()) {
			throw new RuleViolationException("stage", "opportunity.validation.closeThroughWinOrLose");
		}
		OpportunityPage found = this.lists.page(reader.scope(), query(reader, filter, true).inStage(stage), null, page);
		OpportunityTotals totals = found.totals();
		List<OpportunityView> cards = found.page().content();
		return new Board.Column(stage, probabilities().getOrDefault(stage, 0), totals.count(), totals.amount(),
				totals.weighted(), cards, page.page(), page.offset() + cards.size() < totals.count());
	}

	/** The totals of the board's columns under the filter; an empty stage is absent. */
	@Transactional(readOnly = true)
	public Map<Stage, OpportunityTotals> totalsByStage(CurrentUser reader, PipelineFilter filter) {
		return this.listTotals.totalsByStage(reader.scope(), query(reader, filter, true));
	}

	/**
	 * What the visible opportunities matching the filter add up to, open ones only or
	 * all.
	 */
	@Transactional(readOnly = true)
	public OpportunityTotals totals(CurrentUser reader, PipelineFilter filter, boolean openOnly) {
		return this.listTotals.totals(reader.scope(), query(reader, filter, openOnly));
	}

	/**
	 * One page of the visible opportunities matching the filter, open ones only or all,
	 * in the asked order, with the totals of every match.
	 */
	@Transactional(readOnly = true)
	public OpportunityPage list(CurrentUser reader, PipelineFilter filter, boolean openOnly, OpportunitySort sort,
			PageRequest page) {
		return this.lists.page(reader.scope(), query(reader, filter, openOnly), sort, page);
	}

	/**
	 * Every visible opportunity matching the filter in the list's order, for exports.
	 */
	@Transactional(readOnly = true)
	public void forEach(CurrentUser reader, PipelineFilter filter, boolean openOnly, OpportunitySort sort,
			Consumer<OpportunityView> consumer) {
		this.lists.forEach(reader.scope(), query(reader, filter, openOnly), sort, consumer);
	}

	/**
	 * The filter as SQL applies it: a team becomes its members (within the owner asked
	 * for), a tier the condition of the module that classifies accounts.
	 */
	private OpportunityQuery query(CurrentUser reader, PipelineFilter filter, boolean openOnly) {
		Set<Long> owners = null;
		if (filter.ownerId() != null) {
			owners = new HashSet<>(Set.of(filter.ownerId()));
		}
		if (filter.teamId() != null) {
			Set<Long> team = new HashSet<>();
			for (UserSummary user : this.users.all()) {
				if (filter.teamId().equals(user.teamId())) {
					team.add(user.id());
				}
			}
			if (owners != null) {
				owners.retainAll(team);
			}
			else {
				owners = team;
			}
		}
		AccountScopeSql segment = null;
		if (filter.tier() != null) {
			AccountSegments segments = this.segments.getIfAvailable();
			segment = (segments != null) ? segments.filter(filter.tier().name(), "o.account_id")
					: new AccountScopeSql("1 = 0", Map.of());
		}
		return new OpportunityQuery(filter.accountId(), owners, filter.purchaseType(), filter.from(), filter.to(),
				filter.stage(), openOnly, filter.q(), segment, this.customFields.filter(filter.customFields()));
	}

	private static Map<String, Integer> byName(Map<Stage, Integer> probabilities) {
		Map<String, Integer> named = new LinkedHashMap<>();
		probabilities.forEach((stage, value) -> named.put(stage.name(), value));
		return named;
	}

	/**
	 * The opportunity as the editor last saw it: a move, a win or a loss carries the
	 * version it was made on, like an edit, so two people moving one deal at once cannot
	 * both win.
	 * @throws RuleViolationException without a version
	 * @throws StaleEditException when it changed since
	 */
	private Loaded load(CurrentUser editor, long id, Integer expectedVersion) {
		OpportunityView view = this.opportunities.get(editor.scope(), id);
		if (expectedVersion == null) {
			throw new RuleViolationException("version", "validation.versionRequired");
		}
		StaleEditException.check("Opportunity", id, expectedVersion, view.version());
		return new Loaded(new Opportunity(view.id(), view.accountId(), view.stage(), view.amount(), view.closeDate(),
				view.version()), view);
	}

	/** Writes what the opportunity's verbs changed since it was loaded. */
	private void save(Loaded loaded, CurrentUser editor) {
		Opportunity opportunity = loaded.opportunity();
		OpportunityView before = loaded.before();
		LocalDateTime now = LocalDateTime.now(this.clock);
		int updated = this.jdbc.sql("""
				update opportunity set stage = :stage, amount = :amount, close_date = :closeDate,
				       lost_reason = :reason, winning_competitor = :competitor, stage_since = :now, updated_at = :now,
				       version = version + 1
				where id = :id and version = :version""")
			.param("stage", opportunity.stage().name())
			.param("amount", opportunity.amount())
			.param("closeDate", opportunity.closeDate())
			.param("reason", opportunity.lostReason())
			.param("competitor", opportunity.winningCompetitor())
			.param("now", now)
			.param("id", opportunity.id())
			.param("version", opportunity.version())
			.update();
		raced(updated, opportunity.id());
		this.tally.changed(OpportunityTally.Tallied.of(before),
				new OpportunityTally.Tallied(before.ownerId(), opportunity.stage(), before.purchaseType(),
						opportunity.amount(), CloseMonths.closes(opportunity.closeDate(), before.expectedCloseDate())));
		int left = this.jdbc
			.sql("update opportunity_stage_history set left_at = :now where opportunity_id = :id and left_at is null")
			.param("now", now)
			.param("id", opportunity.id())
			.update();
		if (left == 0) {
			// An imported opportunity: its first stay starts when it was recorded.
			this.jdbc.sql("""
					insert into opportunity_stage_history (opportunity_id, stage, entered_at, left_at, changed_by)
					values (:id, :stage, :entered, :now, :by)""")
				.param("id", opportunity.id())
				.param("stage", before.stage().name())
				.param("entered", (before.stageSince() != null) ? before.stageSince() : now)
				.param("now", now)
				.param("by", editor.id())
				.update();
		}
		enter(opportunity.id(), opportunity.stage(), now, editor.id());
	}

	private void enter(long id, Stage stage, LocalDateTime now, long by) {
		this.jdbc.sql("""
				insert into opportunity_stage_history (opportunity_id, stage, entered_at, changed_by)
				values (:id, :stage, :now, :by)""")
			.param("id", id)
			.param("stage", stage.name())
			.param("now", now)
			.param("by", by)
			.update();
	}

	private void raced(int updated, long id) {
		if (updated == 0) {
			int current = this.jdbc.sql("select version from opportunity where id = :id")
				.param("id", id)
				.query(Integer.class)
				.optional()
				.orElseThrow(() -> new NotFoundException("Opportunity", id));
			throw new StaleEditException("Opportunity", id, current);
		}
	}

	private long owner(CurrentUser editor, String username) {
		if (username == null || username.isBlank()) {
			return editor.id();
		}
		UserSummary owner = this.users.requireActive(username.strip(), "owner");
		if (!editor.scope().all() && !editor.scope().ownerIds().contains(owner.id())) {
			throw new RuleViolationException("owner", "validation.ownerOutsideScope", username);
		}
		return owner.id();
	}

	private List<Long> products(List<Long> ids) {
		if (ids.isEmpty()) {
			return ids;
		}
		Set<Long> known = new HashSet<>();
		this.catalog.all().forEach((product) -> known.add(product.id()));
		for (Long id : ids) {
			if (id == null || !known.contains(id)) {
				throw new RuleViolationException("productIds", "opportunity.validation.unknownProduct", id);
			}
		}
		return List.copyOf(new java.util.LinkedHashSet<>(ids));
	}

	private void writeProducts(long id, List<Long> products) {
		this.jdbc.sql("delete from opportunity_product where opportunity_id = :id").param("id", id).update();
		for (Long product : products) {
			this.jdbc.sql("insert into opportunity_product (opportunity_id, product_id) values (:id, :product)")
				.param("id", id)
				.param("product", product)
				.update();
		}
	}

	private static String requireName(String name) {
		if (name == null || name.isBlank() || name.strip().length() > 200) {
			throw new RuleViolationException("name", "opportunity.validation.requiredMax", 200);
		}
		return name.strip();
	}

	private static void requireAmount(BigDecimal amount) {
		if (amount != null && amount.signum() < 0) {
			throw new RuleViolationException("amount", "opportunity.validation.negative");
		}
		if (amount != null && amount.precision() - amount.scale() > 17) {
			throw new RuleViolationException("amount", "opportunity.validation.tooLarge");
		}
	}

	private static String nextStep(String nextStep) {
		if (nextStep == null || nextStep.isBlank()) {
			return null;
		}
		if (nextStep.strip().length() > 500) {
			throw new RuleViolationException("nextStep", "opportunity.validation.tooLong", 500);
		}
		return nextStep.strip();
	}

	/**
	 * An opportunity to change through its verbs, and how it was when loaded (the version
	 * check on saving makes that the state the change replaces).
	 */
	private record Loaded(Opportunity opportunity, OpportunityView before) {
	}

}
