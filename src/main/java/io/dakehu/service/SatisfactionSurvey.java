package io.dakehu.service;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dakehu.shared.RuleViolationException;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * What a customer said in one satisfaction survey (DOMAIN.md §10.3): 1–5 overall and on
 * each dimension asked about. It is the record of a day and is not changed afterwards; a
 * later survey says how things stand now.
 */
@Table("satisfaction_survey")
class SatisfactionSurvey {

	static final int LOWEST = 1;

	static final int HIGHEST = 5;

	@Id
	private Long id;

	private long accountId;

	private Long contactId;

	private LocalDate surveyedOn;

	private int overall;

	private Integer productQuality;

	private Integer delivery;

	private Integer service;

	private Integer technicalSupport;

	private Integer price;

	private String comment;

	private SurveySource source;

	private long recordedBy;

	private LocalDateTime recordedAt;

	@Version
	private int version;

	private SatisfactionSurvey() {
	}

	/**
	 * A survey taken on {@code surveyedOn}, recorded now by {@code recorder}.
	 * @throws RuleViolationException when a score lies outside 1–5, naming its field
	 */
	static SatisfactionSurvey record(long accountId, Long contactId, LocalDate surveyedOn, int overall,
			Map<SurveyDimension, Integer> scores, String comment, SurveySource source, long recorder,
			LocalDateTime now) {
		requireScore("overall", overall);
		scores.forEach((dimension, score) -> requireScore(dimension.field(), score));
		SatisfactionSurvey survey = new SatisfactionSurvey();
		survey.accountId = accountId;
		survey.contactId = contactId;
		survey.surveyedOn = surveyedOn;
		survey.overall = overall;
		survey.productQuality = scores.get(SurveyDimension.PRODUCT_QUALITY);
		survey.delivery = scores.get(SurveyDimension.DELIVERY);
		survey.service = scores.get(SurveyDimension.SERVICE);
		survey.technicalSupport = scores.get(SurveyDimension.TECHNICAL_SUPPORT);
		survey.price = scores.get(SurveyDimension.PRICE);
		survey.comment = comment;
		survey.source = source;
		survey.recordedBy = recorder;
		survey.recordedAt = now;
		return survey;
	}

	private static void requireScore(String field, int score) {
		if (score < LOWEST || score > HIGHEST) {
			throw new RuleViolationException(field, "validation.survey.score", LOWEST, HIGHEST);
		}
	}

	/** The fields the history shows. */
	Map<String, Object> auditValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("contactId", this.contactId);
		values.put("surveyedOn", this.surveyedOn);
		values.put("overall", this.overall);
		values.put("productQuality", this.productQuality);
		values.put("delivery", this.delivery);
		values.put("service", this.service);
		values.put("technicalSupport", this.technicalSupport);
		values.put("price", this.price);
		values.put("comment", this.comment);
		values.put("surveySource", this.source.name());
		return values;
	}

	Long getId() {
		return this.id;
	}

	long getAccountId() {
		return this.accountId;
	}

}
