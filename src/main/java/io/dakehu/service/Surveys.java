package io.dakehu.service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.contact.Contacts;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.service.SurveyView.DimensionScore;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Satisfaction surveys (满意度调查, DOMAIN.md §10.3) and the satisfaction an account's data
 * card shows. Surveys are recorded on accounts in the recorder's scope, as complaints
 * are, and each is audited on its account; the return visits of closed complaints count
 * as scores too (decision 0031).
 */
@Service
@Transactional(readOnly = true)
public class Surveys {

	static final String AUDIT_TYPE = "SatisfactionSurvey";

	private static final String COLUMNS = """
			id, account_id, contact_id, surveyed_on, overall, product_quality, delivery, service, technical_support,
			price, comment, source, recorded_by, recorded_at""";

	private final SatisfactionSurveyRepository repository;

	private final JdbcClient jdbc;

	private final AccountQueries accounts;

	private final Contacts contacts;

	private final Users users;

	private final AuditTrail audit;

	private final Clock clock;

	Surveys(SatisfactionSurveyRepository repository, JdbcClient jdbc, AccountQueries accounts, Contacts contacts,
			Users users, AuditTrail audit, Clock clock) {
		this.repository = repository;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.contacts = contacts;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Records a survey of an account in the recorder's scope, taken today unless the
	 * input says when.
	 * @throws NotFoundException when the recorder may not see the account
	 * @throws RuleViolationException when the contact works elsewhere, the day is still
	 * to come or a score lies outside 1–5
	 */
	@Transactional
	public SurveyView record(CurrentUser me, long accountId, SurveyInput input, SurveySource source) {
		AccountRef account = this.accounts.requireVisible(me.scope(), accountId);
		if (input.contactId() != null) {
			this.contacts.requireAllAt(account.id(), List.of(input.contactId()), "contactId");
		}
		if (input.overall() == null) {
			throw new RuleViolationException("overall", "validation.survey.overallRequired");
		}
		LocalDateTime now = LocalDateTime.now(this.clock);
		LocalDate surveyedOn = (input.surveyedOn() != null) ? input.surveyedOn() : now.toLocalDate();
		if (surveyedOn.isAfter(now.toLocalDate())) {
			throw new RuleViolationException("surveyedOn", "validation.survey.future");
		}
		String comment = StringUtils.hasText(input.comment()) ? input.comment().strip() : null;
		SatisfactionSurvey survey = this.repository.save(SatisfactionSurvey.record(account.id(), input.contactId(),
				surveyedOn, input.overall(), input.scores(), comment, source, me.id(), now));
		this.audit.created(AUDIT_TYPE, survey.getId(), account.id(), survey.auditValues());
		return views(this.jdbc.sql("select " + COLUMNS + " from satisfaction_survey where id = :id")
			.param("id", survey.getId())
			.query(Surveys::row)
			.list()).get(0);
	}

	/**
	 * The account's satisfaction: the summary of all it said and its latest surveys,
	 * newest first.
	 * @throws NotFoundException when the reader may not see the account
	 */
	public Satisfaction of(RecordScope scope, long accountId, int limit) {
		this.accounts.requireVisible(scope, accountId);
		// Every survey, as the latest score of a dimension may come from an old one; an
		// account is asked a few times a year.
		List<SurveyView> surveys = views(this.jdbc
			.sql("select " + COLUMNS + " from satisfaction_survey where account_id = :account"
					+ " order by surveyed_on desc, recorded_at desc, id desc")
			.param("account", accountId)
			.query(Surveys::row)
			.list());
		List<SatisfactionPoint> returnVisits = this.jdbc.sql("""
				select id, closed_at, satisfaction from complaint
				where account_id = :account and status = 'CLOSED' and satisfaction is not null
				order by closed_at desc, id desc limit :limit""")
			.param("account", accountId)
			.param("limit", SatisfactionSummary.TREND)
			.query((rs, n) -> {
				LocalDateTime closedAt = rs.getTimestamp(2).toLocalDateTime();
				return new SatisfactionPoint(closedAt.toLocalDate(), closedAt, rs.getInt(3),
						SatisfactionPoint.Kind.RETURN_VISIT, rs.getLong(1));
			})
			.list();
		long open = this.jdbc.sql("select count(*) from complaint where account_id = :account and status <> 'CLOSED'")
			.param("account", accountId)
			.query(Long.class)
			.single();
		return new Satisfaction(accountId, SatisfactionSummary.of(surveys, returnVisits, open),
				surveys.subList(0, Math.min(limit, surveys.size())));
	}

	/**
	 * Follows the merge of two accounts: the absorbed one's surveys are the survivor's.
	 */
	@Transactional
	void moveAccount(long absorbedId, long survivorId) {
		this.jdbc.sql("update satisfaction_survey set account_id = :survivor where account_id = :absorbed")
			.param("survivor", survivorId)
			.param("absorbed", absorbedId)
			.update();
	}

	private List<SurveyView> views(List<Row> rows) {
		Set<Long> contactIds = new HashSet<>();
		Set<Long> userIds = new HashSet<>();
		for (Row row : rows) {
			if (row.contactId() != null) {
				contactIds.add(row.contactId());
			}
			userIds.add(row.recordedBy());
		}
		Map<Long, String> contactNames = contactIds.isEmpty() ? Map.of() : this.contacts.names(contactIds);
		Map<Long, UserSummary> people = userIds.isEmpty() ? Map.of() : this.users.byIds(userIds);
		List<SurveyView> views = new ArrayList<>();
		for (Row r : rows) {
			List<DimensionScore> scores = new ArrayList<>();
			for (SurveyDimension dimension : SurveyDimension.values()) {
				Integer score = r.scores()[dimension.ordinal()];
				if (score != null) {
					scores.add(new DimensionScore(dimension, score, r.surveyedOn()));
				}
			}
			UserSummary recorder = people.get(r.recordedBy());
			views.add(new SurveyView(r.id(), r.accountId(), r.contactId(),
					(r.contactId() != null) ? contactNames.get(r.contactId()) : null, r.surveyedOn(), r.overall(),
					List.copyOf(scores), r.comment(), r.source(), (recorder != null) ? recorder.username() : null,
					r.recordedAt()));
		}
		return views;
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		Integer[] scores = new Integer[SurveyDimension.values().length];
		for (int i = 0; i < scores.length; i++) {
			scores[i] = rs.getObject(6 + i, Integer.class);
		}
		return new Row(rs.getLong(1), rs.getLong(2), rs.getObject(3, Long.class), rs.getDate(4).toLocalDate(),
				rs.getInt(5), scores, rs.getString(11), SurveySource.valueOf(rs.getString(12).strip()), rs.getLong(13),
				rs.getTimestamp(14).toLocalDateTime());
	}

	/** A survey's row; {@code scores} in the order of {@link SurveyDimension}. */
	private record Row(long id, long accountId, Long contactId, LocalDate surveyedOn, int overall, Integer[] scores,
			String comment, SurveySource source, long recordedBy, LocalDateTime recordedAt) {
	}

}
