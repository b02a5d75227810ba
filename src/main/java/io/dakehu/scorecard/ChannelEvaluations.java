package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Channel evaluation (DOMAIN.md §6.1): a channel partner scored on the channel card's
 * factors, its band, the partner's own interests beside the score, and the list of
 * partners by band with the year's coverage. Every read and write is limited to the
 * accounts the user may see.
 */
@Service
@Transactional(readOnly = true)
public class ChannelEvaluations {

	static final String AUDIT_TYPE = "ChannelEvaluation";

	/** The band of a partner never evaluated. */
	public static final String NONE = "NONE";

	private final ChannelEvaluationRepository repository;

	private final Scorecards scorecards;

	private final AccountQueries accounts;

	private final Users users;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	ChannelEvaluations(ChannelEvaluationRepository repository, Scorecards scorecards, AccountQueries accounts,
			Users users, JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.repository = repository;
		this.scorecards = scorecards;
		this.accounts = accounts;
		this.users = users;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Evaluates a channel partner. Nothing is stored when an input is refused.
	 * @throws NotFoundException when the account is out of scope
	 * @throws RuleViolationException naming the factor or interest refused, or when the
	 * account is no channel partner
	 */
	@Transactional
	public ChannelView evaluate(CurrentUser me, long accountId, ChannelRequest request) {
		if (!this.accounts.details(me.scope(), accountId).channelPartner()) {
			throw new RuleViolationException("channelPartner", "validation.channel.notPartner");
		}
		ScorecardVersion card = this.scorecards.current(ScorecardKind.CHANNEL);
		Locale locale = LocaleContextHolder.getLocale();
		Score score = card.evaluate(request.inputs(), Map.of(), Map.of(), locale);
		for (ScoredIndicator line : score.indicators()) {
			if (line.missing()) {
				throw new RuleViolationException("inputs." + line.number(), "validation.selection.criterionMissing",
						card.indicator(line.number()).orElseThrow().label(locale));
			}
		}
		ChannelInterests interests = request.interests().checked();
		ChannelEvaluation saved = this.repository
			.save(ChannelEvaluation.of(accountId, card.id(), score, interests, me.id(), LocalDateTime.now(this.clock)));
		this.audit.created(AUDIT_TYPE, saved.getId(), accountId, saved.auditValues());
		return view(saved);
	}

	/** An evaluation, if its account is in scope. */
	public ChannelView get(RecordScope scope, long evaluationId) {
		ChannelEvaluation evaluation = this.repository.findById(evaluationId)
			.orElseThrow(() -> new NotFoundException(AUDIT_TYPE, evaluationId));
		this.accounts.requireVisible(scope, evaluation.getAccountId());
		return view(evaluation);
	}

	/** A partner's evaluations, the newest first. */
	public List<ChannelView> history(RecordScope scope, long accountId) {
		this.accounts.requireVisible(scope, accountId);
		return this.repository.findByAccountIdOrderByIdDesc(accountId).stream().map(this::view).toList();
	}

	/**
	 * The channel partners in scope by the band of their latest evaluation, and how many
	 * were evaluated this calendar year.
	 * @param band only the partners of this band (NONE: never evaluated); null for all
	 */
	public ChannelPartnerList partners(RecordScope scope, String band) {
		List<AccountRef> partners = this.accounts.channelPartners(scope);
		Map<Long, Object[]> latest = new HashMap<>();
		List<Long> ids = partners.stream().map(AccountRef::id).toList();
		for (int from = 0; from < ids.size(); from += 1000) {
			this.jdbc.sql("""
					select e.account_id, e.id, e.band, e.score, e.evaluated_at from channel_evaluation e
					where e.account_id in (:ids) and not exists (select 1 from channel_evaluation n
					                                             where n.account_id = e.account_id and n.id > e.id)""")
				.param("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
				.query((ResultSet rs) -> {
					latest.put(rs.getLong(1), new Object[] { rs.getLong(2), rs.getString(3), rs.getBigDecimal(4),
							rs.getTimestamp(5).toLocalDateTime() });
				});
		}
		LocalDate today = LocalDate.now(this.clock);
		LocalDateTime yearStart = today.withDayOfYear(1).atStartOfDay();
		List<String> bands = new ArrayList<>(
				this.scorecards.current(ScorecardKind.CHANNEL).grades().stream().map(GradeBand::code).toList());
		bands.add(NONE);
		Map<String, Long> counts = new LinkedHashMap<>();
		bands.forEach((b) -> counts.put(b, 0L));
		Map<Long, String> owners = this.users
			.byIds(partners.stream()
				.map(AccountRef::ownerId)
				.filter(java.util.Objects::nonNull)
				.collect(java.util.stream.Collectors.toSet()))
			.values()
			.stream()
			.collect(java.util.stream.Collectors.toMap(UserSummary::id, UserSummary::username));
		long evaluatedThisYear = 0;
		List<ChannelPartnerList.Partner> rows = new ArrayList<>();
		for (AccountRef partner : partners) {
			Object[] found = latest.get(partner.id());
			String partnerBand = (found != null) ? (String) found[1] : NONE;
			counts.merge(partnerBand, 1L, Long::sum);
			if (found != null && !((LocalDateTime) found[3]).isBefore(yearStart)) {
				evaluatedThisYear++;
			}
			if (band == null || band.isBlank() || band.equals(partnerBand)) {
				rows.add(new ChannelPartnerList.Partner(partner.id(), partner.name(),
						(partner.ownerId() != null) ? owners.get(partner.ownerId()) : null, partnerBand,
						(found != null) ? (BigDecimal) found[2] : null,
						(found != null) ? (LocalDateTime) found[3] : null, (found != null) ? (Long) found[0] : null));
			}
		}
		return new ChannelPartnerList(today.getYear(), partners.size(), evaluatedThisYear, bands, counts, rows);
	}

	private ChannelView view(ChannelEvaluation evaluation) {
		ScorecardVersion card = this.scorecards.version(evaluation.getScorecardVersionId());
		Map<Integer, String> values = new HashMap<>();
		Map<Integer, BigDecimal> points = new HashMap<>();
		evaluation.sortedLines().forEach((line) -> {
			values.put(line.number(), line.valueText());
			points.put(line.number(), line.points());
		});
		UserSummary by = this.users.byIds(Set.of(evaluation.getEvaluatedBy())).get(evaluation.getEvaluatedBy());
		return new ChannelView(evaluation.getId(), evaluation.getAccountId(), card.scorecardId(), card.versionNo(),
				evaluation.getScore(), evaluation.getBand(),
				CriterionLine.of(card, values, points, LocaleContextHolder.getLocale()), evaluation.interests(),
				(by != null) ? by.username() : null, evaluation.getEvaluatedAt());
	}

}
