package io.dakehu.dataimport;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

import io.dakehu.account.AccountQueries;
import io.dakehu.contact.ContactView;
import io.dakehu.contact.Contacts;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.service.ComplaintCategory;
import io.dakehu.service.ComplaintChannel;
import io.dakehu.service.ComplaintInput;
import io.dakehu.service.ComplaintView;
import io.dakehu.service.Complaints;
import io.dakehu.service.ResolutionInput;
import io.dakehu.service.ReturnVisitInput;
import io.dakehu.service.Severity;
import io.dakehu.shared.DemoDataLoaded;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service side of the demo ({@code story/complaints.csv}): complaints at each stage,
 * recorded by the account's owner — one still unanswered, one in progress, one resolved
 * whose return visit is due today, and closed ones with the customer's satisfaction — and
 * three at one Major account within a year, so the repeated-complaint flag shows. They
 * are recorded after the first segmentation run because a complaint's due times follow
 * its account's tier. One transaction, so a failure leaves no half story.
 */
@Component
class DemoServiceStory {

	private static final Logger log = LoggerFactory.getLogger(DemoServiceStory.class);

	private final AccountQueries accounts;

	private final Contacts contacts;

	private final Users users;

	private final Complaints complaints;

	private final TransactionTemplate transaction;

	private final Clock clock;

	DemoServiceStory(AccountQueries accounts, Contacts contacts, Users users, Complaints complaints,
			PlatformTransactionManager transactions, Clock clock) {
		this.accounts = accounts;
		this.contacts = contacts;
		this.users = users;
		this.complaints = complaints;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@EventListener
	@Order(DemoDataLoaded.SERVICE)
	void tell(DemoDataLoaded loaded) {
		this.transaction.executeWithoutResult((status) -> {
			Map<String, CurrentUser> people = DemoDataStory.people(this.users);
			Map<String, Long> accountIds = DemoDataStory.accountIds(this.accounts,
					people.values().iterator().next().scope());
			LocalDateTime now = LocalDateTime.now(this.clock);
			int told = 0;
			for (CSVRecord row : DemoData.read("story/complaints.csv")) {
				CurrentUser recorder = people.get(row.get("recorder"));
				long accountId = accountIds.get(row.get("account"));
				Long contactId = this.contacts.forAccount(recorder.scope(), accountId)
					.stream()
					.filter((contact) -> contact.name().equals(row.get("contact")))
					.map(ContactView::id)
					.findFirst()
					.orElseThrow();
				ComplaintInput input = new ComplaintInput(accountId, contactId,
						now.minusDays(Long.parseLong(row.get("received_days_ago"))),
						ComplaintChannel.valueOf(row.get("channel")), ComplaintCategory.valueOf(row.get("category")),
						Severity.valueOf(row.get("severity")), row.get("description"));
				DemoDataStory.as(recorder, () -> advance(recorder, this.complaints.record(recorder, input), row));
				told++;
			}
			log.info("Demo service story: {} complaints", told);
		});
	}

	/** Takes the complaint as far as the story's outcome says. */
	private void advance(CurrentUser owner, ComplaintView complaint, CSVRecord row) {
		String outcome = row.get("outcome");
		if (outcome.equals("OPEN")) {
			return;
		}
		ComplaintView started = this.complaints.start(owner, complaint.id(), complaint.version());
		if (outcome.equals("IN_PROGRESS")) {
			return;
		}
		LocalDate today = LocalDate.now(this.clock);
		ComplaintView resolved = this.complaints.resolve(owner, started.id(),
				new ResolutionInput(row.get("resolution"), row.get("root_cause"), today, started.version()));
		if (outcome.equals("CLOSED")) {
			this.complaints.recordReturnVisit(owner, resolved.id(),
					new ReturnVisitInput(Integer.valueOf(row.get("satisfaction")), null, resolved.version()));
		}
	}

}
