package io.dakehu.service;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.dakehu.segmentation.Tier;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A customer's complaint under first-responder ownership (首问负责制, DOMAIN.md §10.3):
 * whoever records it owns it until it is resolved; only a manager hands it to someone
 * else. The due times are fixed at recording from the tier's service level. The status
 * moves only forward, OPEN → IN_PROGRESS → RESOLVED → CLOSED, each step by its own verb.
 */
@Table("complaint")
class Complaint {

	@Id
	private Long id;

	private long accountId;

	private Long contactId;

	private LocalDateTime receivedAt;

	private ComplaintChannel channel;

	private ComplaintCategory category;

	private Severity severity;

	private String description;

	private Tier tier;

	private long ownerId;

	private long recordedBy;

	private LocalDateTime recordedAt;

	private ComplaintStatus status;

	private LocalDateTime responseDueAt;

	private LocalDateTime resolutionDueAt;

	private LocalDateTime respondedAt;

	private String resolution;

	private String rootCause;

	private LocalDateTime resolvedAt;

	private Long resolvedBy;

	private LocalDate returnVisitDue;

	private Integer satisfaction;

	private String returnVisitNotes;

	private LocalDateTime closedAt;

	@MappedCollection(idColumn = "complaint_id")
	private Set<ComplaintHelper> helpers = new HashSet<>();

	@Version
	private int version;

	private Complaint() {
	}

	/**
	 * A complaint recorded now by {@code recorder}, who owns it; due by the level of the
	 * account's tier, counted from when the customer made it.
	 */
	static Complaint record(long accountId, Long contactId, LocalDateTime receivedAt, ComplaintChannel channel,
			ComplaintCategory category, Severity severity, String description, ServiceLevel level, long recorder,
			LocalDateTime now) {
		Complaint complaint = new Complaint();
		complaint.accountId = accountId;
		complaint.contactId = contactId;
		complaint.receivedAt = receivedAt;
		complaint.channel = channel;
		complaint.category = category;
		complaint.severity = severity;
		complaint.description = description;
		complaint.tier = level.tier();
		complaint.ownerId = recorder;
		complaint.recordedBy = recorder;
		complaint.recordedAt = now;
		complaint.status = ComplaintStatus.OPEN;
		complaint.responseDueAt = level.responseDue(receivedAt);
		complaint.resolutionDueAt = level.resolutionDue(receivedAt);
		return complaint;
	}

	/** The owner (or a helper) answered the customer and works on it. */
	void start(LocalDateTime now) {
		require(ComplaintStatus.OPEN, "complaint.state.notOpen");
		this.status = ComplaintStatus.IN_PROGRESS;
		this.respondedAt = now;
	}

	/**
	 * What was done and why it happened; the return visit that asks the customer is due
	 * on {@code returnVisitDue}. An open complaint resolved at once counts as answered
	 * then.
	 */
	void resolve(String resolution, String rootCause, LocalDate returnVisitDue, long by, LocalDateTime now) {
		if (this.status != ComplaintStatus.OPEN && this.status != ComplaintStatus.IN_PROGRESS) {
			throw new ComplaintStateException("complaint.state.notResolvable", this.status);
		}
		if (this.respondedAt == null) {
			this.respondedAt = now;
		}
		this.status = ComplaintStatus.RESOLVED;
		this.resolution = resolution;
		this.rootCause = rootCause;
		this.returnVisitDue = returnVisitDue;
		this.resolvedBy = by;
		this.resolvedAt = now;
	}

	/** The return visit: the customer's satisfaction with the handling closes it. */
	void recordReturnVisit(int satisfaction, String notes, LocalDateTime now) {
		require(ComplaintStatus.RESOLVED, "complaint.state.notResolved");
		this.satisfaction = satisfaction;
		this.returnVisitNotes = notes;
		this.status = ComplaintStatus.CLOSED;
		this.closedAt = now;
	}

	/**
	 * Corrects what was recorded; a closed complaint is the customer's settled case and
	 * stays as it was.
	 */
	void edit(Long contactId, ComplaintChannel channel, ComplaintCategory category, Severity severity,
			String description) {
		if (this.status == ComplaintStatus.CLOSED) {
			throw new ComplaintStateException("complaint.state.closed", this.status);
		}
		this.contactId = contactId;
		this.channel = channel;
		this.category = category;
		this.severity = severity;
		this.description = description;
	}

	/**
	 * Whether the complaint may be withdrawn as recorded in error: only while nobody has
	 * answered the customer, since after that it is part of the account's service history
	 * and counts towards the repeated-complaint flag (decision 0038).
	 */
	void requireWithdrawable() {
		if (this.status != ComplaintStatus.OPEN || this.respondedAt != null) {
			throw new ComplaintStateException("complaint.state.notWithdrawable", this.status);
		}
	}

	/** A manager hands the complaint to someone else; closed ones stay as they were. */
	void reassign(long newOwner) {
		if (this.status == ComplaintStatus.CLOSED) {
			throw new ComplaintStateException("complaint.state.closed", this.status);
		}
		this.ownerId = newOwner;
		this.helpers.removeIf((helper) -> helper.userId() == newOwner);
	}

	/** Asks a colleague to help; the owner stays the owner. */
	void addHelper(long userId) {
		if (this.status == ComplaintStatus.CLOSED) {
			throw new ComplaintStateException("complaint.state.closed", this.status);
		}
		if (userId != this.ownerId) {
			this.helpers.add(new ComplaintHelper(userId));
		}
	}

	/** Whether the user owns the complaint or was asked to help with it. */
	boolean worksOn(long userId) {
		return this.ownerId == userId || this.helpers.stream().anyMatch((helper) -> helper.userId() == userId);
	}

	private void require(ComplaintStatus expected, String messageKey) {
		if (this.status != expected) {
			throw new ComplaintStateException(messageKey, this.status);
		}
	}

	/** The fields the history shows, as text. */
	Map<String, Object> auditValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("contactId", this.contactId);
		values.put("channel", this.channel.name());
		values.put("category", this.category.name());
		values.put("severity", this.severity.name());
		values.put("description", this.description);
		values.put("ownerId", this.ownerId);
		values.put("helpers", this.helpers.isEmpty() ? null
				: new TreeSet<>(this.helpers.stream().map(ComplaintHelper::userId).toList()).toString());
		values.put("complaintStatus", this.status.name());
		values.put("resolution", this.resolution);
		values.put("rootCause", this.rootCause);
		values.put("returnVisitDue", this.returnVisitDue);
		values.put("satisfaction", this.satisfaction);
		return values;
	}

	Long getId() {
		return this.id;
	}

	long getAccountId() {
		return this.accountId;
	}

	long getRecordedBy() {
		return this.recordedBy;
	}

	long getOwnerId() {
		return this.ownerId;
	}

	ComplaintStatus getStatus() {
		return this.status;
	}

	int getVersion() {
		return this.version;
	}

}
