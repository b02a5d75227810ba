package io.dakehu.home;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.activity.Activities;
import io.dakehu.contact.Contacts;
import io.dakehu.home.HomeQueries.DueContact;
import io.dakehu.home.HomeQueries.DueCounts;
import io.dakehu.home.HomeQueries.Window;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Role;
import io.dakehu.identity.TeamSummary;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.order.PurchaseHistory;
import io.dakehu.service.ServiceLevel;
import io.dakehu.service.ServiceLevels;
import io.dakehu.shared.MonthGrid;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contact plan (联络计划, DOMAIN.md §10.2) by scope: the accounts due and overdue for
 * contact, grouped per KAM for a manager and per team for a director; the birthdays of
 * contacts and the anniversaries of first purchases coming up; the executive visits due
 * this period for VIP and Major accounts; a month's due days; and the events of a user's
 * calendar feed.
 * <p>
 * A scope wider than the reader's is refused (decision 0024): a KAM has only "mine", a
 * manager "mine" and "team", a director and an administrator all three ("team" being
 * their whole company).
 */
@Service
@Transactional(readOnly = true)
public class ContactPlan {

	/** How far ahead birthdays and anniversaries are listed. */
	public static final int OCCASION_DAYS = 14;

	/** The most accounts a calendar month or a feed shows. */
	static final int MOST_ACCOUNTS = 2000;

	/** The most key accounts checked for executive visits, highest ranked first. */
	static final int KEY_ACCOUNTS = 500;

	static final Set<String> KEY_TIERS = Set.of("VIP", "MAJOR");

	private final HomeQueries home;

	private final Users users;

	private final Contacts contacts;

	private final PurchaseHistory purchases;

	private final ServiceLevels levels;

	private final Activities activities;

	private final Clock clock;

	ContactPlan(HomeQueries home, Users users, Contacts contacts, PurchaseHistory purchases, ServiceLevels levels,
			Activities activities, Clock clock) {
		this.home = home;
		this.users = users;
		this.contacts = contacts;
		this.purchases = purchases;
		this.levels = levels;
		this.activities = activities;
		this.clock = clock;
	}

	/**
	 * The owners whose accounts a scope covers: the reader alone for "mine", null (the
	 * reader's whole record scope) for the wider ones.
	 * @throws AccessDeniedException when the scope is wider than the reader's role
	 */
	public Collection<Long> owners(CurrentUser me, Scope scope) {
		return switch (scope) {
			case MINE -> Set.of(me.id());
			case TEAM -> {
				if (me.role() == Role.KAM) {
					throw new AccessDeniedException("A KAM's contact plan is their own");
				}
				yield null;
			}
			case ALL -> {
				if (!me.role().seesEverything()) {
					throw new AccessDeniedException("Only a director sees everyone's contact plan");
				}
				yield null;
			}
		};
	}

	/**
	 * The accounts due (or only overdue) in the scope, soonest first, with the scope's
	 * counts per group: nothing for "mine"; per person for a manager's team; per team for
	 * a director (owners without a team in a group of their own, id 0). Groups with
	 * nothing due are left out. The page's total is the sum of the owners' counts, which
	 * are read anyway, so a team's book is counted once per request, not twice. Its
	 * statements run without a transaction of their own (one is joined when the caller
	 * has it): each reads what is committed, as it would in a read-committed transaction,
	 * and the request spares the round trips that begin and end one.
	 */
	@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
	public Sheet sheet(CurrentUser me, Scope scope, Status status, PageRequest page) {
		Collection<Long> owners = owners(me, scope);
		Window window = (status == Status.OVERDUE) ? Window.OVERDUE : Window.DUE;
		Map<Long, DueCounts> counts = this.home.dueCounts(me.scope(), owners);
		long total = counts.values()
			.stream()
			.mapToLong((due) -> (window == Window.OVERDUE) ? due.overdue() : due.due())
			.sum();
		if (scope == Scope.MINE) {
			// The reader's own count, remembered as a team's counts are: the page
			// reads its rows only.
			return new Sheet(this.home.due(me.scope(), owners, null, window, page, total), List.of());
		}
		return new Sheet(this.home.due(me.scope(), owners, null, window, page, total), groups(me, counts));
	}

	private List<Group> groups(CurrentUser me, Map<Long, DueCounts> counts) {
		Map<Long, UserSummary> people = this.users.byIds(counts.keySet());
		List<Group> groups = new ArrayList<>();
		if (me.role() == Role.MANAGER) {
			counts.forEach((owner, due) -> {
				UserSummary person = people.get(owner);
				groups.add(new Group(owner, (person != null) ? person.displayName() : null, due.overdue(), due.due()));
			});
		}
		else {
			Map<Long, String> teamNames = new HashMap<>();
			this.users.teams().forEach((TeamSummary team) -> teamNames.put(team.id(), team.name()));
			Map<Long, long[]> byTeam = new LinkedHashMap<>();
			for (UserSummary user : people.values()) {
				DueCounts due = counts.get(user.id());
				long[] sums = byTeam.computeIfAbsent((user.teamId() != null) ? user.teamId() : 0L, (id) -> new long[2]);
				sums[0] += due.overdue();
				sums[1] += due.due();
			}
			byTeam.forEach((team, sums) -> groups.add(new Group(team, teamNames.get(team), sums[0], sums[1])));
		}
		groups.sort(Comparator.comparing(Group::overdue)
			.reversed()
			.thenComparing(Group::name, Comparator.nullsLast(Comparator.naturalOrder())));
		return groups;
	}

	/**
	 * Birthdays of contacts and anniversaries of first purchases in the scope from today
	 * to {@link #OCCASION_DAYS} days ahead, soonest first.
	 */
	public List<Occasion> occasions(CurrentUser me, Scope scope, int limit) {
		Collection<Long> owners = owners(me, scope);
		LocalDate today = today();
		Map<Integer, LocalDate> days = upcomingDays(today, OCCASION_DAYS);
		List<Occasion> occasions = new ArrayList<>();
		this.contacts.birthdays(me.scope(), owners, days.keySet(), limit)
			.forEach((b) -> occasions.add(new Occasion(OccasionKind.BIRTHDAY, days.get(monthDay(b.birthday())),
					b.accountId(), b.accountName(), b.contactId(), b.contactName(), null)));
		this.purchases.firstPurchasesOn(me.scope(), owners, days.keySet(), limit).forEach((f) -> {
			LocalDate on = days.get(monthDay(f.firstPurchase()));
			int years = on.getYear() - f.firstPurchase().getYear();
			// The first purchase itself is no anniversary.
			if (years > 0) {
				occasions.add(new Occasion(OccasionKind.FIRST_PURCHASE, on, f.accountId(), f.accountName(), null, null,
						years));
			}
		});
		occasions.sort(Comparator.comparing(Occasion::on).thenComparing(Occasion::accountName));
		return occasions.subList(0, Math.min(limit, occasions.size()));
	}

	/**
	 * The days from {@code from} to {@code days} days after it, keyed by month * 100 +
	 * day. Outside a leap year the 28th of February stands for the 29th too, so a
	 * birthday on the 29th is not skipped three years in four.
	 */
	static Map<Integer, LocalDate> upcomingDays(LocalDate from, int days) {
		Map<Integer, LocalDate> upcoming = new LinkedHashMap<>();
		for (int i = 0; i <= days; i++) {
			LocalDate day = from.plusDays(i);
			upcoming.put(monthDay(day), day);
			if (day.getMonthValue() == 2 && day.getDayOfMonth() == 28 && !day.isLeapYear()) {
				upcoming.put(229, day);
			}
		}
		return upcoming;
	}

	private static int monthDay(LocalDate date) {
		return date.getMonthValue() * 100 + date.getDayOfMonth();
	}

	/**
	 * VIP and Major accounts in the scope due an executive visit in the current period of
	 * their tier's service level: no visit in which a director took part since the period
	 * began. Latest visit first missing, then by name.
	 */
	public List<ExecutiveVisitDue> executiveVisits(CurrentUser me, Scope scope) {
		Collection<Long> owners = owners(me, scope);
		LocalDate today = today();
		Map<String, ExecutiveVisitPeriod> periods = new HashMap<>();
		for (ServiceLevel level : this.levels.all()) {
			ExecutiveVisitPeriod period = ExecutiveVisitPeriod.of(today, level.executiveVisitsPerYear());
			if (period != null && KEY_TIERS.contains(level.tier().name())) {
				periods.put(level.tier().name(), period);
			}
		}
		if (periods.isEmpty()) {
			return List.of();
		}
		List<DueContact> keyAccounts = this.home
			.due(me.scope(), owners, periods.keySet(), Window.ANY, new PageRequest(0, KEY_ACCOUNTS))
			.content();
		LocalDate since = periods.values()
			.stream()
			.map(ExecutiveVisitPeriod::from)
			.min(Comparator.naturalOrder())
			.orElse(today);
		List<Long> executives = this.users.active()
			.stream()
			.filter((user) -> user.role() == Role.DIRECTOR)
			.map(UserSummary::id)
			.toList();
		Map<Long, LocalDate> visited = this.activities
			.latestVisitsWith(keyAccounts.stream().map(DueContact::accountId).toList(), executives, since);
		List<ExecutiveVisitDue> due = new ArrayList<>();
		for (DueContact account : keyAccounts) {
			ExecutiveVisitPeriod period = periods.get(account.tier());
			LocalDate last = visited.get(account.accountId());
			if (period.due(last)) {
				due.add(new ExecutiveVisitDue(account.accountId(), account.accountName(), account.ownerId(),
						account.tier(), period.to()));
			}
		}
		due.sort(
				Comparator.comparing(ExecutiveVisitDue::tier).reversed().thenComparing(ExecutiveVisitDue::accountName));
		return due;
	}

	/**
	 * The days of a month with the accounts in the scope due on each: Monday-first weeks
	 * covering the whole month, days of the months around it included and marked.
	 */
	public Month month(CurrentUser me, Scope scope, YearMonth month) {
		Collection<Long> owners = owners(me, scope);
		LocalDate gridStart = MonthGrid.start(month);
		LocalDate gridEnd = MonthGrid.end(month);
		Map<LocalDate, List<DueContact>> byDay = new HashMap<>();
		this.home.dueBetween(me.scope(), owners, gridStart, gridEnd, new PageRequest(0, MOST_ACCOUNTS))
			.content()
			.forEach((account) -> byDay.computeIfAbsent(account.dueOn(), (d) -> new ArrayList<>()).add(account));
		LocalDate today = today();
		List<List<Day>> weeks = MonthGrid.weeks(month,
				(day, inMonth) -> new Day(day, inMonth, day.equals(today), byDay.getOrDefault(day, List.of())));
		return new Month(month, weeks);
	}

	/**
	 * What a user's calendar feed holds: their own accounts due for contact (overdue, or
	 * due within {@link HomeQueries#DUE_WITHIN_DAYS} days), soonest first.
	 */
	public List<DueContact> feed(CurrentUser user) {
		return this.home.due(user.scope(), Set.of(user.id()), null, Window.DUE, new PageRequest(0, MOST_ACCOUNTS))
			.content();
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	/** Whose accounts a plan covers. */
	public enum Scope {

		MINE, TEAM, ALL

	}

	/** Which accounts of a plan a list shows. */
	public enum Status {

		/** Overdue, or due within {@link HomeQueries#DUE_WITHIN_DAYS} days. */
		DUE,
		/** Past the day they were due. */
		OVERDUE

	}

	/**
	 * A person (for a manager) or a team (for a director) and how many of their accounts
	 * are overdue and due.
	 *
	 * @param due overdue or due within {@link HomeQueries#DUE_WITHIN_DAYS} days
	 */
	public record Group(long id, String name, long overdue, long due) {
	}

	/** A page of the contact plan and its scope's counts per group. */
	public record Sheet(PageResult<DueContact> accounts, List<Group> groups) {
	}

	public enum OccasionKind {

		BIRTHDAY, FIRST_PURCHASE

	}

	/**
	 * A contact's birthday or the anniversary of an account's first purchase.
	 *
	 * @param on the day it falls this time
	 * @param contactId the contact whose birthday it is, null for an anniversary
	 * @param years how many years since the first purchase, null for a birthday
	 */
	public record Occasion(OccasionKind kind, LocalDate on, long accountId, String accountName, Long contactId,
			String contactName, Integer years) {
	}

	/**
	 * A key account due an executive visit.
	 *
	 * @param dueBy the last day of the current period
	 */
	public record ExecutiveVisitDue(long accountId, String accountName, long ownerId, String tier, LocalDate dueBy) {
	}

	/** A month of the calendar, as weeks of seven days from Monday. */
	public record Month(YearMonth month, List<List<Day>> weeks) {
	}

	/**
	 * @param inMonth false for the days of the months before and after shown to fill a
	 * week
	 */
	public record Day(LocalDate date, boolean inMonth, boolean today, List<DueContact> due) {
	}

}
