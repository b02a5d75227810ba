package io.dakehu.home;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import io.dakehu.contract.CollectionPlan;
import io.dakehu.contract.Contracts;
import io.dakehu.contract.ContractsAwaitingApproval;
import io.dakehu.home.HomeQueries.DueContact;
import io.dakehu.home.HomeQueries.Window;
import io.dakehu.identity.CurrentUser;
import io.dakehu.opportunity.OpportunityView;
import io.dakehu.opportunity.PipelineHealth;
import io.dakehu.scorecard.CreditLists;
import io.dakehu.scorecard.DueRating;
import io.dakehu.scorecard.Quarter;
import io.dakehu.service.ComplaintView;
import io.dakehu.service.Complaints;
import io.dakehu.service.ComplaintsToDo;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's to-do list (待办): what is theirs to act on today, from every module that owns a
 * piece of it. Contacts due today or overdue on their own accounts, complaints they own
 * or help with that are unanswered or due for resolution by tonight, return visits due on
 * their resolved complaints, their accounts still to rate this quarter, the overdue
 * instalments of their contracts, their open opportunities whose expected close date
 * passed, and for a manager the contracts of their team held over the credit limit for
 * their confirmation.
 */
@Service
@Transactional(readOnly = true)
public class ToDo {

	/** Rows each part of the list shows; its count is exact. */
	public static final int ROWS = 50;

	private final HomeQueries home;

	private final Complaints complaints;

	private final PipelineHealth pipeline;

	private final CreditLists creditLists;

	private final CollectionPlan collections;

	private final Contracts contracts;

	private final Clock clock;

	ToDo(HomeQueries home, Complaints complaints, PipelineHealth pipeline, CreditLists creditLists,
			CollectionPlan collections, Contracts contracts, Clock clock) {
		this.home = home;
		this.complaints = complaints;
		this.pipeline = pipeline;
		this.creditLists = creditLists;
		this.collections = collections;
		this.contracts = contracts;
		this.clock = clock;
	}

	/** The whole list. */
	public Items of(CurrentUser me) {
		Set<Long> mine = Set.of(me.id());
		PageRequest rows = new PageRequest(0, ROWS);
		PageResult<DueContact> contacts = this.home.due(me.scope(), mine, null, Window.TODAY, rows);
		ComplaintsToDo complaints = this.complaints.toDo(me, ROWS);
		PageResult<OpportunityView> opportunities = this.pipeline.closePassed(me.scope(), mine, rows);
		return new Items(contacts, complaints.due(), complaints.returnVisits(), ratings(me),
				this.collections.toChase(me, ROWS), opportunities, this.contracts.awaitingApproval(me, ROWS));
	}

	private Ratings ratings(CurrentUser me) {
		CreditLists.DueList due = this.creditLists.toDo(me, ROWS);
		// DOMAIN.md §5: accounts are due for rating in the quarter's first month.
		LocalDate dueBy = Quarter.parse(due.quarter()).firstDay().plusMonths(1).minusDays(1);
		return new Ratings(due.quarter(), dueBy, LocalDate.now(this.clock).isAfter(dueBy), due.accounts(), due.total());
	}

	/**
	 * The user's accounts with no credit rating for the current quarter.
	 *
	 * @param dueBy the last day of the quarter's first month
	 * @param overdue whether that day has passed
	 * @param total how many accounts, exactly
	 */
	public record Ratings(String quarter, LocalDate dueBy, boolean overdue, List<DueRating> accounts, long total) {
	}

	/**
	 * @param contacts the user's accounts due for contact today or overdue
	 * @param complaints complaints not answered yet or due for resolution by tonight
	 * @param returnVisits resolved complaints whose return visit is due
	 * @param ratings the user's accounts with no credit rating for the current quarter
	 * @param receivables the overdue instalments of the user's contracts
	 * @param opportunities open opportunities past their expected close date
	 * @param approvals contracts over the credit limit waiting for the user's
	 * confirmation (none for a key account manager)
	 */
	public record Items(PageResult<DueContact> contacts, List<ComplaintView> complaints,
			List<ComplaintView> returnVisits, Ratings ratings, CollectionPlan.Chase receivables,
			PageResult<OpportunityView> opportunities, ContractsAwaitingApproval approvals) {

		/**
		 * Everything on the list, as the navigation badge shows it: contacts, ratings,
		 * overdue instalments, opportunities and contracts to confirm counted exactly,
		 * complaints and return visits up to {@link #ROWS} each (a user with more has a
		 * case for the complaints page, not a badge).
		 */
		public long count() {
			return this.contacts.totalElements() + this.complaints.size() + this.returnVisits.size()
					+ this.ratings.total() + this.receivables.total() + this.opportunities.totalElements()
					+ this.approvals.total();
		}

	}

}
