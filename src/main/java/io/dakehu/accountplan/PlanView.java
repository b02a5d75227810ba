package io.dakehu.accountplan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import io.dakehu.relationship.RelationshipStage;

/** A plan as pages and the API show it, with names instead of ids. */
public record PlanView(long accountId, String accountName, int year, BigDecimal revenueTarget,
		BigDecimal walletShareTarget, RelationshipStage targetStage, Swot swot, List<Action> actions,
		List<Review> reviews, Completeness completeness, LocalDateTime updatedAt, int version) {

	/** The four SWOT lists. */
	public record Swot(List<String> strengths, List<String> weaknesses, List<String> opportunities,
			List<String> threats) {
	}

	/**
	 * An action; its index is its place in the plan, by which a change names it.
	 *
	 * @param overdue still open after its due date
	 * @param link the record it stands for, null when none or when the reader may not see
	 * it
	 */
	public record Action(int index, String what, String owner, String ownerName, LocalDate dueDate, ActionStatus status,
			boolean overdue, Link link) {
	}

	/** The record an action stands for. */
	public record Link(String kind, long id, String title, String href) {
	}

	public record Review(LocalDate reviewedOn, String note, String reviewer, String reviewerName) {
	}

}
