package io.dakehu.activity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One contact with a customer: what happened, what it cost, who took part, and what comes
 * next.
 */
@Table("activity")
class Activity {

	@Id
	private Long id;

	private long accountId;

	private ActivityType type;

	private LocalDateTime occurredAt;

	private Integer durationMinutes;

	private BigDecimal cost;

	private String summary;

	private String nextStep;

	private LocalDate nextContactDate;

	private long createdBy;

	private LocalDateTime createdAt;

	@MappedCollection(idColumn = "activity_id")
	private Set<ActivityContact> contacts = new HashSet<>();

	@MappedCollection(idColumn = "activity_id")
	private Set<ActivityUser> users = new HashSet<>();

	@Version
	private int version;

	private Activity() {
	}

	static Activity log(long accountId, long createdBy, LocalDateTime now) {
		Activity activity = new Activity();
		activity.accountId = accountId;
		activity.createdBy = createdBy;
		activity.createdAt = now;
		return activity;
	}

	void record(ActivityType type, LocalDateTime occurredAt, Integer durationMinutes, BigDecimal cost, String summary) {
		this.type = type;
		this.occurredAt = occurredAt;
		this.durationMinutes = durationMinutes;
		this.cost = cost;
		this.summary = summary;
	}

	void planNext(String nextStep, LocalDate nextContactDate) {
		this.nextStep = nextStep;
		this.nextContactDate = nextContactDate;
	}

	void involve(Set<Long> contactIds, Set<Long> userIds) {
		this.contacts = contactIds.stream().map(ActivityContact::new).collect(Collectors.toCollection(HashSet::new));
		this.users = userIds.stream().map(ActivityUser::new).collect(Collectors.toCollection(HashSet::new));
	}

	Map<String, Object> auditValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("type", this.type);
		values.put("occurredAt", this.occurredAt);
		values.put("durationMinutes", this.durationMinutes);
		values.put("cost", (this.cost != null) ? this.cost.toPlainString() : null);
		values.put("summary", this.summary);
		values.put("nextStep", this.nextStep);
		values.put("nextContactDate", this.nextContactDate);
		values.put("contacts", new TreeSet<>(contactIds()).toString());
		values.put("participants", new TreeSet<>(userIds()).toString());
		return values;
	}

	Set<Long> contactIds() {
		return this.contacts.stream().map(ActivityContact::contactId).collect(Collectors.toSet());
	}

	Set<Long> userIds() {
		return this.users.stream().map(ActivityUser::userId).collect(Collectors.toSet());
	}

	Long id() {
		return this.id;
	}

	long accountId() {
		return this.accountId;
	}

	int version() {
		return this.version;
	}

	ActivityType type() {
		return this.type;
	}

	LocalDateTime occurredAt() {
		return this.occurredAt;
	}

	Integer durationMinutes() {
		return this.durationMinutes;
	}

	BigDecimal cost() {
		return this.cost;
	}

	String summary() {
		return this.summary;
	}

	String nextStep() {
		return this.nextStep;
	}

	LocalDate nextContactDate() {
		return this.nextContactDate;
	}

	long createdBy() {
		return this.createdBy;
	}

}
