package io.dakehu.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.contact.Contacts;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.segmentation.AbcClass;
import io.dakehu.segmentation.LatestClasses;
import io.dakehu.segmentation.Tier;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.NoticeRequested;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;
import io.dakehu.shared.outbound.EventType;
import io.dakehu.shared.outbound.RecordEvent;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Complaints (DOMAIN.md §10.3), the public face of their handling. A complaint is visible
 * to whoever may see its account; its owner, its helpers and managers work it; only a
 * manager (or above) reassigns it. Every change is audited on the account.
 */
@Service
@Transactional(readOnly = true)
public class Complaints {

	static final String AUDIT_TYPE = "Complaint";

	/** Complaints in this many months make an account's count for the repeated flag. */
	static final int REPEAT_MONTHS = 12;

	/** This many complaints in the window flag an account of class A, VIP or Major. */
	static final int REPEAT_COUNT = 3;

	/** Days from resolution to the return visit when the resolver names no date. */
	static final int RETURN_VISIT_DAYS = 7;

	/** The kind of notice a complaint handed to someone sends them. */
	static final String ASSIGNED = "complaint.assigned";

	/**
	 * The kind of notice a complaint past a due time sends its owner and their manager.
	 */
	static final String OVERDUE_KIND = "complaint.overdue";

	/** How far back a due time passed still gets its reminder. */
	static final int REMIND_DAYS = 7;

	/** The most complaints one reminder run tells about; the rest on the next run. */
	static final int REMIND_MOST = 1000;

	private static final java.time.format.DateTimeFormatter DUE_FORMAT = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm");

	private static final String OVERDUE = "((c.status = 'OPEN' and c.response_due_at < :now)"
			+ " or (c.status in ('OPEN', 'IN_PROGRESS') and c.resolution_due_at < :now))";

	private final ComplaintRepository repository;

	private final JdbcClient jdbc;

	private final AccountQueries accounts;

	private final Contacts contacts;

	private final Users users;

	private final ServiceLevels levels;

	private final TierStandings standings;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Complaints(ComplaintRepository repository, JdbcClient jdbc, AccountQueries accounts, Contacts contacts, Users users,
			ServiceLevels levels, TierStandings standings, AuditTrail audit, ApplicationEventPublisher events,
			Clock clock) {
		this.repository = repository;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.contacts = contacts;
		this.users = users;
		this.levels = levels;
		this.standings = standings;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Records a complaint owned by the recorder, due by the level of the account's tier.
	 * @throws NotFoundException when the recorder may not see the account
	 * @throws RuleViolationException when the contact works elsewhere
	 */
	@Transactional
	public ComplaintView record(CurrentUser me, ComplaintInput input) {
		AccountRef account = this.accounts.requireVisible(me.scope(), input.accountId());
		if (input.contactId() != null) {
			this.contacts.requireAllAt(account.id(), List.of(input.contactId()), "contactId");
		}
		LocalDateTime now = now();
		LocalDateTime receivedAt = (input.receivedAt() != null) ? input.receivedAt() : now;
		ServiceLevel level = this.levels.forAccount(account.id());
		Complaint complaint = this.repository.save(Complaint.record(account.id(), input.contactId(), receivedAt,
				input.channel(), input.category(), input.severity(), input.description().strip(), level, me.id(), now));
		this.audit.created(AUDIT_TYPE, complaint.getId(), account.id(), complaint.auditValues());
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("accountId", account.id());
		payload.put("category", input.category());
		payload.put("severity", input.severity());
		payload.put("receivedAt", receivedAt);
		this.events.publishEvent(new RecordEvent(EventType.COMPLAINT_OPENED, complaint.getId(), payload));
		return view(complaint.getId());
	}

	/**
	 * @throws NotFoundException when it does not exist or its account is out of scope
	 */
	public ComplaintView get(RecordScope scope, long id) {
		return list(scope, new ComplaintFilter(null, null, false, id), 1).stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException(AUDIT_TYPE, id));
	}

	/** The owner or a helper answered the customer: the complaint is in progress. */
	@Transactional
	public ComplaintView start(CurrentUser me, long id, Integer version) {
		return change(me, id, version, (complaint) -> {
			requireWorker(me, complaint);
			complaint.start(now());
		});
	}

	@Transactional
	public ComplaintView resolve(CurrentUser me, long id, ResolutionInput input) {
		LocalDateTime now = now();
		LocalDate visit = (input.returnVisitDue() != null) ? input.returnVisitDue()
				: now.toLocalDate().plusDays(RETURN_VISIT_DAYS);
		if (visit.isBefore(now.toLocalDate())) {
			throw new RuleViolationException("returnVisitDue", "validation.service.notPast");
		}
		ComplaintView resolved = change(me, id, input.version(), (complaint) -> {
			requireWorker(me, complaint);
			complaint.resolve(input.resolution().strip(), input.rootCause().strip(), visit, me.id(), now);
		});
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("accountId", resolved.accountId());
		payload.put("resolvedAt", resolved.resolvedAt());
		this.events.publishEvent(new RecordEvent(EventType.COMPLAINT_RESOLVED, id, payload));
		return resolved;
	}

	/** The return visit: the customer's satisfaction closes the complaint. */
	@Transactional
	public ComplaintView recordReturnVisit(CurrentUser me, long id, ReturnVisitInput input) {
		String notes = StringUtils.hasText(input.notes()) ? input.notes().strip() : null;
		return change(me, id, input.version(), (complaint) -> {
			requireWorker(me, complaint);
			complaint.recordReturnVisit(input.satisfaction(), notes, now());
		});
	}

	/**
	 * Corrects what was recorded; its owner, a helper or a manager may.
	 * @throws NotFoundException when it does not exist or its account is out of scope
	 * @throws AccessDeniedException for anyone else
	 * @throws ComplaintStateException when it is closed
	 * @throws RuleViolationException when the contact works elsewhere
	 */
	@Transactional
	public ComplaintView edit(CurrentUser me, long id, ComplaintEdit input) {
		ComplaintView current = get(me.scope(), id);
		if (input.contactId() != null) {
			this.contacts.requireAllAt(current.accountId(), List.of(input.contactId()), "contactId");
		}
		return change(me, id, input.version(), (complaint) -> {
			requireWorker(me, complaint);
			complaint.edit(input.contactId(), input.channel(), input.category(), input.severity(),
					input.description().strip());
		});
	}

	/**
	 * Withdraws a complaint recorded in error (decision 0038): its recorder or a manager,
	 * while nobody has answered the customer. Audited on the account with what it said.
	 * @throws NotFoundException when it does not exist or its account is out of scope
	 * @throws AccessDeniedException for anyone else
	 * @throws ComplaintStateException once it was answered
	 */
	@Transactional
	public void withdraw(CurrentUser me, long id, Integer version) {
		get(me.scope(), id);
		Complaint complaint = this.repository.findById(id).orElseThrow(() -> new NotFoundException(AUDIT_TYPE, id));
		if (complaint.getRecordedBy() != me.id() && !me.managesOthers()) {
			throw new AccessDeniedException("Only the recorder or a manager withdraws a complaint");
		}
		StaleEditException.check(AUDIT_TYPE, id, version, complaint.getVersion());
		complaint.requireWithdrawable();
		this.repository.delete(complaint);
		this.audit.deleted(AUDIT_TYPE, id, complaint.getAccountId(), complaint.auditValues());
	}

	/**
	 * Hands the complaint to another user; managers, directors and administrators only.
	 * @throws AccessDeniedException for a key account manager
	 */
	@Transactional
	public ComplaintView assign(CurrentUser me, long id, String owner, Integer version) {
		// Out of scope reads as missing first, so a refusal never confirms a complaint
		// exists.
		get(me.scope(), id);
		if (!me.managesOthers()) {
			throw new AccessDeniedException("Only managers reassign complaints");
		}
		UserSummary to = this.users.requireActive(owner, "owner");
		ComplaintView assigned = change(me, id, version, (complaint) -> complaint.reassign(to.id()));
		if (to.id() != me.id()) {
			// Told once the reassignment commits; the version names this handing-over.
			this.events.publishEvent(new NoticeRequested(List.of(to.id()), false, ASSIGNED, "notice." + ASSIGNED,
					List.of(assigned.accountName(), me.displayName()), "/complaints/" + id,
					ASSIGNED + ":" + id + ":" + assigned.version()));
		}
		return assigned;
	}

	/**
	 * Tells the owners of complaints that went past a due time in the last
	 * {@link #REMIND_DAYS} days, and their managers, once per complaint and due time (the
	 * dedup key): an answer overdue, then a resolution overdue. Older ones were told when
	 * they fell due.
	 * @return how many complaints were told about
	 */
	int remindOverdue() {
		LocalDateTime now = now();
		List<OverdueRow> rows = this.jdbc.sql("""
				select c.id, c.account_id, c.owner_id,
				       case when c.resolution_due_at < :now then c.resolution_due_at else c.response_due_at end,
				       case when c.resolution_due_at < :now then 'resolution' else 'response' end
				from complaint c
				where ((c.status = 'OPEN' and c.response_due_at < :now and c.response_due_at >= :since)
				    or (c.status in ('OPEN', 'IN_PROGRESS') and c.resolution_due_at < :now
				        and c.resolution_due_at >= :since))
				order by c.id limit :most""")
			.param("now", now)
			.param("since", now.minusDays(REMIND_DAYS))
			.param("most", REMIND_MOST)
			.query((rs, n) -> new OverdueRow(rs.getLong(1), rs.getLong(2), rs.getLong(3),
					rs.getTimestamp(4).toLocalDateTime(), rs.getString(5)))
			.list();
		if (rows.isEmpty()) {
			return 0;
		}
		Map<Long, String> names = this.accounts.names(rows.stream().map(OverdueRow::accountId).toList());
		for (OverdueRow row : rows) {
			this.events
				.publishEvent(new NoticeRequested(List.of(row.ownerId()), true, OVERDUE_KIND, "notice." + OVERDUE_KIND,
						List.of(String.valueOf(names.get(row.accountId())), row.dueAt().format(DUE_FORMAT)),
						"/complaints/" + row.id(), OVERDUE_KIND + ":" + row.id() + ":" + row.stage()));
		}
		return rows.size();
	}

	private record OverdueRow(long id, long accountId, long ownerId, LocalDateTime dueAt, String stage) {
	}

	/** The owner (or a manager) asks a colleague to help. */
	@Transactional
	public ComplaintView addHelper(CurrentUser me, long id, String helper, Integer version) {
		get(me.scope(), id);
		UserSummary user = this.users.requireActive(helper, "helper");
		return change(me, id, version, (complaint) -> {
			if (complaint.getOwnerId() != me.id() && !me.managesOthers()) {
				throw new AccessDeniedException("Only the owner or a manager asks for help");
			}
			complaint.addHelper(user.id());
		});
	}

	private ComplaintView change(CurrentUser me, long id, Integer version,
			java.util.function.Consumer<Complaint> step) {
		get(me.scope(), id);
		Complaint complaint = this.repository.findById(id).orElseThrow(() -> new NotFoundException(AUDIT_TYPE, id));
		StaleEditException.check(AUDIT_TYPE, id, version, complaint.getVersion());
		Map<String, Object> before = complaint.auditValues();
		step.accept(complaint);
		Complaint saved = this.repository.save(complaint);
		this.audit.changed(AUDIT_TYPE, id, saved.getAccountId(), before, saved.auditValues());
		return view(id);
	}

	private static void requireWorker(CurrentUser me, Complaint complaint) {
		if (!complaint.worksOn(me.id()) && !me.managesOthers()) {
			throw new AccessDeniedException("Only the owner, a helper or a manager works a complaint");
		}
	}

	/**
	 * Complaints the reader may see, newest first. With {@code overdue}, only those whose
	 * response or resolution time has passed and whose owner is the reader or, for a
	 * manager, one of the team (everyone's for a director).
	 */
	public List<ComplaintView> list(RecordScope scope, ComplaintFilter filter, int limit) {
		return list(scope, filter, null, Map.of(), limit);
	}

	/**
	 * What the user's to-do list (待办) shows of complaints: those they own or help with
	 * that nobody has answered yet, whenever their response falls due (the first
	 * responder answers at once, decision 0031), and those in progress whose resolution
	 * falls due by the end of today (or has passed); and the return visits (回访) of their
	 * resolved complaints due by today, the oldest first within each.
	 */
	@Transactional(readOnly = true)
	public ComplaintsToDo toDo(CurrentUser me, int limit) {
		LocalDateTime endOfToday = now().toLocalDate().plusDays(1).atStartOfDay();
		List<ComplaintView> due = list(me.scope(), ComplaintFilter.all(), """
				(c.owner_id = :toDoUser
				 or exists (select 1 from complaint_helper h where h.complaint_id = c.id and h.user_id = :toDoUser))
				and (c.status = 'OPEN' or (c.status = 'IN_PROGRESS' and c.resolution_due_at < :endOfToday))""",
				Map.of("toDoUser", me.id(), "endOfToday", endOfToday), limit);
		List<ComplaintView> returnVisits = list(me.scope(), ComplaintFilter.all(),
				"c.owner_id = :toDoUser and c.status = 'RESOLVED' and c.return_visit_due < :tomorrow",
				Map.of("toDoUser", me.id(), "tomorrow", endOfToday.toLocalDate()), limit);
		return new ComplaintsToDo(oldestFirst(due), oldestFirst(returnVisits));
	}

	private static List<ComplaintView> oldestFirst(List<ComplaintView> newestFirst) {
		List<ComplaintView> sorted = new ArrayList<>(newestFirst);
		Collections.reverse(sorted);
		return sorted;
	}

	private List<ComplaintView> list(RecordScope scope, ComplaintFilter filter, String condition,
			Map<String, Object> conditionParams, int limit) {
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "c.account_id");
		StringBuilder sql = new StringBuilder("""
				select c.id, c.account_id, c.contact_id, c.received_at, c.channel, c.category, c.severity,
				       c.description, c.tier, c.owner_id, c.recorded_by, c.status, c.response_due_at,
				       c.resolution_due_at, c.responded_at, c.resolution, c.root_cause, c.resolved_at,
				       c.return_visit_due, c.satisfaction, c.return_visit_notes, c.closed_at, c.version,
				       case when %s then 1 else 0 end as overdue
				from complaint c where %s""".formatted(OVERDUE, scopeSql.condition()));
		Map<String, Object> params = new HashMap<>(scopeSql.params());
		params.put("now", now());
		if (filter.id() != null) {
			sql.append(" and c.id = :id");
			params.put("id", filter.id());
		}
		if (filter.accountId() != null) {
			sql.append(" and c.account_id = :account");
			params.put("account", filter.accountId());
		}
		if (filter.status() != null) {
			sql.append(" and c.status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.overdue()) {
			sql.append(" and ").append(OVERDUE);
			if (!scope.all()) {
				sql.append(" and c.owner_id in (:owners)");
				params.put("owners", scope.ownerIds());
			}
		}
		if (condition != null) {
			sql.append(" and ").append(condition);
			params.putAll(conditionParams);
		}
		sql.append(" order by c.received_at desc, c.id desc limit :limit");
		params.put("limit", limit);
		List<Row> rows = this.jdbc.sql(sql.toString())
			.params(params)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3, Long.class),
					rs.getTimestamp(4).toLocalDateTime(), ComplaintChannel.valueOf(rs.getString(5).strip()),
					ComplaintCategory.valueOf(rs.getString(6).strip()), Severity.valueOf(rs.getString(7).strip()),
					rs.getString(8), Tier.valueOf(rs.getString(9).strip()), rs.getLong(10), rs.getLong(11),
					ComplaintStatus.valueOf(rs.getString(12).strip()), rs.getTimestamp(13).toLocalDateTime(),
					rs.getTimestamp(14).toLocalDateTime(), time(rs.getTimestamp(15)), rs.getString(16),
					rs.getString(17), time(rs.getTimestamp(18)),
					(rs.getDate(19) != null) ? rs.getDate(19).toLocalDate() : null,
					(Integer) rs.getObject(20, Integer.class), rs.getString(21), time(rs.getTimestamp(22)),
					rs.getInt(23), rs.getInt(24) == 1))
			.list();
		return views(rows);
	}

	/**
	 * What the account page shows: the level of the account's tier, its latest complaints
	 * and the repeated-complaint flag.
	 * @throws NotFoundException when the reader may not see the account
	 */
	public ServiceOverview overview(RecordScope scope, long accountId, int limit) {
		this.accounts.requireVisible(scope, accountId);
		LatestClasses.Classes classes = this.standings.of(List.of(accountId)).get(accountId);
		Tier tier = (classes != null) ? classes.tier() : Tier.SMALL;
		long inYear = countsInYear(List.of(accountId)).getOrDefault(accountId, 0L);
		return new ServiceOverview(accountId, this.levels.of(tier),
				list(scope, new ComplaintFilter(accountId, null, false, null), limit), inYear,
				flagged(inYear, classes));
	}

	/**
	 * The name of an account the reader may see, for a page that records a complaint on
	 * it.
	 * @throws NotFoundException when the reader may not see the account
	 */
	public String accountName(RecordScope scope, long accountId) {
		return this.accounts.requireVisible(scope, accountId).name();
	}

	/**
	 * Accounts in the reader's scope flagged for repeated complaints, most complaints
	 * first.
	 */
	public List<RepeatedComplaints> repeated(RecordScope scope) {
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "c.account_id");
		Map<Long, Long> counts = new LinkedHashMap<>();
		this.jdbc
			.sql("select c.account_id, count(*) from complaint c where c.received_at >= :since and "
					+ scopeSql.condition() + " group by c.account_id having count(*) >= :count order by count(*) desc,"
					+ " c.account_id")
			.params(scopeSql.params())
			.param("since", now().minusMonths(REPEAT_MONTHS))
			.param("count", REPEAT_COUNT)
			.query((rs, n) -> counts.put(rs.getLong(1), rs.getLong(2)))
			.list();
		Map<Long, LatestClasses.Classes> classes = this.standings.of(counts.keySet());
		Map<Long, String> names = this.accounts.names(counts.keySet());
		List<RepeatedComplaints> flagged = new ArrayList<>();
		counts.forEach((account, count) -> {
			LatestClasses.Classes c = classes.get(account);
			if (flagged(count, c)) {
				flagged.add(new RepeatedComplaints(account, names.get(account), count, c.tier(), c.abc()));
			}
		});
		return flagged;
	}

	private static boolean flagged(long complaints, LatestClasses.Classes classes) {
		return complaints >= REPEAT_COUNT && classes != null
				&& (classes.abc() == AbcClass.A || classes.tier() == Tier.VIP || classes.tier() == Tier.MAJOR);
	}

	private Map<Long, Long> countsInYear(Collection<Long> accountIds) {
		Map<Long, Long> counts = new HashMap<>();
		this.jdbc
			.sql("select account_id, count(*) from complaint where account_id in (:ids) and received_at >= :since"
					+ " group by account_id")
			.param("ids", Set.copyOf(accountIds))
			.param("since", now().minusMonths(REPEAT_MONTHS))
			.query((rs, n) -> counts.put(rs.getLong(1), rs.getLong(2)))
			.list();
		return counts;
	}

	/**
	 * Follows the merge of two accounts: the absorbed one's complaints are the
	 * survivor's.
	 */
	@Transactional
	void moveAccount(long absorbedId, long survivorId) {
		this.jdbc.sql("update complaint set account_id = :survivor where account_id = :absorbed")
			.param("survivor", survivorId)
			.param("absorbed", absorbedId)
			.update();
	}

	private ComplaintView view(long id) {
		// Read back without scope: the caller has just checked it.
		return list(RecordScope.everything(0), new ComplaintFilter(null, null, false, id), 1).get(0);
	}

	private List<ComplaintView> views(List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		Set<Long> accountIds = new HashSet<>();
		Set<Long> contactIds = new HashSet<>();
		Set<Long> userIds = new HashSet<>();
		for (Row row : rows) {
			accountIds.add(row.accountId());
			if (row.contactId() != null) {
				contactIds.add(row.contactId());
			}
			userIds.add(row.ownerId());
			userIds.add(row.recordedBy());
		}
		Map<Long, List<Long>> helpers = new HashMap<>();
		this.jdbc
			.sql("select complaint_id, user_id from complaint_helper where complaint_id in (:ids) order by user_id")
			.param("ids", rows.stream().map(Row::id).toList())
			.query((rs, n) -> helpers.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>()).add(rs.getLong(2)))
			.list();
		helpers.values().forEach(userIds::addAll);
		Map<Long, String> accountNames = this.accounts.names(accountIds);
		Map<Long, String> contactNames = this.contacts.names(contactIds);
		Map<Long, UserSummary> people = this.users.byIds(userIds);
		List<ComplaintView> views = new ArrayList<>();
		for (Row r : rows) {
			UserSummary owner = people.get(r.ownerId());
			UserSummary recorder = people.get(r.recordedBy());
			List<String> helping = helpers.getOrDefault(r.id(), List.of())
				.stream()
				.map((user) -> people.containsKey(user) ? people.get(user).username() : null)
				.toList();
			views.add(new ComplaintView(r.id(), r.accountId(), accountNames.get(r.accountId()), r.contactId(),
					(r.contactId() != null) ? contactNames.get(r.contactId()) : null, r.receivedAt(), r.channel(),
					r.category(), r.severity(), r.description(), r.tier(), (owner != null) ? owner.username() : null,
					(owner != null) ? owner.displayName() : null, helping,
					(recorder != null) ? recorder.username() : null, r.status(), r.responseDueAt(), r.resolutionDueAt(),
					r.respondedAt(), r.resolution(), r.rootCause(), r.resolvedAt(), r.returnVisitDue(),
					r.satisfaction(), r.returnVisitNotes(), r.closedAt(), r.overdue(), r.version()));
		}
		return views;
	}

	private LocalDateTime now() {
		return LocalDateTime.now(this.clock);
	}

	private static LocalDateTime time(java.sql.Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toLocalDateTime() : null;
	}

	private record Row(long id, long accountId, Long contactId, LocalDateTime receivedAt, ComplaintChannel channel,
			ComplaintCategory category, Severity severity, String description, Tier tier, long ownerId, long recordedBy,
			ComplaintStatus status, LocalDateTime responseDueAt, LocalDateTime resolutionDueAt,
			LocalDateTime respondedAt, String resolution, String rootCause, LocalDateTime resolvedAt,
			LocalDate returnVisitDue, Integer satisfaction, String returnVisitNotes, LocalDateTime closedAt,
			int version, boolean overdue) {
	}

}
