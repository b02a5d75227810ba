package io.dakehu.approval;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A request as pages and the API show it, with the people named. */
public record ApprovalView(long id, String subjectKind, long subjectId, Long accountId, String subjectTitle,
		String subjectLink, BigDecimal amount, String reason, String requester, String requesterName, String approver,
		String approverName, ApprovalLevel level, ApprovalStatus status, LocalDateTime requestedAt, String decidedBy,
		String decidedByName, LocalDateTime decidedAt, String comment, int version) {
}
