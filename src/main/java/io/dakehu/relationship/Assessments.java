package io.dakehu.relationship;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.RelationshipType;
import io.dakehu.contact.ContactView;
import io.dakehu.contact.Contacts;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Recording and reading 25-grid assessments of an account. Assessments are never edited:
 * a new one is recorded, so the history stays a faithful path.
 */
@Service
@Transactional(readOnly = true)
public class Assessments {

	/**
	 * How far one axis may rise against the previous assessment without a reason given.
	 */
	static final int STEP_WITHOUT_EVIDENCE = 1;

	/** Axes this far apart are out of balance (DOMAIN.md §4). */
	static final int IMBALANCE = 2;

	private static final int MAX_EVIDENCE = 2000;

	private final JdbcClient jdbc;

	private final AccountQueries accounts;

	private final Contacts contacts;

	private final GridSettings settings;

	private final AuditTrail audit;

	private final Clock clock;

	private final Users users;

	Assessments(JdbcClient jdbc, AccountQueries accounts, Contacts contacts, GridSettings settings, AuditTrail audit,
			Clock clock, Users users) {
		this.users = users;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.contacts = contacts;
		this.settings = settings;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Records where the relationship stands. A rise of more than one level on either axis
	 * since the assessment before it (or since "no relationship" for the first one) needs
	 * evidence: a jump needs a reason.
	 * @throws io.dakehu.shared.NotFoundException when the account lies outside the scope
	 * @throws RuleViolationException on {@code personal}, {@code company},
	 * {@code assessedOn} or {@code evidence}
	 */
	@Transactional
	public AssessmentView record(CurrentUser assessor, long accountId, AssessmentInput input) {
		this.accounts.requireVisible(assessor.scope(), accountId);
		int personal = level("personal", input.personal());
		int company = level("company", input.company());
		LocalDate today = LocalDate.now(this.clock);
		LocalDate on = (input.assessedOn() != null) ? input.assessedOn() : today;
		if (on.isAfter(today)) {
			throw new RuleViolationException("assessedOn", "relationship.validation.future");
		}
		String evidence = StringUtils.hasText(input.evidence()) ? input.evidence().strip() : null;
		if (evidence != null && evidence.length() > MAX_EVIDENCE) {
			throw new RuleViolationException("evidence", "relationship.validation.tooLong", MAX_EVIDENCE);
		}
		int[] previous = this.jdbc.sql("""
				select personal, company from relationship_assessment
				where account_id = :account and assessed_on <= :on order by assessed_on desc, id desc limit 1""")
			.param("account", accountId)
			.param("on", on)
			.query((rs, n) -> new int[] { rs.getInt(1), rs.getInt(2) })
			.optional()
			.orElse(new int[] { 0, 0 });
		int rise = Math.max(personal - previous[0], company - previous[1]);
		if (rise > STEP_WITHOUT_EVIDENCE && evidence == null) {
			throw new RuleViolationException("evidence", "relationship.validation.jumpNeedsEvidence", previous[0],
					previous[1], personal, company);
		}
		LocalDateTime now = LocalDateTime.now(this.clock);
		long id = insert(accountId, personal, company, on, assessor.id(), evidence, now);
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("personal", personal);
		values.put("company", company);
		values.put("assessedOn", on);
		values.put("stage", this.settings.stageTable().stageOf(personal, company));
		values.put("evidence", evidence);
		this.audit.created("RelationshipAssessment", id, accountId, values);
		return find(List.of(accountId), " and r.id = :id", Map.of("id", id)).get(0);
	}

	private long insert(long accountId, int personal, int company, LocalDate on, long assessorId, String evidence,
			LocalDateTime now) {
		org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into relationship_assessment (account_id, personal, company, assessed_on, assessor_id, evidence,
				                                     created_at)
				values (:account, :personal, :company, :on, :assessor, :evidence, :now)""")
			.param("account", accountId)
			.param("personal", personal)
			.param("company", company)
			.param("on", on)
			.param("assessor", assessorId)
			.param("evidence", evidence)
			.param("now", now)
			.update(keys, "id");
		return keys.getKey().longValue();
	}

	/**
	 * The account's assessments, newest first.
	 */
	public List<AssessmentView> history(RecordScope scope, long accountId) {
		this.accounts.requireVisible(scope, accountId);
		return find(List.of(accountId), "", Map.of());
	}

	/**
	 * Current cell, stage, path, balance and next moves of one account, with level names
	 * in the given language.
	 */
	public RelationshipSummary summary(RecordScope scope, long accountId, Locale locale) {
		List<AssessmentView> history = history(scope, accountId);
		List<AssessmentView> path = new ArrayList<>(history);
		java.util.Collections.reverse(path);
		AssessmentView current = history.isEmpty() ? null : history.get(0);
		int personal = (current != null) ? current.personal() : 0;
		int company = (current != null) ? current.company() : 0;
		GridAxis imbalance = null;
		if (personal - company >= IMBALANCE) {
			imbalance = GridAxis.PERSONAL;
		}
		else if (company - personal >= IMBALANCE) {
			imbalance = GridAxis.COMPANY;
		}
		Map<GridAxis, List<GridLevel>> levels = this.settings.levels();
		List<RelationshipSummary.NextMove> moves = new ArrayList<>();
		if (personal <= company && personal < 5) {
			moves.add(move(levels, GridAxis.PERSONAL, personal, locale));
		}
		if (company <= personal && company < 5) {
			moves.add(move(levels, GridAxis.COMPANY, company, locale));
		}
		return new RelationshipSummary(accountId, current, (current != null) ? current.stage() : null, path, imbalance,
				moves, breadth(scope, accountId));
	}

	private static RelationshipSummary.NextMove move(Map<GridAxis, List<GridLevel>> levels, GridAxis axis, int from,
			Locale locale) {
		GridLevel level = levels.get(axis).get(from);
		GridLevel next = levels.get(axis).get(from + 1);
		return new RelationshipSummary.NextMove(axis, from, level.name(locale), next.name(locale),
				level.nextMove(locale));
	}

	/**
	 * Suggests the relationship type from how many functions and reporting levels of the
	 * account we know (DOMAIN.md §3.6): one function is an ordinary relationship, several
	 * a partnership, four or more across three or more levels a strategic one.
	 */
	RelationshipSummary.Breadth breadth(RecordScope scope, long accountId) {
		List<ContactView> people = this.contacts.forAccount(scope, accountId);
		Set<String> functions = new HashSet<>();
		for (ContactView person : people) {
			if (StringUtils.hasText(person.department())) {
				functions.add(person.department().strip().toLowerCase(Locale.ROOT));
			}
		}
		int levels = 0;
		for (ContactView.Node root : this.contacts.orgChart(scope, accountId)) {
			levels = Math.max(levels, depth(root));
		}
		return new RelationshipSummary.Breadth(people.size(), functions.size(), levels,
				suggestType(people.size(), functions.size(), levels));
	}

	static RelationshipType suggestType(int contacts, int functions, int levels) {
		if (contacts == 0) {
			return null;
		}
		if (functions >= 4 && levels >= 3) {
			return RelationshipType.STRATEGIC;
		}
		if (functions >= 2) {
			return RelationshipType.PARTNERSHIP;
		}
		return RelationshipType.ORDINARY;
	}

	private static int depth(ContactView.Node node) {
		int deepest = 0;
		for (ContactView.Node report : node.reports()) {
			deepest = Math.max(deepest, depth(report));
		}
		return deepest + 1;
	}

	private List<AssessmentView> find(List<Long> accountIds, String extra, Map<String, Object> params) {
		StageTable table = this.settings.stageTable();
		List<Raw> rows = this.jdbc.sql("""
				select r.id, r.account_id, r.personal, r.company, r.assessed_on, r.assessor_id, r.evidence, r.created_at
				from relationship_assessment r
				where r.account_id in (:accounts)""" + extra + " order by r.assessed_on desc, r.id desc")
			.param("accounts", accountIds)
			.params(params)
			.query((rs, n) -> new Raw(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4),
					rs.getDate(5).toLocalDate(), rs.getLong(6), rs.getString(7), rs.getTimestamp(8).toLocalDateTime()))
			.list();
		Set<Long> assessorIds = new HashSet<>();
		rows.forEach((row) -> assessorIds.add(row.assessorId()));
		Map<Long, UserSummary> assessors = this.users.byIds(assessorIds);
		return rows.stream().map((r) -> {
			UserSummary assessor = assessors.get(r.assessorId());
			return new AssessmentView(r.id(), r.accountId(), r.personal(), r.company(),
					table.stageOf(r.personal(), r.company()), r.assessedOn(),
					(assessor != null) ? assessor.username() : null, (assessor != null) ? assessor.displayName() : null,
					r.evidence(), r.createdAt());
		}).toList();
	}

	private record Raw(long id, long accountId, int personal, int company, LocalDate assessedOn, long assessorId,
			String evidence, LocalDateTime createdAt) {
	}

	private static int level(String field, Integer value) {
		if (value == null) {
			throw new RuleViolationException(field, "validation.required");
		}
		if (value < 0 || value > 5) {
			throw new RuleViolationException(field, "validation.between", 0, 5);
		}
		return value;
	}

}
