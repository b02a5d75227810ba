package io.dakehu.approval;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A request for approval (审批, DOMAIN.md §10.6). It is routed once, when made, to one
 * approver at one level; it is decided once, approved or rejected with a comment, and
 * stays as it was decided.
 */
@Table("approval_request")
class ApprovalRequest {

	@Id
	private Long id;

	private String subjectKind;

	private long subjectId;

	private Long accountId;

	private String subjectTitle;

	private String subjectLink;

	private BigDecimal amount;

	private String reason;

	private long requesterId;

	private long approverId;

	@Column("approval_level")
	private ApprovalLevel level;

	private ApprovalStatus status;

	private LocalDateTime requestedAt;

	private Long decidedBy;

	private LocalDateTime decidedAt;

	private String decisionComment;

	@Version
	private int version;

	private ApprovalRequest() {
	}

	static ApprovalRequest open(ApprovalSubject subject, long requesterId, long approverId, ApprovalLevel level,
			LocalDateTime now) {
		ApprovalRequest request = new ApprovalRequest();
		request.subjectKind = subject.kind();
		request.subjectId = subject.id();
		request.accountId = subject.accountId();
		request.subjectTitle = subject.title();
		request.subjectLink = subject.link();
		request.amount = subject.amount();
		request.reason = subject.reason();
		request.requesterId = requesterId;
		request.approverId = approverId;
		request.level = level;
		request.status = ApprovalStatus.PENDING;
		request.requestedAt = now;
		return request;
	}

	/**
	 * Decides the request for good.
	 * @throws ApprovalStateException when it was decided before
	 */
	void decide(boolean approve, long deciderId, String comment, LocalDateTime now) {
		if (this.status != ApprovalStatus.PENDING) {
			throw new ApprovalStateException(this.status);
		}
		this.status = approve ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED;
		this.decidedBy = deciderId;
		this.decidedAt = now;
		this.decisionComment = comment;
	}

	/** The fields the history shows, as text. */
	Map<String, Object> auditValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("subject", this.subjectKind + " " + this.subjectId);
		values.put("amount", this.amount.toPlainString());
		values.put("approverId", this.approverId);
		values.put("approvalLevel", this.level.name());
		values.put("approvalStatus", this.status.name());
		values.put("decisionComment", this.decisionComment);
		return values;
	}

	Long getId() {
		return this.id;
	}

	String getSubjectKind() {
		return this.subjectKind;
	}

	long getSubjectId() {
		return this.subjectId;
	}

	Long getAccountId() {
		return this.accountId;
	}

	String getSubjectTitle() {
		return this.subjectTitle;
	}

	long getRequesterId() {
		return this.requesterId;
	}

	ApprovalLevel getLevel() {
		return this.level;
	}

	ApprovalStatus getStatus() {
		return this.status;
	}

	int getVersion() {
		return this.version;
	}

}
