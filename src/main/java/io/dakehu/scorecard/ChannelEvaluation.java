package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A channel partner's evaluation (DOMAIN.md §6.1): the factors scored with one version of
 * the channel card, the band the score reaches, and the partner's own interests beside
 * it. It is never changed; a new evaluation follows it.
 */
@Table("channel_evaluation")
class ChannelEvaluation {

	@Id
	private Long id;

	private long accountId;

	private long scorecardVersionId;

	private BigDecimal score;

	private String band;

	private int bandPosition;

	@Column("interest_margin")
	private String interestMargin;

	@Column("interest_market")
	private String interestMarket;

	@Column("interest_support")
	private String interestSupport;

	@Column("interest_management")
	private String interestManagement;

	@Column("interest_commitment")
	private String interestCommitment;

	@Column("interest_financing")
	private String interestFinancing;

	private long evaluatedBy;

	private LocalDateTime evaluatedAt;

	@MappedCollection(idColumn = "channel_evaluation_id")
	private Set<ChannelEvaluationLine> lines = new HashSet<>();

	@Version
	private int version;

	@PersistenceCreator
	ChannelEvaluation() {
	}

	static ChannelEvaluation of(long accountId, long scorecardVersionId, Score score, ChannelInterests interests,
			long by, LocalDateTime now) {
		ChannelEvaluation evaluation = new ChannelEvaluation();
		evaluation.accountId = accountId;
		evaluation.scorecardVersionId = scorecardVersionId;
		evaluation.score = score.score();
		evaluation.band = score.grade();
		evaluation.bandPosition = score.gradePosition();
		evaluation.interestMargin = interests.margin();
		evaluation.interestMarket = interests.market();
		evaluation.interestSupport = interests.support();
		evaluation.interestManagement = interests.management();
		evaluation.interestCommitment = interests.commitment();
		evaluation.interestFinancing = interests.financing();
		evaluation.evaluatedBy = by;
		evaluation.evaluatedAt = now;
		for (ScoredIndicator line : score.indicators()) {
			evaluation.lines.add(new ChannelEvaluationLine(line.number(), line.value(), line.points()));
		}
		return evaluation;
	}

	Map<String, Object> auditValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("score", this.score.toPlainString());
		values.put("band", this.band);
		sortedLines().forEach((line) -> values.put("factor" + line.number(), line.valueText()));
		return values;
	}

	List<ChannelEvaluationLine> sortedLines() {
		return this.lines.stream().sorted(Comparator.comparingInt(ChannelEvaluationLine::number)).toList();
	}

	ChannelInterests interests() {
		return new ChannelInterests(this.interestMargin, this.interestMarket, this.interestSupport,
				this.interestManagement, this.interestCommitment, this.interestFinancing);
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

	String getBand() {
		return this.band;
	}

	long getEvaluatedBy() {
		return this.evaluatedBy;
	}

	LocalDateTime getEvaluatedAt() {
		return this.evaluatedAt;
	}

}
