package io.dakehu.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountQueries;
import io.dakehu.activity.Activities;
import io.dakehu.activity.TimeSpent;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.Funnel;
import io.dakehu.shared.RuleViolationException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sales ROI (DOMAIN.md §9): won sales closed in a period divided by the person-hours our
 * people logged in activities in the same period. Per salesperson: their won sales over
 * their own hours; per account: everyone's won sales on it over everyone's hours on it.
 */
@Service
@Transactional(readOnly = true)
public class SalesRoi {

	private final Funnel funnel;

	private final Activities activities;

	private final Users users;

	private final AccountQueries accounts;

	SalesRoi(Funnel funnel, Activities activities, Users users, AccountQueries accounts) {
		this.funnel = funnel;
		this.activities = activities;
		this.users = users;
		this.accounts = accounts;
	}

	public RoiReport report(RecordScope scope, LocalDate from, LocalDate to) {
		if (from == null || to == null || to.isBefore(from)) {
			throw new RuleViolationException((from == null) ? "from" : "to", "report.validation.period");
		}
		Map<Long, BigDecimal> salesByPerson = new HashMap<>();
		Map<Long, BigDecimal> salesByAccount = new HashMap<>();
		this.funnel.wonSales(scope, from, to).forEach((person, byAccount) -> byAccount.forEach((account, amount) -> {
			salesByPerson.merge(person, amount, BigDecimal::add);
			salesByAccount.merge(account, amount, BigDecimal::add);
		}));
		Map<Long, Long> minutesByPerson = new HashMap<>();
		Map<Long, Long> minutesByAccount = new HashMap<>();
		for (TimeSpent spent : this.activities.timeSpent(scope, from, to)) {
			if (scope.all() || scope.ownerIds().contains(spent.userId())) {
				minutesByPerson.merge(spent.userId(), spent.minutes(), Long::sum);
			}
			minutesByAccount.merge(spent.accountId(), spent.minutes(), Long::sum);
		}
		Set<Long> people = new HashSet<>(salesByPerson.keySet());
		people.addAll(minutesByPerson.keySet());
		Set<Long> accountIds = new HashSet<>(salesByAccount.keySet());
		accountIds.addAll(minutesByAccount.keySet());
		Map<Long, String> personNames = this.users.displayNames(people);
		Map<Long, String> accountNames = this.accounts.names(accountIds);
		List<RoiLine> personLines = new ArrayList<>();
		for (Long person : people) {
			personLines.add(RoiLine.of(person, personNames.get(person),
					salesByPerson.getOrDefault(person, BigDecimal.ZERO), minutesByPerson.getOrDefault(person, 0L)));
		}
		List<RoiLine> accountLines = new ArrayList<>();
		for (Long account : accountIds) {
			accountLines.add(RoiLine.of(account, accountNames.get(account),
					salesByAccount.getOrDefault(account, BigDecimal.ZERO), minutesByAccount.getOrDefault(account, 0L)));
		}
		Comparator<RoiLine> order = Comparator.comparing(RoiLine::sales)
			.reversed()
			.thenComparing(RoiLine::hours, Comparator.reverseOrder())
			.thenComparing(RoiLine::id);
		personLines.sort(order);
		accountLines.sort(order);
		return new RoiReport(from, to, List.copyOf(personLines), List.copyOf(accountLines));
	}

}
