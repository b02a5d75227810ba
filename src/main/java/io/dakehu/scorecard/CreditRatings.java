package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.dakehu.account.AccountBookSql;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.contract.FulfilmentFigures;
import io.dakehu.contract.ReceivableIndicators;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.order.PurchaseHistory;
import io.dakehu.segmentation.LatestClasses;
import io.dakehu.segmentation.Segmentation;
import io.dakehu.segmentation.TierSql;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.NoticeRequested;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;
import io.dakehu.shared.outbound.EventType;
import io.dakehu.shared.outbound.RecordEvent;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The quarterly credit rating (DOMAIN.md §5): scored with the credit scorecard in use,
 * years with us and the tier filled in by Dakehu, the suggested credit from the grade, a
 * manager's acceptance and the grade history. Every read and write is limited to the
 * accounts the user may see; an account out of scope is not found.
 */
@Service
@Transactional(readOnly = true)
public class CreditRatings {

	static final String AUDIT_TYPE = "CreditRating";

	/** The kind of notice a downgrade sends, for opt-outs and filters. */
	static final String DOWNGRADED = "credit.downgraded";

	private static final BigDecimal DAYS_A_YEAR = new BigDecimal("365.25");

	private final CreditRatingRepository repository;

	private final Scorecards scorecards;

	private final CreditTerms terms;

	private final AccountQueries accounts;

	private final PurchaseHistory purchases;

	private final LatestClasses classes;

	private final Segmentation segmentation;

	private final ReceivableIndicators receivables;

	private final Users users;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final CreditBooks books;

	CreditRatings(CreditRatingRepository repository, Scorecards scorecards, CreditTerms terms, AccountQueries accounts,
			PurchaseHistory purchases, LatestClasses classes, Segmentation segmentation,
			ReceivableIndicators receivables, Users users, JdbcClient jdbc, AuditTrail audit,
			ApplicationEventPublisher events, Clock clock, CreditBooks books) {
		this.repository = repository;
		this.scorecards = scorecards;
		this.terms = terms;
		this.accounts = accounts;
		this.purchases = purchases;
		this.classes = classes;
		this.segmentation = segmentation;
		this.receivables = receivables;
		this.users = users;
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.books = books;
	}

	/**
	 * What Dakehu fills in for a rating of the quarter, per computed indicator number of
	 * the card in use: years from the first purchase to the quarter's start (0 with no
	 * purchase before it), the tier of the latest run (NONE when unranked) and, for an
	 * account with contracts, its payment record before the quarter (§5 #6–#9) where it
	 * has the figure; a fulfilment indicator left out is entered by the rater.
	 * @throws NotFoundException when the account is out of scope
	 */
	public Map<Integer, String> computed(RecordScope scope, long accountId, Quarter quarter) {
		this.accounts.requireVisible(scope, accountId);
		return computed(this.scorecards.current(ScorecardKind.CREDIT), accountId, quarter);
	}

	/**
	 * Rates an account for a quarter. Nothing is stored when an input is refused.
	 * @throws NotFoundException when the account is out of scope
	 * @throws RuleViolationException naming the indicator of a refused input
	 */
	@Transactional
	public CreditRatingView rate(CurrentUser me, long accountId, RatingRequest request) {
		AccountRef account = this.accounts.requireVisible(me.scope(), accountId);
		Quarter quarter = ratedQuarter(request.quarter());
		ScorecardVersion card = this.scorecards.current(ScorecardKind.CREDIT);
		Score score = card.evaluate(request.inputs(), request.overrides(), computed(card, accountId, quarter),
				LocaleContextHolder.getLocale());
		BigDecimal purchases12m = purchasesInYearBefore(accountId, quarter);
		Optional<CreditRating> previous = latest(accountId);
		CreditRating saved = this.repository.save(CreditRating.rate(accountId, quarter, card.id(), score, purchases12m,
				this.terms.suggest(score.grade(), purchases12m), me.id(), LocalDateTime.now(this.clock)));
		this.audit.created(AUDIT_TYPE, saved.getId(), accountId, saved.auditValues());
		this.books.rated(List.of(accountId));
		previous.filter((before) -> !before.getGrade().equals(saved.getGrade()))
			.ifPresent((before) -> gradeChanged(account, before, saved));
		return view(saved);
	}

	/**
	 * The indicators a file of customers' statements fills in: the financial ones of the
	 * credit card in use that a person enters, in the card's order.
	 */
	public List<Indicator> statementIndicators() {
		return this.scorecards.current(ScorecardKind.CREDIT)
			.indicators()
			.stream()
			.filter((indicator) -> indicator.financial() && !indicator.source().computed())
			.toList();
	}

	/**
	 * The quarter a rating may be made for, as {@link #rate} checks it.
	 * @throws RuleViolationException on {@code quarter} when it is no quarter or has not
	 * begun
	 */
	public Quarter ratedQuarter(String text) {
		Quarter quarter = Quarter.parse(text);
		if (quarter.isAfter(Quarter.of(today()))) {
			throw new RuleViolationException("quarter", "validation.scorecard.futureQuarter");
		}
		return quarter;
	}

	/**
	 * Rates each account anew for its quarter with the imported financial indicators:
	 * what the newest rating of that quarter holds otherwise (entered values and
	 * overrides with their reasons) is kept, so an import completes or corrects a rating
	 * instead of wiping the rater's judgement; an account not yet rated for the quarter
	 * gets a provisional rating of the figures alone. Each is a rating as the form makes
	 * it (audited, with its suggestion and grade news).
	 * @throws NotFoundException when an account is out of scope
	 * @throws RuleViolationException naming the indicator of a refused value
	 */
	@Transactional
	public List<CreditRatingView> rateFromStatements(CurrentUser me, List<StatementFigures> rows) {
		ScorecardVersion card = this.scorecards.current(ScorecardKind.CREDIT);
		List<CreditRatingView> rated = new ArrayList<>(rows.size());
		for (StatementFigures row : rows) {
			Quarter quarter = ratedQuarter(row.quarter());
			this.accounts.requireVisible(me.scope(), row.accountId());
			Map<Integer, String> computed = computed(card, row.accountId(), quarter);
			Map<String, Object> inputs = new HashMap<>();
			Map<String, ComputedOverride> overrides = new HashMap<>();
			this.repository.findByAccountIdOrderByQuarterDescIdDesc(row.accountId())
				.stream()
				.filter((rating) -> rating.getQuarter().equals(quarter.toString()))
				.findFirst()
				.ifPresent((before) -> carryOver(card, before, computed, inputs, overrides));
			row.values().forEach((number, value) -> inputs.put(String.valueOf(number), value));
			rated.add(rate(me, row.accountId(), new RatingRequest(quarter.toString(), inputs, overrides)));
		}
		return rated;
	}

	/**
	 * What an earlier rating of the quarter entered and overrode, as far as the card in
	 * use still takes it the same way: a value entered then but computed now gives way to
	 * the computed one.
	 */
	private static void carryOver(ScorecardVersion card, CreditRating before, Map<Integer, String> computed,
			Map<String, Object> inputs, Map<String, ComputedOverride> overrides) {
		for (CreditRatingLine line : before.sortedLines()) {
			Optional<Indicator> indicator = card.indicator(line.number());
			if (indicator.isEmpty() || line.valueText() == null) {
				continue;
			}
			boolean computedNow = indicator.get().computedWith(computed);
			if (line.overrideReason() != null && computedNow) {
				overrides.put(String.valueOf(line.number()),
						new ComputedOverride(line.valueText(), line.overrideReason()));
			}
			else if (!computedNow && line.computedText() == null) {
				inputs.put(String.valueOf(line.number()), line.valueText());
			}
		}
	}

	/**
	 * A manager (or above) grants credit on a rating.
	 * @throws NotFoundException when the rating's account is out of scope
	 * @throws AccessDeniedException for a key account manager
	 * @throws StaleEditException when the rating changed since it was read
	 */
	@Transactional
	public CreditRatingView accept(CurrentUser me, long ratingId, Acceptance acceptance) {
		CreditRating rating = this.repository.findById(ratingId)
			.orElseThrow(() -> new NotFoundException(AUDIT_TYPE, ratingId));
		// Out of scope reads as missing first, so a refusal never confirms a rating
		// exists.
		this.accounts.requireVisible(me.scope(), rating.getAccountId());
		if (!me.managesOthers()) {
			throw new AccessDeniedException("Only managers grant credit");
		}
		StaleEditException.check(AUDIT_TYPE, ratingId, acceptance.version(), rating.getVersion());
		Map<String, Object> before = rating.auditValues();
		rating.accept(acceptance.limit(), acceptance.termsDays(), acceptance.note(), me.id(),
				LocalDateTime.now(this.clock));
		CreditRating saved = this.repository.save(rating);
		this.audit.changed(AUDIT_TYPE, ratingId, saved.getAccountId(), before, saved.auditValues());
		return view(saved);
	}

	/** A rating, if its account is in scope. */
	public CreditRatingView get(RecordScope scope, long ratingId) {
		CreditRating rating = this.repository.findById(ratingId)
			.orElseThrow(() -> new NotFoundException(AUDIT_TYPE, ratingId));
		this.accounts.requireVisible(scope, rating.getAccountId());
		return view(rating);
	}

	/** An account's ratings, the newest quarter first. */
	public List<CreditRatingView> history(RecordScope scope, long accountId) {
		this.accounts.requireVisible(scope, accountId);
		return this.repository.findByAccountIdOrderByQuarterDescIdDesc(accountId).stream().map(this::view).toList();
	}

	/** The account's grade and granted credit. */
	public AccountCredit credit(RecordScope scope, long accountId) {
		this.accounts.requireVisible(scope, accountId);
		List<CreditRating> ratings = this.repository.findByAccountIdOrderByQuarterDescIdDesc(accountId);
		CreditRating latest = ratings.isEmpty() ? null : ratings.get(0);
		CreditRating granted = ratings.stream().filter((r) -> r.getAcceptedAt() != null).findFirst().orElse(null);
		return new AccountCredit(accountId, (latest != null) ? latest.getGrade() : null,
				(latest != null) ? latest.getQuarter() : null, latest != null && latest.isProvisional(),
				(granted != null) ? granted.getAcceptedLimit() : null,
				(granted != null) ? granted.getAcceptedTermsDays() : null,
				(granted != null) ? granted.getGrade() : null, (granted != null) ? granted.getAcceptedAt() : null);
	}

	private void gradeChanged(AccountRef account, CreditRating before, CreditRating after) {
		boolean downgrade = after.getGradePosition() > before.getGradePosition();
		this.events.publishEvent(new CreditGradeChanged(account.id(), after.getId(), after.getQuarter(),
				before.getGrade(), after.getGrade(), downgrade));
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("ratingId", after.getId());
		payload.put("quarter", after.getQuarter());
		payload.put("previousGrade", before.getGrade());
		payload.put("grade", after.getGrade());
		payload.put("downgrade", downgrade);
		this.events.publishEvent(new RecordEvent(EventType.CREDIT_GRADE_CHANGED, account.id(), payload));
		if (downgrade) {
			this.events
				.publishEvent(new NoticeRequested(List.of(account.ownerId()), true, DOWNGRADED, "notice." + DOWNGRADED,
						List.of(account.name(), before.getGrade(), after.getGrade(), after.getQuarter()),
						"/accounts/" + account.id(), DOWNGRADED + ":" + after.getId()));
		}
	}

	private Optional<CreditRating> latest(long accountId) {
		List<CreditRating> ratings = this.repository.findByAccountIdOrderByQuarterDescIdDesc(accountId);
		return ratings.isEmpty() ? Optional.empty() : Optional.of(ratings.get(0));
	}

	private Map<Integer, String> computed(ScorecardVersion card, long accountId, Quarter quarter) {
		Map<Integer, String> computed = new HashMap<>();
		FulfilmentFigures fulfilment = card.indicators().stream().anyMatch((i) -> i.source().fromReceivables())
				? this.receivables.fulfilment(List.of(accountId), quarter.firstDay()).get(accountId) : null;
		for (Indicator indicator : card.indicators()) {
			if (indicator.source().fromReceivables()) {
				String figure = receivable(indicator.source(), fulfilment);
				if (figure != null) {
					computed.put(indicator.number(), figure);
				}
				continue;
			}
			switch (indicator.source()) {
				case FIRST_PURCHASE_YEARS -> computed.put(indicator.number(), yearsWithUs(accountId, quarter));
				case LATEST_TIER -> {
					LatestClasses.Classes found = this.classes.of(List.of(accountId)).get(accountId);
					computed.put(indicator.number(), (found != null) ? found.tier().name() : "NONE");
				}
				default -> {
					// Entered by the rater.
				}
			}
		}
		return computed;
	}

	/**
	 * A fulfilment indicator as the account's receivables give it; null (entered by the
	 * rater) when the account had no contract, or no history for that figure, before the
	 * quarter.
	 */
	private static String receivable(IndicatorSource source, FulfilmentFigures figures) {
		if (figures == null || !figures.contracts()) {
			return null;
		}
		BigDecimal figure = switch (source) {
			case ON_TIME_RATE -> figures.onTimeRate();
			case DAYS_OVERDUE -> figures.weightedDaysOverdue();
			case FULFILMENT_RATE -> figures.fulfilmentRate();
			case DEFAULTS -> BigDecimal.valueOf(figures.defaults());
			default -> null;
		};
		return (figure != null) ? figure.stripTrailingZeros().toPlainString() : null;
	}

	/**
	 * Whole days from the first purchase to the quarter's start, in years to 2 places,
	 * down.
	 */
	private String yearsWithUs(long accountId, Quarter quarter) {
		PurchaseHistory.Lifetime lifetime = this.purchases.lifetime(List.of(accountId), quarter.figuresUntil())
			.get(accountId);
		if (lifetime == null) {
			return "0";
		}
		long days = ChronoUnit.DAYS.between(lifetime.firstPurchase(), quarter.firstDay());
		return BigDecimal.valueOf(days).divide(DAYS_A_YEAR, 2, RoundingMode.DOWN).stripTrailingZeros().toPlainString();
	}

	/** Purchases in the twelve months up to the day before the quarter starts. */
	private BigDecimal purchasesInYearBefore(long accountId, Quarter quarter) {
		LocalDate until = quarter.figuresUntil();
		BigDecimal upToEnd = total(accountId, until);
		BigDecimal upToStart = total(accountId, quarter.firstDay().minusYears(1).minusDays(1));
		return upToEnd.subtract(upToStart);
	}

	private BigDecimal total(long accountId, LocalDate until) {
		PurchaseHistory.Lifetime lifetime = this.purchases.lifetime(List.of(accountId), until).get(accountId);
		return (lifetime != null) ? lifetime.total() : BigDecimal.ZERO;
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	private CreditRatingView view(CreditRating rating) {
		ScorecardVersion card = this.scorecards.version(rating.getScorecardVersionId());
		Locale locale = LocaleContextHolder.getLocale();
		List<CreditRatingView.Line> lines = new ArrayList<>();
		for (CreditRatingLine line : rating.sortedLines()) {
			Indicator indicator = card.indicator(line.number()).orElseThrow();
			lines.add(new CreditRatingView.Line(line.number(), indicator.categoryName(locale), indicator.name(locale),
					indicator.financial(), indicator.points(), indicator.inputType().name(), line.valueText(),
					line.computedText(), line.overrideReason(), line.points()));
		}
		Set<Long> people = new HashSet<>();
		people.add(rating.getRatedBy());
		if (rating.getAcceptedBy() != null) {
			people.add(rating.getAcceptedBy());
		}
		Map<Long, UserSummary> names = this.users.byIds(people);
		return new CreditRatingView(rating.getId(), rating.getAccountId(), rating.getQuarter(), card.scorecardId(),
				card.versionNo(), rating.getScore(), rating.getFinancial(), rating.getNonFinancial(), rating.getGrade(),
				rating.isProvisional(), lines, rating.getPurchases12m(), rating.getSuggestedLimit(),
				rating.getSuggestedTermsDays(), username(names, rating.getRatedBy()), rating.getRatedAt(),
				rating.getAcceptedLimit(), rating.getAcceptedTermsDays(),
				(rating.getAcceptedBy() != null) ? username(names, rating.getAcceptedBy()) : null,
				rating.getAcceptedAt(), rating.getAcceptanceNote(), rating.getVersion());
	}

	private static String username(Map<Long, UserSummary> names, long id) {
		UserSummary user = names.get(id);
		return (user != null) ? user.username() : null;
	}

}
