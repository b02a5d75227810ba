package io.dakehu.approval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.NoticeRequested;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The approval flow (DOMAIN.md §10.6), the public face of the module: modules open
 * requests, approvers decide them, everyone reads the ones that concern them.
 * <p>
 * A request is routed when it is made: up to the director threshold to the requester's
 * manager (the one they report to, else their team's manager), above it to the first
 * director up the requester's line of managers, else the company's first director. A
 * request with nobody above the requester goes to a director as well. A director (or the
 * administrator) may decide any request; a manager only those up to the threshold of
 * people in their team; nobody their own.
 */
@Service
@Transactional(readOnly = true)
public class Approvals {

	static final String AUDIT_TYPE = "Approval";

	/** Notice kinds, for the approver and for the requester. */
	static final String REQUESTED = "approval.requested";

	static final String DECIDED = "approval.decided";

	/** Longest reason and comment kept. */
	public static final int TEXT_LENGTH = 2000;

	/** How far up a line of managers a director is looked for. */
	private static final int CHAIN_LIMIT = 10;

	private final ApprovalRepository repository;

	private final ApprovalSettings settings;

	private final Users users;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Approvals(ApprovalRepository repository, ApprovalSettings settings, Users users, JdbcClient jdbc, AuditTrail audit,
			ApplicationEventPublisher events, Clock clock) {
		this.repository = repository;
		this.settings = settings;
		this.users = users;
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Opens a request on behalf of the requester and tells the approver. Called by the
	 * subject's module inside its own transaction, after it checked the requester may act
	 * on the subject.
	 * @throws RuleViolationException on {@code amount} when nobody could approve it (no
	 * manager and no director)
	 */
	@Transactional
	public ApprovalView request(long requesterId, ApprovalSubject subject) {
		ApprovalLevel level = this.settings.levelFor(subject.amount());
		UserSummary approver = route(requesterId, level)
			.orElseThrow(() -> new RuleViolationException("amount", "validation.approval.noApprover"));
		String reason = StringUtils.hasText(subject.reason()) ? clip(subject.reason().strip()) : null;
		ApprovalSubject asked = new ApprovalSubject(subject.kind(), subject.id(), subject.accountId(), subject.title(),
				subject.link(), subject.amount(), reason);
		ApprovalRequest saved = this.repository
			.save(ApprovalRequest.open(asked, requesterId, approver.id(), level, LocalDateTime.now(this.clock)));
		this.audit.created(AUDIT_TYPE, saved.getId(), saved.getAccountId(), saved.auditValues());
		UserSummary requester = this.users.get(requesterId);
		this.events.publishEvent(new NoticeRequested(List.of(approver.id()), false, REQUESTED, "notice." + REQUESTED,
				List.of(requester.displayName(), subject.title(), money(subject.amount())), link(saved.getId()),
				REQUESTED + ":" + saved.getId()));
		return view(saved.getId());
	}

	private Optional<UserSummary> route(long requesterId, ApprovalLevel level) {
		UserSummary requester = this.users.get(requesterId);
		if (level == ApprovalLevel.MANAGER) {
			Optional<UserSummary> manager = managerOf(requester);
			if (manager.isPresent()) {
				return manager;
			}
		}
		// A director up the requester's line, so the director who leads the team decides.
		Set<Long> seen = new HashSet<>();
		seen.add(requesterId);
		UserSummary current = requester;
		for (int step = 0; step < CHAIN_LIMIT; step++) {
			Optional<UserSummary> above = managerOf(current);
			if (above.isEmpty() || !seen.add(above.get().id())) {
				break;
			}
			if (above.get().role() == Role.DIRECTOR) {
				return above;
			}
			current = above.get();
		}
		return this.users.active()
			.stream()
			.filter((user) -> user.role() == Role.DIRECTOR && user.id() != requesterId)
			.min(Comparator.comparingLong(UserSummary::id));
	}

	/** The active manager a user reports to, else the active manager of their team. */
	private Optional<UserSummary> managerOf(UserSummary user) {
		if (user.managerUsername() != null) {
			Optional<UserSummary> direct = this.users.findByUsername(user.managerUsername())
				.filter(UserSummary::active)
				.filter((manager) -> manager.id() != user.id());
			if (direct.isPresent()) {
				return direct;
			}
		}
		return this.users.managersOf(List.of(user.id()))
			.getOrDefault(user.id(), Set.of())
			.stream()
			.map(this.users::get)
			.filter(UserSummary::active)
			.findFirst();
	}

	/**
	 * @throws NotFoundException when it does not exist or does not concern the reader
	 */
	public ApprovalView get(CurrentUser me, long id) {
		ApprovalView view = view(id);
		if (!concerns(me, view)) {
			throw new NotFoundException(AUDIT_TYPE, id);
		}
		return view;
	}

	/**
	 * The requests the reader may decide (for a director or the administrator, every
	 * request but their own; for a manager, those routed to them and those of their team
	 * up to the threshold), newest first.
	 * @param status null for every status
	 */
	public List<ApprovalView> inbox(CurrentUser me, ApprovalStatus status, int limit) {
		if (me.role() == Role.KAM) {
			return List.of();
		}
		Map<String, Object> params = new HashMap<>();
		params.put("me", me.id());
		StringBuilder where = new StringBuilder("a.requester_id <> :me");
		if (!me.scope().all()) {
			where.append(" and (a.approver_id = :me or (a.approval_level = 'MANAGER' and a.requester_id in (:team)))");
			Set<Long> team = new HashSet<>(me.scope().ownerIds());
			team.add(-1L);
			params.put("team", team);
		}
		return list(where, status, params, limit);
	}

	/** The reader's own requests, newest first. */
	public List<ApprovalView> mine(CurrentUser me, ApprovalStatus status, int limit) {
		Map<String, Object> params = new HashMap<>();
		params.put("me", me.id());
		return list(new StringBuilder("a.requester_id = :me"), status, params, limit);
	}

	/**
	 * Every request ever made about one subject, newest first: its history of approvals.
	 * The subject's module has checked the reader may see the subject.
	 */
	public List<ApprovalView> forSubject(String kind, long subjectId) {
		Map<String, Object> params = new HashMap<>();
		params.put("kind", kind);
		params.put("subject", subjectId);
		return list(new StringBuilder("a.subject_kind = :kind and a.subject_id = :subject"), null, params, 100);
	}

	/**
	 * Approves a pending request, tells the requester and publishes
	 * {@link ApprovalDecided}.
	 * @throws AccessDeniedException for the requester, a key account manager, or a
	 * manager when the amount is above the director threshold
	 * @throws StaleEditException when the version is not the current one
	 * @throws ApprovalStateException when it was decided already
	 */
	@Transactional
	public ApprovalView approve(CurrentUser me, long id, Integer version, String comment) {
		return decide(me, id, version, true, comment);
	}

	/**
	 * Rejects a pending request; a comment saying why is required.
	 * @throws RuleViolationException on {@code comment} when none is given
	 */
	@Transactional
	public ApprovalView reject(CurrentUser me, long id, Integer version, String comment) {
		if (!StringUtils.hasText(comment)) {
			throw new RuleViolationException("comment", "validation.approval.commentRequired");
		}
		return decide(me, id, version, false, comment);
	}

	private ApprovalView decide(CurrentUser me, long id, Integer version, boolean approve, String comment) {
		ApprovalView shown = get(me, id);
		if (comment != null && comment.strip().length() > TEXT_LENGTH) {
			throw new RuleViolationException("comment", "validation.approval.commentLength", TEXT_LENGTH);
		}
		ApprovalRequest request = this.repository.findById(id).orElseThrow(() -> new NotFoundException(AUDIT_TYPE, id));
		if (request.getRequesterId() == me.id()) {
			throw new AccessDeniedException("Nobody approves their own request");
		}
		if (me.role() == Role.KAM) {
			throw new AccessDeniedException("Key account managers do not approve");
		}
		if (request.getLevel() == ApprovalLevel.DIRECTOR && !me.role().seesEverything()) {
			throw new AccessDeniedException("Above the director threshold a director decides");
		}
		StaleEditException.check(AUDIT_TYPE, id, version, request.getVersion());
		Map<String, Object> before = request.auditValues();
		String text = StringUtils.hasText(comment) ? comment.strip() : null;
		request.decide(approve, me.id(), text, LocalDateTime.now(this.clock));
		ApprovalRequest saved = this.repository.save(request);
		this.audit.changed(AUDIT_TYPE, id, saved.getAccountId(), before, saved.auditValues());
		this.events.publishEvent(new ApprovalDecided(id, saved.getSubjectKind(), saved.getSubjectId(),
				saved.getStatus(), me.id(), text));
		this.events.publishEvent(new NoticeRequested(List.of(saved.getRequesterId()), false, DECIDED,
				"notice." + DECIDED + "." + saved.getStatus().name(),
				List.of(saved.getSubjectTitle(), me.displayName(), (text != null) ? text : ""), shown.subjectLink(),
				DECIDED + ":" + id));
		return view(id);
	}

	private boolean concerns(CurrentUser me, ApprovalView view) {
		if (me.scope().all() || me.username().equals(view.requester()) || me.username().equals(view.approver())) {
			return true;
		}
		if (me.role() != Role.MANAGER) {
			return false;
		}
		Optional<UserSummary> requester = this.users.findByUsername(view.requester());
		return requester.isPresent() && me.scope().ownerIds().contains(requester.get().id());
	}

	private ApprovalView view(long id) {
		Map<String, Object> params = new HashMap<>();
		params.put("id", id);
		List<ApprovalView> found = list(new StringBuilder("a.id = :id"), null, params, 1);
		if (found.isEmpty()) {
			throw new NotFoundException(AUDIT_TYPE, id);
		}
		return found.get(0);
	}

	private List<ApprovalView> list(StringBuilder where, ApprovalStatus status, Map<String, Object> params, int limit) {
		StringBuilder sql = new StringBuilder("""
				select a.id, a.subject_kind, a.subject_id, a.account_id, a.subject_title, a.subject_link, a.amount,
				       a.reason, a.requester_id, a.approver_id, a.approval_level, a.status, a.requested_at,
				       a.decided_by, a.decided_at, a.decision_comment, a.version
				from approval_request a where """).append(" ").append(where);
		if (status != null) {
			sql.append(" and a.status = :status");
			params.put("status", status.name());
		}
		sql.append(" order by a.requested_at desc, a.id desc limit :limit");
		params.put("limit", limit);
		List<Row> rows = this.jdbc.sql(sql.toString()).params(params).query(Approvals::row).list();
		Set<Long> people = new HashSet<>();
		rows.forEach((r) -> {
			people.add(r.requesterId());
			people.add(r.approverId());
			if (r.decidedBy() != null) {
				people.add(r.decidedBy());
			}
		});
		Map<Long, UserSummary> named = this.users.byIds(people);
		List<ApprovalView> views = new ArrayList<>();
		for (Row r : rows) {
			UserSummary requester = named.get(r.requesterId());
			UserSummary approver = named.get(r.approverId());
			UserSummary decider = (r.decidedBy() != null) ? named.get(r.decidedBy()) : null;
			views.add(new ApprovalView(r.id(), r.kind(), r.subjectId(), r.accountId(), r.title(), r.link(), r.amount(),
					r.reason(), requester.username(), requester.displayName(), approver.username(),
					approver.displayName(), r.level(), r.status(), r.requestedAt(),
					(decider != null) ? decider.username() : null, (decider != null) ? decider.displayName() : null,
					r.decidedAt(), r.comment(), r.version()));
		}
		return views;
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		Timestamp decided = rs.getTimestamp(15);
		return new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getObject(4, Long.class), rs.getString(5),
				rs.getString(6), rs.getBigDecimal(7), rs.getString(8), rs.getLong(9), rs.getLong(10),
				ApprovalLevel.valueOf(rs.getString(11).strip()), ApprovalStatus.valueOf(rs.getString(12).strip()),
				rs.getTimestamp(13).toLocalDateTime(), rs.getObject(14, Long.class),
				(decided != null) ? decided.toLocalDateTime() : null, rs.getString(16), rs.getInt(17));
	}

	private static String link(long id) {
		return "/approvals/" + id;
	}

	private static String clip(String text) {
		return (text.length() > TEXT_LENGTH) ? text.substring(0, TEXT_LENGTH) : text;
	}

	static String money(BigDecimal amount) {
		return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
	}

	private record Row(long id, String kind, long subjectId, Long accountId, String title, String link,
			BigDecimal amount, String reason, long requesterId, long approverId, ApprovalLevel level,
			ApprovalStatus status, LocalDateTime requestedAt, Long decidedBy, LocalDateTime decidedAt, String comment,
			int version) {
	}

}
