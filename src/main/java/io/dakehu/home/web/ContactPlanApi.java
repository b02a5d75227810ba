package io.dakehu.home.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dakehu.contract.CollectionPlan;
import io.dakehu.contract.ContractsAwaitingApproval;
import io.dakehu.home.ContactPlan;
import io.dakehu.home.ContactPlan.Group;
import io.dakehu.home.ContactPlan.Scope;
import io.dakehu.home.ContactPlan.Sheet;
import io.dakehu.home.ContactPlan.Status;
import io.dakehu.home.HomeQueries.DueContact;
import io.dakehu.home.ToDo;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.OpportunityView;
import io.dakehu.scorecard.DueRating;
import io.dakehu.service.ComplaintView;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contact plan and the caller's to-do list over the API. A scope wider than the
 * caller's role answers 403 (decision 0024); a scope or status that does not exist, 400.
 */
@RestController
class ContactPlanApi {

	static final int MAX_SIZE = 500;

	private final ContactPlan plan;

	private final ToDo toDo;

	private final Users users;

	ContactPlanApi(ContactPlan plan, ToDo toDo, Users users) {
		this.plan = plan;
		this.toDo = toDo;
		this.users = users;
	}

	/**
	 * A page of the plan; without a size, the page the screen shows (a client asks for
	 * more, up to {@link #MAX_SIZE}).
	 */
	@GetMapping("/api/v1/contact-plan")
	Plan plan(@RequestParam(defaultValue = "mine") String scope, @RequestParam(defaultValue = "due") String status,
			@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + ContactPlanPage.PAGE_SIZE) int size) {
		CurrentUser me = this.users.current();
		Scope planScope = PlanParams.parse(Scope.class, scope, "scope");
		Status planStatus = PlanParams.parse(Status.class, status, "status");
		Sheet sheet = this.plan.sheet(me, planScope, planStatus,
				new PageRequest(Math.max(page, 0), Math.min(Math.max(size, 1), MAX_SIZE)));
		PageResult<DueContact> accounts = sheet.accounts();
		// Names remembered by the identity module: no user row read on a warm request.
		Map<Long, UserSummary> people = this.users
			.byIds(Set.copyOf(accounts.content().stream().map(DueContact::ownerId).toList()));
		List<Item> items = accounts.content().stream().map((account) -> Item.of(account, people)).toList();
		return new Plan(planScope.name().toLowerCase(Locale.ROOT), planStatus.name().toLowerCase(Locale.ROOT),
				accounts.totalElements(), accounts.page(), accounts.size(), sheet.groups(), items);
	}

	@GetMapping("/api/v1/me/todo")
	Todo toDo() {
		ToDo.Items items = this.toDo.of(this.users.current());
		Map<Long, UserSummary> people = this.users
			.byIds(Set.copyOf(items.contacts().content().stream().map(DueContact::ownerId).toList()));
		return new Todo(items.count(),
				new Part<>(items.contacts().totalElements(),
						items.contacts().content().stream().map((account) -> Item.of(account, people)).toList()),
				new Part<>(items.complaints().size(), items.complaints().stream().map(ComplaintItem::of).toList()),
				new Part<>(items.returnVisits().size(), items.returnVisits().stream().map(ComplaintItem::of).toList()),
				new Part<>(items.ratings().total(),
						items.ratings().accounts().stream().map((due) -> RatingItem.of(items.ratings(), due)).toList()),
				new Part<>(items.receivables().total(),
						items.receivables().instalments().stream().map(ReceivableItem::of).toList()),
				new Part<>(items.opportunities().totalElements(),
						items.opportunities().content().stream().map(OpportunityItem::of).toList()),
				new Part<>(items.approvals().total(),
						items.approvals().contracts().stream().map(ApprovalItem::of).toList()));
	}

	/**
	 * A page of the plan.
	 *
	 * @param groups counts per person (a manager's team) or per team (a director's)
	 */
	record Plan(String scope, String status, long total, int page, int size, List<Group> groups, List<Item> items) {
	}

	/**
	 * An account due for contact, with where to log the contact.
	 *
	 * @param owner the owner's username
	 */
	record Item(long accountId, String accountName, String owner, String ownerName, String tier, LocalDate lastContact,
			LocalDate nextContact, LocalDate dueOn, boolean overdue, String action) {

		static Item of(DueContact account, Map<Long, UserSummary> people) {
			UserSummary owner = people.get(account.ownerId());
			return new Item(account.accountId(), account.accountName(), (owner != null) ? owner.username() : null,
					(owner != null) ? owner.displayName() : null, account.tier(), account.lastContact(),
					account.nextContact(), account.dueOn(), account.overdue(),
					"/api/v1/accounts/" + account.accountId() + "/activities");
		}

	}

	/** The caller's to-do list, each part with its count. */
	record Todo(long count, Part<Item> contacts, Part<ComplaintItem> complaints, Part<ComplaintItem> returnVisits,
			Part<RatingItem> ratings, Part<ReceivableItem> receivables, Part<OpportunityItem> opportunities,
			Part<ApprovalItem> approvals) {
	}

	record Part<T>(long count, List<T> items) {
	}

	/**
	 * A complaint to act on.
	 *
	 * @param dueAt the response time while it is unanswered, then the resolution time;
	 * the return visit's day for a resolved one
	 */
	record ComplaintItem(long id, long accountId, String accountName, String status, LocalDateTime dueAt,
			LocalDate returnVisitDue, boolean overdue, String action) {

		static ComplaintItem of(ComplaintView complaint) {
			LocalDateTime due = (complaint.open() && complaint.respondedAt() == null) ? complaint.responseDueAt()
					: complaint.resolutionDueAt();
			return new ComplaintItem(complaint.id(), complaint.accountId(), complaint.accountName(),
					complaint.status().name(), complaint.resolved() ? null : due, complaint.returnVisitDue(),
					complaint.overdue(), "/api/v1/complaints/" + complaint.id());
		}

	}

	/**
	 * An account to rate for the quarter, with where to post the rating.
	 *
	 * @param lastQuarter the quarter of its latest rating; null when never rated
	 */
	record RatingItem(long accountId, String accountName, boolean keyAccount, String quarter, LocalDate dueBy,
			boolean overdue, String lastQuarter, String lastGrade, String action) {

		static RatingItem of(ToDo.Ratings ratings, DueRating due) {
			return new RatingItem(due.accountId(), due.accountName(), due.keyAccount(), ratings.quarter(),
					ratings.dueBy(), ratings.overdue(), due.lastQuarter(), due.lastGrade(),
					"/api/v1/accounts/" + due.accountId() + "/credit-ratings");
		}

	}

	/**
	 * An overdue instalment of one of the caller's contracts, with where to post the
	 * receipt.
	 */
	record ReceivableItem(long contractId, String contractNumber, long accountId, String accountName, LocalDate dueDate,
			BigDecimal owed, String action) {

		static ReceivableItem of(CollectionPlan.OverdueInstalment instalment) {
			return new ReceivableItem(instalment.contractId(), instalment.contractNumber(), instalment.accountId(),
					instalment.accountName(), instalment.dueDate(), instalment.owed(), "/api/v1/receipts");
		}

	}

	/**
	 * A contract over its account's credit limit waiting for the caller to confirm it.
	 */
	record ApprovalItem(long contractId, String contractNumber, long accountId, String accountName, String ownerName,
			BigDecimal amount, String action) {

		static ApprovalItem of(ContractsAwaitingApproval.Item contract) {
			return new ApprovalItem(contract.contractId(), contract.number(), contract.accountId(),
					contract.accountName(), contract.ownerName(), contract.amount(),
					"/api/v1/contracts/" + contract.contractId() + "/approve");
		}

	}

	/** An open opportunity past its expected close date. */
	record OpportunityItem(long id, String name, Long accountId, String accountName, LocalDate expectedCloseDate,
			String action) {

		static OpportunityItem of(OpportunityView opportunity) {
			return new OpportunityItem(opportunity.id(), opportunity.title(), opportunity.accountId(),
					opportunity.accountName(), opportunity.expectedCloseDate(),
					"/api/v1/opportunities/" + opportunity.id());
		}

	}

}
