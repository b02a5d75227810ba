package io.dakehu.service;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import io.dakehu.segmentation.Tier;

/**
 * A complaint as pages and the API show it, with names instead of ids. {@code overdue}
 * says whether its response or resolution time passed without it.
 */
public record ComplaintView(long id, long accountId, String accountName, Long contactId, String contactName,
		LocalDateTime receivedAt, ComplaintChannel channel, ComplaintCategory category, Severity severity,
		String description, Tier tier, String owner, String ownerName, List<String> helpers, String recordedBy,
		ComplaintStatus status, LocalDateTime responseDueAt, LocalDateTime resolutionDueAt, LocalDateTime respondedAt,
		String resolution, String rootCause, LocalDateTime resolvedAt, LocalDate returnVisitDue, Integer satisfaction,
		String returnVisitNotes, LocalDateTime closedAt, boolean overdue, int version) {

	public boolean open() {
		return this.status == ComplaintStatus.OPEN;
	}

	public boolean inProgress() {
		return this.status == ComplaintStatus.IN_PROGRESS;
	}

	public boolean resolved() {
		return this.status == ComplaintStatus.RESOLVED;
	}

}
