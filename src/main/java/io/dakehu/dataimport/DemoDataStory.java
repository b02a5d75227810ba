package io.dakehu.dataimport;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountCriteria;
import io.dakehu.account.AccountLifecycle;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRow;
import io.dakehu.activity.Activities;
import io.dakehu.activity.ActivityInput;
import io.dakehu.activity.ActivityType;
import io.dakehu.contact.Attitude;
import io.dakehu.contact.BuyingRole;
import io.dakehu.contact.BuyingRoleInput;
import io.dakehu.contact.ContactView;
import io.dakehu.contact.Contacts;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.Intention;
import io.dakehu.opportunity.TargetInput;
import io.dakehu.opportunity.Targets;
import io.dakehu.relationship.AssessmentInput;
import io.dakehu.relationship.Assessments;
import io.dakehu.shared.PageRequest;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The parts of the demo that no file import carries: buying roles, activities (logged by
 * the account's owner), relationship assessments, the current year's targets and quotas,
 * and each account's lifecycle as its purchases say (DOMAIN.md §2.1). One transaction, so
 * a failure leaves no half story.
 */
@Component
class DemoDataStory {

	private static final Logger log = LoggerFactory.getLogger(DemoDataStory.class);

	private final AccountQueries accountQueries;

	private final AccountLifecycle lifecycle;

	private final Contacts contacts;

	private final Activities activities;

	private final Assessments assessments;

	private final Targets targets;

	private final Users users;

	private final TransactionTemplate transaction;

	private final Clock clock;

	DemoDataStory(AccountQueries accountQueries, AccountLifecycle lifecycle, Contacts contacts, Activities activities,
			Assessments assessments, Targets targets, Users users, PlatformTransactionManager transactions,
			Clock clock) {
		this.accountQueries = accountQueries;
		this.lifecycle = lifecycle;
		this.contacts = contacts;
		this.activities = activities;
		this.assessments = assessments;
		this.targets = targets;
		this.users = users;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	void tell(CurrentUser admin, long shift, List<CSVRecord> contactRows, List<CSVRecord> activityRows,
			List<CSVRecord> assessmentRows, List<CSVRecord> targetRows, List<CSVRecord> quotaRows) {
		this.transaction.executeWithoutResult((status) -> {
			RecordScope everything = admin.scope();
			Map<String, Long> accountIds = accountIds(this.accountQueries, everything);
			Map<String, CurrentUser> people = people(this.users);
			Map<Long, Map<String, Long>> contactIds = new HashMap<>();
			for (Long accountId : accountIds.values()) {
				Map<String, Long> byName = new HashMap<>();
				for (ContactView contact : this.contacts.forAccount(everything, accountId)) {
					byName.put(contact.name(), contact.id());
				}
				contactIds.put(accountId, byName);
			}
			long started = System.nanoTime();
			for (CSVRecord row : contactRows) {
				long accountId = accountIds.get(row.get("account"));
				Set<BuyingRole> roles = EnumSet.noneOf(BuyingRole.class);
				Arrays.stream(row.get("roles").split(";")).map(BuyingRole::valueOf).forEach(roles::add);
				this.contacts.placeInBuyingCenter(admin, contactIds.get(accountId).get(row.get("name")),
						new BuyingRoleInput(roles, Integer.valueOf(row.get("influence")),
								Attitude.valueOf(row.get("attitude")), Integer.valueOf(row.get("personal_level")), null,
								null));
			}
			long roles = System.nanoTime();
			for (CSVRecord row : activityRows) {
				long accountId = accountIds.get(row.get("account"));
				CurrentUser user = people.get(row.get("user"));
				String next = row.get("next_contact_date");
				ActivityInput input = new ActivityInput(ActivityType.valueOf(row.get("type")),
						LocalDateTime.parse(row.get("occurred_at")).plusDays(shift),
						Integer.valueOf(row.get("duration_minutes")), new BigDecimal(row.get("cost")),
						row.get("summary"), row.get("next_step").isEmpty() ? null : row.get("next_step"),
						next.isEmpty() ? null : LocalDate.parse(next).plusDays(shift),
						List.of(contactIds.get(accountId).get(row.get("contacts"))), List.of(), null);
				as(user, () -> this.activities.log(user, accountId, input));
			}
			long logged = System.nanoTime();
			for (CSVRecord row : assessmentRows) {
				CurrentUser assessor = people.get(row.get("assessor"));
				AssessmentInput input = new AssessmentInput(Integer.valueOf(row.get("personal")),
						Integer.valueOf(row.get("company")), LocalDate.parse(row.get("assessed_on")).plusDays(shift),
						row.get("evidence"));
				as(assessor, () -> this.assessments.record(assessor, accountIds.get(row.get("account")), input));
			}
			long assessed = System.nanoTime();
			LocalDate today = LocalDate.now(this.clock);
			LocalDate from = today.withDayOfYear(1);
			LocalDate to = today.withDayOfYear(today.lengthOfYear());
			List<TargetInput> inputs = new ArrayList<>();
			for (CSVRecord row : targetRows) {
				inputs.add(new TargetInput(row.get("salesperson"), accountIds.get(row.get("account")),
						Intention.valueOf(row.get("intention")), from, to));
			}
			this.targets.setAll(admin, inputs);
			for (CSVRecord row : quotaRows) {
				this.targets.setQuota(admin, row.get("salesperson"), from, to, new BigDecimal(row.get("amount")));
			}
			long targeted = System.nanoTime();
			keepLifecycle();
			log.info(
					"Demo story: buying roles {} ms, activities {} ms, assessments {} ms, targets {} ms, lifecycle {} ms",
					(roles - started) / 1_000_000, (logged - roles) / 1_000_000, (assessed - logged) / 1_000_000,
					(targeted - assessed) / 1_000_000, (System.nanoTime() - targeted) / 1_000_000);
		});
	}

	/**
	 * Active with a purchase in the last 12 months, dormant with older purchases only, a
	 * prospect without any (DOMAIN.md §2.1). The ledger's purchases already moved each
	 * account as they were imported; the lifecycle's own daily check then makes dormant
	 * the customers whose purchases all lie more than 12 months back.
	 */
	private void keepLifecycle() {
		this.lifecycle.refresh();
	}

	/** Every account's id by its name, as the demo files name them. */
	static Map<String, Long> accountIds(AccountQueries accounts, RecordScope everything) {
		Map<String, Long> ids = new HashMap<>();
		for (AccountRow row : accounts.search(everything, AccountCriteria.all(), new PageRequest(0, 10_000))
			.content()) {
			ids.put(row.name(), row.id());
		}
		return ids;
	}

	/**
	 * Every user by username, each seeing everything: the story acts for them on accounts
	 * they may not own, as the files say.
	 */
	static Map<String, CurrentUser> people(Users users) {
		Map<String, CurrentUser> people = new HashMap<>();
		for (UserSummary user : users.all()) {
			people.put(user.username(), new CurrentUser(user.id(), user.username(), user.displayName(), user.role(),
					RecordScope.everything(user.id())));
		}
		return people;
	}

	/** Runs the step with the user signed in, so the audit log names them. */
	static void as(CurrentUser user, Runnable step) {
		Authentication before = SecurityContextHolder.getContext().getAuthentication();
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.username(), null, List.of()));
		try {
			step.run();
		}
		finally {
			SecurityContextHolder.getContext().setAuthentication(before);
		}
	}

}
