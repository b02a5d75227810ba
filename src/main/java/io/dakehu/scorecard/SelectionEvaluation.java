package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.dakehu.account.KeyAccounts;
import io.dakehu.shared.RuleViolationException;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A customer selection of an account (DOMAIN.md §6): the criteria scored with one version
 * of the selection card, the three principles as they stood, and the result with its
 * reasons. Its one change is a manager's acceptance of a recommendation, which makes the
 * account a key account of its owner.
 */
@Table("selection_evaluation")
class SelectionEvaluation {

	/** The selection card's grades the score is read against. */
	static final String RECOMMEND_GRADE = "RECOMMEND";

	static final String REJECT_GRADE = "REJECT";

	@Id
	private Long id;

	private long accountId;

	private long scorecardVersionId;

	private BigDecimal score;

	private SelectionResult result;

	private String reasons;

	private SelectionStrategy strategy;

	private String note;

	private BigDecimal yearlyPurchases;

	private BigDecimal marginPercent;

	private BigDecimal yearlyContactCost;

	private int clvYears;

	private BigDecimal discountPercent;

	private BigDecimal clv;

	private long ownerId;

	private int ownerKeyAccounts;

	private int ownerMaximum;

	private int teamKeyAccounts;

	private int teamCapacity;

	private long evaluatedBy;

	private LocalDateTime evaluatedAt;

	private Long acceptedBy;

	private LocalDateTime acceptedAt;

	private String keyAccountType;

	@MappedCollection(idColumn = "selection_evaluation_id")
	private Set<SelectionEvaluationLine> lines = new HashSet<>();

	@Version
	private int version;

	@PersistenceCreator
	SelectionEvaluation() {
	}

	/**
	 * Decides: reject when the score reaches only the card's lowest grade or the CLV is
	 * not positive; recommend when the score reaches the card's top grade and the owner
	 * and team have room; review otherwise. Every rule that fails is a reason.
	 * @param scoreGrade the grade of the selection card the score reaches
	 */
	static SelectionEvaluation decide(long accountId, long scorecardVersionId, Score score, String scoreGrade, Clv clv,
			KeyAccounts.Load load, SelectionStrategy strategy, String note, long by, LocalDateTime now) {
		Set<SelectionReason> reasons = EnumSet.noneOf(SelectionReason.class);
		if (REJECT_GRADE.equals(scoreGrade)) {
			reasons.add(SelectionReason.SCORE_TOO_LOW);
		}
		else if (!RECOMMEND_GRADE.equals(scoreGrade)) {
			reasons.add(SelectionReason.SCORE_BELOW_RECOMMEND);
		}
		if (!clv.positive()) {
			reasons.add(SelectionReason.CLV_NOT_POSITIVE);
		}
		if (!load.ownerHasRoom()) {
			reasons.add(SelectionReason.OWNER_AT_MAXIMUM);
		}
		if (!load.teamHasRoom()) {
			reasons.add(SelectionReason.TEAM_AT_CAPACITY);
		}
		SelectionResult result;
		if (reasons.contains(SelectionReason.SCORE_TOO_LOW) || reasons.contains(SelectionReason.CLV_NOT_POSITIVE)) {
			result = SelectionResult.REJECT;
		}
		else if (reasons.isEmpty()) {
			result = SelectionResult.RECOMMEND;
		}
		else {
			result = SelectionResult.REVIEW;
		}
		SelectionEvaluation evaluation = new SelectionEvaluation();
		evaluation.accountId = accountId;
		evaluation.scorecardVersionId = scorecardVersionId;
		evaluation.score = score.score();
		evaluation.result = result;
		evaluation.reasons = reasons.stream().map(Enum::name).collect(Collectors.joining(","));
		evaluation.strategy = strategy;
		evaluation.note = note;
		evaluation.yearlyPurchases = clv.yearlyPurchases();
		evaluation.marginPercent = clv.marginPercent();
		evaluation.yearlyContactCost = clv.contactCost();
		evaluation.clvYears = clv.years();
		evaluation.discountPercent = clv.discountPercent();
		evaluation.clv = clv.value();
		evaluation.ownerId = load.ownerId();
		evaluation.ownerKeyAccounts = load.ownerHeld();
		evaluation.ownerMaximum = load.ownerMaximum();
		evaluation.teamKeyAccounts = load.teamHeld();
		evaluation.teamCapacity = load.teamCapacity();
		evaluation.evaluatedBy = by;
		evaluation.evaluatedAt = now;
		for (ScoredIndicator line : score.indicators()) {
			evaluation.lines.add(new SelectionEvaluationLine(line.number(), line.value(), line.points()));
		}
		return evaluation;
	}

	/**
	 * A manager accepts the recommendation; the caller then makes the account a key
	 * account of that type.
	 */
	void accept(String keyAccountType, long by, LocalDateTime now) {
		if (this.result != SelectionResult.RECOMMEND) {
			throw new RuleViolationException("result", "validation.selection.onlyRecommended");
		}
		if (this.acceptedAt != null) {
			throw new RuleViolationException("result", "validation.selection.acceptedAlready");
		}
		this.keyAccountType = keyAccountType;
		this.acceptedBy = by;
		this.acceptedAt = now;
	}

	Map<String, Object> auditValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("score", this.score.toPlainString());
		values.put("result", this.result);
		values.put("reasons", this.reasons);
		values.put("strategy", this.strategy);
		values.put("clv", this.clv.toPlainString());
		values.put("ownerId", this.ownerId);
		values.put("acceptedBy", this.acceptedBy);
		values.put("keyAccountType", this.keyAccountType);
		return values;
	}

	/** The owner's and team's load as it stood, for principles 2 and 3. */
	KeyAccounts.Load load() {
		return new KeyAccounts.Load(this.ownerId, this.ownerKeyAccounts, this.ownerMaximum, null, this.teamKeyAccounts,
				this.teamCapacity);
	}

	List<SelectionEvaluationLine> sortedLines() {
		return this.lines.stream().sorted(Comparator.comparingInt(SelectionEvaluationLine::number)).toList();
	}

	List<SelectionReason> reasonList() {
		return this.reasons.isEmpty() ? List.of()
				: Arrays.stream(this.reasons.split(",")).map(SelectionReason::valueOf).toList();
	}

	Long getId() {
		return this.id;
	}

	long getAccountId() {
		return this.accountId;
	}

	long getScorecardVersionId() {
		return this.scorecardVersionId;
	}

	BigDecimal getScore() {
		return this.score;
	}

	SelectionResult getResult() {
		return this.result;
	}

	SelectionStrategy getStrategy() {
		return this.strategy;
	}

	String getNote() {
		return this.note;
	}

	BigDecimal getYearlyPurchases() {
		return this.yearlyPurchases;
	}

	BigDecimal getMarginPercent() {
		return this.marginPercent;
	}

	BigDecimal getYearlyContactCost() {
		return this.yearlyContactCost;
	}

	int getClvYears() {
		return this.clvYears;
	}

	BigDecimal getDiscountPercent() {
		return this.discountPercent;
	}

	BigDecimal getClv() {
		return this.clv;
	}

	long getOwnerId() {
		return this.ownerId;
	}

	int getOwnerKeyAccounts() {
		return this.ownerKeyAccounts;
	}

	int getOwnerMaximum() {
		return this.ownerMaximum;
	}

	int getTeamKeyAccounts() {
		return this.teamKeyAccounts;
	}

	int getTeamCapacity() {
		return this.teamCapacity;
	}

	long getEvaluatedBy() {
		return this.evaluatedBy;
	}

	LocalDateTime getEvaluatedAt() {
		return this.evaluatedAt;
	}

	Long getAcceptedBy() {
		return this.acceptedBy;
	}

	LocalDateTime getAcceptedAt() {
		return this.acceptedAt;
	}

	String getKeyAccountType() {
		return this.keyAccountType;
	}

	int getVersion() {
		return this.version;
	}

}
