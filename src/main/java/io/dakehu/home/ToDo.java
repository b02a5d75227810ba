package io.dakehu.home;

import java.util.List;
import java.util.Set;

import io.dakehu.home.HomeQueries.DueContact;
import io.dakehu.home.HomeQueries.Window;
import io.dakehu.identity.CurrentUser;
import io.dakehu.opportunity.OpportunityView;
import io.dakehu.opportunity.PipelineHealth;
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
 * their resolved complaints, and their open opportunities whose expected close date
 * passed.
 */
@Service
@Transactional(readOnly = true)
public class ToDo {

	/** Rows each part of the list shows; its count is exact. */
	public static final int ROWS = 50;

	private final HomeQueries home;

	private final Complaints complaints;

	private final PipelineHealth pipeline;

	ToDo(HomeQueries home, Complaints complaints, PipelineHealth pipeline) {
		this.home = home;
		this.complaints = complaints;
		this.pipeline = pipeline;
	}

	/** The whole list. */
	public Items of(CurrentUser me) {
		Set<Long> mine = Set.of(me.id());
		PageRequest rows = new PageRequest(0, ROWS);
		PageResult<DueContact> contacts = this.home.due(me.scope(), mine, null, Window.TODAY, rows);
		ComplaintsToDo complaints = this.complaints.toDo(me, ROWS);
		PageResult<OpportunityView> opportunities = this.pipeline.closePassed(me.scope(), mine, rows);
		return new Items(contacts, complaints.due(), complaints.returnVisits(), opportunities);
	}

	/**
	 * @param contacts the user's accounts due for contact today or overdue
	 * @param complaints complaints not answered yet or due for resolution by tonight
	 * @param returnVisits resolved complaints whose return visit is due
	 * @param opportunities open opportunities past their expected close date
	 */
	public record Items(PageResult<DueContact> contacts, List<ComplaintView> complaints,
			List<ComplaintView> returnVisits, PageResult<OpportunityView> opportunities) {

		/**
		 * Everything on the list, as the navigation badge shows it: contacts and
		 * opportunities counted exactly, complaints and return visits up to {@link #ROWS}
		 * each (a user with more has a case for the complaints page, not a badge).
		 */
		public long count() {
			return this.contacts.totalElements() + this.complaints.size() + this.returnVisits.size()
					+ this.opportunities.totalElements();
		}

	}

}
