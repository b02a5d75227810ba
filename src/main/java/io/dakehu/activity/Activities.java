package io.dakehu.activity;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.contact.Contacts;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Logging and reading activities. An activity is visible exactly when its account is.
 */
@Service
@Transactional
public class Activities {

	private final ActivityRepository activities;

	private final AccountQueries accounts;

	private final Contacts contacts;

	private final Users users;

	private final AuditTrail audit;

	private final LastContactBook lastContacts;

	private final JdbcClient jdbc;

	private final Clock clock;

	Activities(ActivityRepository activities, AccountQueries accounts, Contacts contacts, Users users, AuditTrail audit,
			LastContactBook lastContacts, JdbcClient jdbc, Clock clock) {
		this.activities = activities;
		this.lastContacts = lastContacts;
		this.accounts = accounts;
		this.contacts = contacts;
		this.users = users;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public ActivityView log(CurrentUser editor, long accountId, ActivityInput input) {
		this.accounts.requireVisible(editor.scope(), accountId);
		Activity activity = Activity.log(accountId, editor.id(), LocalDateTime.now(this.clock));
		apply(activity, input);
		activity = this.activities.save(activity);
		this.lastContacts.refresh(accountId);
		this.audit.created("Activity", activity.id(), accountId, activity.auditValues());
		return view(activity);
	}

	public ActivityView update(CurrentUser editor, long id, Integer expectedVersion, ActivityInput input) {
		Activity activity = load(editor.scope(), id);
		if (expectedVersion == null) {
			throw new RuleViolationException("version", "validation.versionRequired");
		}
		StaleEditException.check("Activity", id, expectedVersion, activity.version());
		Map<String, Object> before = activity.auditValues();
		apply(activity, input);
		activity = this.activities.save(activity);
		this.lastContacts.refresh(activity.accountId());
		this.audit.changed("Activity", id, activity.accountId(), before, activity.auditValues());
		return view(activity);
	}

	public void remove(CurrentUser editor, long id) {
		Activity activity = load(editor.scope(), id);
		this.activities.delete(activity);
		this.lastContacts.refresh(activity.accountId());
		this.audit.deleted("Activity", id, activity.accountId(), activity.auditValues());
	}

	@Transactional(readOnly = true)
	public ActivityView get(RecordScope scope, long id) {
		return view(load(scope, id));
	}

	/**
	 * The account's activities, newest first.
	 */
	@Transactional(readOnly = true)
	public List<ActivityView> timeline(RecordScope scope, long accountId, int limit) {
		return timeline(scope, accountId, null, limit);
	}

	/**
	 * The account's activities after {@code last} in the timeline's order (the last one a
	 * page showed; from the newest when null), newest first: the next page.
	 */
	@Transactional(readOnly = true)
	public List<ActivityView> timeline(RecordScope scope, long accountId, Place last, int limit) {
		this.accounts.requireVisible(scope, accountId);
		String older = (last != null) ? "and (occurred_at < :at or (occurred_at = :at and id < :id))" : "";
		JdbcClient.StatementSpec statement = this.jdbc.sql("""
				select id from activity where account_id = :account %s order by occurred_at desc, id desc limit :limit
				""".formatted(older)).param("account", accountId).param("limit", limit);
		if (last != null) {
			statement = statement.param("at", last.occurredAt()).param("id", last.id());
		}
		List<Long> ids = statement.query(Long.class).list();
		return this.activities.findAllById(ids)
			.stream()
			.sorted((a, b) -> Integer.compare(ids.indexOf(a.id()), ids.indexOf(b.id())))
			.map(this::view)
			.toList();
	}

	/**
	 * The user's next contacts: for each visible account where they logged or took part
	 * in the latest activity, that activity's planned next contact, soonest (and overdue)
	 * first. A later activity without a plan clears the earlier plan, because the contact
	 * has happened.
	 */
	@Transactional(readOnly = true)
	public List<UpcomingContact> upcoming(CurrentUser user, int limit) {
		AccountScopeSql scope = AccountScopeSql.of(user.scope(), "x.account_id");
		LocalDate today = LocalDate.now(this.clock);
		List<Object[]> rows = this.jdbc.sql("""
				select x.account_id, x.next_contact_date, x.next_step from (
				    select a.account_id, a.next_contact_date, a.next_step, a.created_by, a.id,
				           row_number() over (partition by a.account_id order by a.occurred_at desc, a.id desc) as rn
				    from activity a
				    where a.account_id in (select b.account_id from activity b where b.created_by = :me
				                           union select b.account_id from activity b
				                           join activity_user p on p.activity_id = b.id where p.user_id = :me)
				) x
				where x.rn = 1 and x.next_contact_date is not null and""" + " " + scope.condition() + " " + """
				order by x.next_contact_date, x.account_id limit :limit""")
			.params(scope.params())
			.param("me", user.id())
			.param("limit", limit)
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getString(3) })
			.list();
		Set<Long> accountIds = new HashSet<>();
		rows.forEach((row) -> accountIds.add((Long) row[0]));
		Map<Long, String> names = this.accounts.names(accountIds);
		return rows.stream()
			.map((row) -> new UpcomingContact((Long) row[0], names.get(row[0]), (LocalDate) row[1], (String) row[2],
					((LocalDate) row[1]).isBefore(today)))
			.toList();
	}

	/**
	 * Per account, the day of the latest visit in which one of the given users took part
	 * (logged it or joined it) on or after {@code since}; accounts without one are
	 * absent. The contact plan asks it for executive visits (高层主管拜访, DOMAIN.md §10.1).
	 * The caller has limited the accounts to the reader's scope.
	 */
	@Transactional(readOnly = true)
	public Map<Long, LocalDate> latestVisitsWith(Collection<Long> accountIds, Collection<Long> userIds,
			LocalDate since) {
		Map<Long, LocalDate> latest = new HashMap<>();
		if (accountIds.isEmpty() || userIds.isEmpty()) {
			return latest;
		}
		this.jdbc.sql("""
				select a.account_id, max(a.occurred_at) from activity a
				where a.account_id in (:accounts) and a.type = :visit and a.occurred_at >= :since
				  and (a.created_by in (:users)
				       or exists (select 1 from activity_user p where p.activity_id = a.id and p.user_id in (:users)))
				group by a.account_id""")
			.param("accounts", Set.copyOf(accountIds))
			.param("visit", ActivityType.VISIT.name())
			.param("since", Timestamp.valueOf(since.atStartOfDay()))
			.param("users", Set.copyOf(userIds))
			.query((ResultSet rs) -> {
				latest.put(rs.getLong(1), rs.getTimestamp(2).toLocalDateTime().toLocalDate());
			});
		return latest;
	}

	private Activity load(RecordScope scope, long id) {
		Activity activity = this.activities.findById(id).orElseThrow(() -> new NotFoundException("Activity", id));
		try {
			this.accounts.requireVisible(scope, activity.accountId());
		}
		catch (NotFoundException ex) {
			throw new NotFoundException("Activity", id);
		}
		return activity;
	}

	private void apply(Activity activity, ActivityInput input) {
		activity.record(input.type(), input.occurredAt(), input.durationMinutes(), input.cost(),
				input.summary().strip());
		activity.planNext(StringUtils.hasText(input.nextStep()) ? input.nextStep().strip() : null,
				input.nextContactDate());
		Set<Long> contactIds = (input.contactIds() != null) ? new HashSet<>(input.contactIds()) : Set.of();
		this.contacts.requireAllAt(activity.accountId(), contactIds, "contactIds");
		Set<Long> userIds = new HashSet<>();
		if (input.participants() != null) {
			for (String username : input.participants()) {
				if (StringUtils.hasText(username)) {
					userIds.add(this.users.requireActive(username.strip(), "participants").id());
				}
			}
		}
		activity.involve(contactIds, userIds);
	}

	private ActivityView view(Activity activity) {
		Map<Long, String> contactNames = this.contacts.names(activity.contactIds());
		Set<Long> userIds = new HashSet<>(activity.userIds());
		userIds.add(activity.createdBy());
		Map<Long, UserSummary> people = this.users.byIds(userIds);
		UserSummary creator = people.get(activity.createdBy());
		List<ActivityView.Participant> contactList = contactNames.entrySet()
			.stream()
			.map((e) -> new ActivityView.Participant(e.getKey(), e.getValue()))
			.sorted(Comparator.comparing(ActivityView.Participant::name))
			.toList();
		List<ActivityView.Participant> userList = activity.userIds()
			.stream()
			.map(people::get)
			.filter(Objects::nonNull)
			.map((u) -> new ActivityView.Participant(u.id(), u.displayName()))
			.sorted(Comparator.comparing(ActivityView.Participant::name))
			.toList();
		return new ActivityView(activity.id(), activity.accountId(), activity.type(), activity.occurredAt(),
				activity.durationMinutes(), activity.cost(), activity.summary(), activity.nextStep(),
				activity.nextContactDate(), (creator != null) ? creator.displayName() : null, contactList, userList,
				activity.version());
	}

	/**
	 * Person-minutes per user and account for activities in the period, for Sales ROI: an
	 * activity counts for its author and for each of our participants, once each. Only
	 * activities on accounts the reader can see count.
	 */
	@Transactional(readOnly = true)
	public List<TimeSpent> timeSpent(RecordScope scope, LocalDate from, LocalDate to) {
		AccountScopeSql visible = AccountScopeSql.of(scope, "a.account_id");
		return this.jdbc
			.sql("""
					select p.user_id, a.account_id, sum(a.duration_minutes)
					from activity a
					join (select x.id as activity_id, x.created_by as user_id from activity x
					      union select y.activity_id, y.user_id from activity_user y) p on p.activity_id = a.id
					where a.duration_minutes is not null and a.occurred_at >= :from and a.occurred_at < :until"""
					+ " and (" + visible.condition() + ") group by p.user_id, a.account_id")
			.params(visible.params())
			.param("from", from.atStartOfDay())
			.param("until", to.plusDays(1).atStartOfDay())
			.query((rs, n) -> new TimeSpent(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	/** An activity's place in the timeline: its time, then its id. */
	public record Place(LocalDateTime occurredAt, long id) {
	}

}
