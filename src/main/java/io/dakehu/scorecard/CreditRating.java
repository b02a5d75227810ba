package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.shared.RuleViolationException;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An account's credit rating for a quarter (DOMAIN.md §5): the score, subtotals and grade
 * of one scorecard version, each indicator as scored, and the credit the grade suggests.
 * Its one change is a manager's acceptance of that credit, as suggested or overridden
 * with a note; that makes it the account's credit.
 */
@Table("credit_rating")
class CreditRating {

	/** Longest credit term a manager may grant. */
	static final int MAX_TERMS_DAYS = 365;

	@Id
	private Long id;

	private long accountId;

	private String quarter;

	private long scorecardVersionId;

	private BigDecimal score;

	private BigDecimal financial;

	private BigDecimal nonFinancial;

	private String grade;

	private int gradePosition;

	private boolean provisional;

	@Column("purchases_12m")
	private BigDecimal purchases12m;

	private BigDecimal suggestedLimit;

	private int suggestedTermsDays;

	private long ratedBy;

	private LocalDateTime ratedAt;

	private BigDecimal acceptedLimit;

	private Integer acceptedTermsDays;

	private Long acceptedBy;

	private LocalDateTime acceptedAt;

	private String acceptanceNote;

	@MappedCollection(idColumn = "credit_rating_id")
	private Set<CreditRatingLine> lines = new HashSet<>();

	@Version
	private int version;

	@PersistenceCreator
	CreditRating() {
	}

	static CreditRating rate(long accountId, Quarter quarter, long scorecardVersionId, Score score,
			BigDecimal purchases12m, CreditTerms.Suggestion suggestion, long ratedBy, LocalDateTime now) {
		CreditRating rating = new CreditRating();
		rating.accountId = accountId;
		rating.quarter = quarter.toString();
		rating.scorecardVersionId = scorecardVersionId;
		rating.score = score.score();
		rating.financial = score.financial();
		rating.nonFinancial = score.nonFinancial();
		rating.grade = score.grade();
		rating.gradePosition = score.gradePosition();
		rating.provisional = score.provisional();
		rating.purchases12m = purchases12m;
		rating.suggestedLimit = suggestion.limit();
		rating.suggestedTermsDays = suggestion.termsDays();
		rating.ratedBy = ratedBy;
		rating.ratedAt = now;
		for (ScoredIndicator line : score.indicators()) {
			rating.lines.add(new CreditRatingLine(line.number(), line.value(), line.computed(), line.overrideReason(),
					line.points()));
		}
		return rating;
	}

	/**
	 * A manager grants credit on this rating: the suggested limit and terms, or others
	 * with a note saying why.
	 * @param limit null for the suggested limit
	 * @param termsDays null for the suggested terms
	 */
	void accept(BigDecimal limit, Integer termsDays, String note, long by, LocalDateTime now) {
		BigDecimal granted = (limit != null) ? limit : this.suggestedLimit;
		int terms = (termsDays != null) ? termsDays : this.suggestedTermsDays;
		if (granted.signum() < 0 || granted.scale() > 2 || granted.precision() - granted.scale() > 17) {
			throw new RuleViolationException("limit", "validation.credit.limit");
		}
		if (terms < 0 || terms > MAX_TERMS_DAYS) {
			throw new RuleViolationException("termsDays", "validation.credit.terms", MAX_TERMS_DAYS);
		}
		boolean overridden = granted.compareTo(this.suggestedLimit) != 0 || terms != this.suggestedTermsDays;
		if (overridden && (note == null || note.isBlank())) {
			throw new RuleViolationException("note", "validation.credit.overrideNote");
		}
		this.acceptedLimit = granted;
		this.acceptedTermsDays = terms;
		this.acceptedBy = by;
		this.acceptedAt = now;
		this.acceptanceNote = (note != null && !note.isBlank()) ? note.strip() : null;
	}

	Map<String, Object> auditValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("quarter", this.quarter);
		values.put("score", this.score.toPlainString());
		values.put("grade", this.grade);
		values.put("provisional", this.provisional);
		values.put("suggestedLimit", this.suggestedLimit.toPlainString());
		values.put("suggestedTermsDays", this.suggestedTermsDays);
		for (CreditRatingLine line : sortedLines()) {
			if (line.overrideReason() != null) {
				values.put("override" + line.number(),
						line.computedText() + " → " + line.valueText() + ": " + line.overrideReason());
			}
		}
		values.put("acceptedLimit", (this.acceptedLimit != null) ? this.acceptedLimit.toPlainString() : null);
		values.put("acceptedTermsDays", this.acceptedTermsDays);
		values.put("acceptanceNote", this.acceptanceNote);
		return values;
	}

	List<CreditRatingLine> sortedLines() {
		return this.lines.stream().sorted(Comparator.comparingInt(CreditRatingLine::number)).toList();
	}

	Long getId() {
		return this.id;
	}

	long getAccountId() {
		return this.accountId;
	}

	String getQuarter() {
		return this.quarter;
	}

	long getScorecardVersionId() {
		return this.scorecardVersionId;
	}

	BigDecimal getScore() {
		return this.score;
	}

	BigDecimal getFinancial() {
		return this.financial;
	}

	BigDecimal getNonFinancial() {
		return this.nonFinancial;
	}

	String getGrade() {
		return this.grade;
	}

	int getGradePosition() {
		return this.gradePosition;
	}

	boolean isProvisional() {
		return this.provisional;
	}

	BigDecimal getPurchases12m() {
		return this.purchases12m;
	}

	BigDecimal getSuggestedLimit() {
		return this.suggestedLimit;
	}

	int getSuggestedTermsDays() {
		return this.suggestedTermsDays;
	}

	long getRatedBy() {
		return this.ratedBy;
	}

	LocalDateTime getRatedAt() {
		return this.ratedAt;
	}

	BigDecimal getAcceptedLimit() {
		return this.acceptedLimit;
	}

	Integer getAcceptedTermsDays() {
		return this.acceptedTermsDays;
	}

	Long getAcceptedBy() {
		return this.acceptedBy;
	}

	LocalDateTime getAcceptedAt() {
		return this.acceptedAt;
	}

	String getAcceptanceNote() {
		return this.acceptanceNote;
	}

	int getVersion() {
		return this.version;
	}

}
