package io.dakehu.contact;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A person at an account.
 */
@Table("contact")
class Contact {

	@Id
	private Long id;

	private long accountId;

	private String name;

	private String title;

	private String department;

	private Long reportsToId;

	private String phone;

	private String email;

	private LocalDate birthday;

	private String notes;

	private LocalDateTime createdAt;

	/** Comma-separated {@link BuyingRole} codes; null when the person holds none. */
	private String buyingRoles;

	private Integer influence;

	private Attitude attitude;

	private Integer personalLevel;

	private Long relationshipOwnerId;

	@Version
	private int version;

	private Contact() {
	}

	static Contact at(long accountId, LocalDateTime now) {
		Contact contact = new Contact();
		contact.accountId = accountId;
		contact.createdAt = now;
		return contact;
	}

	void describe(String name, String title, String department, String phone, String email, LocalDate birthday,
			String notes) {
		this.name = name;
		this.title = title;
		this.department = department;
		this.phone = phone;
		this.email = email;
		this.birthday = birthday;
		this.notes = notes;
	}

	/**
	 * Sets whom this person reports to. The caller has checked that the manager works at
	 * the same account and is not someone who (directly or not) reports to this person.
	 */
	void reportTo(Long managerId) {
		this.reportsToId = managerId;
	}

	/**
	 * Places this person in the buying center. The caller has checked the ranges and that
	 * the relationship owner is an active user.
	 */
	void takePartInBuying(Set<BuyingRole> roles, Integer influence, Attitude attitude, Integer personalLevel,
			Long relationshipOwnerId) {
		this.buyingRoles = encode(roles);
		this.influence = influence;
		this.attitude = attitude;
		this.personalLevel = personalLevel;
		this.relationshipOwnerId = relationshipOwnerId;
	}

	/**
	 * Role codes in the enum's order, so the stored text and the audit log do not change
	 * with the order a client sent them in.
	 */
	static String encode(Set<BuyingRole> roles) {
		if (roles == null || roles.isEmpty()) {
			return null;
		}
		return EnumSet.copyOf(roles).stream().map(Enum::name).collect(Collectors.joining(","));
	}

	static List<BuyingRole> decode(String codes) {
		if (codes == null || codes.isBlank()) {
			return List.of();
		}
		return Arrays.stream(codes.split(",")).map(String::strip).map(BuyingRole::valueOf).sorted().toList();
	}

	Map<String, Object> auditValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("name", this.name);
		values.put("title", this.title);
		values.put("department", this.department);
		values.put("reportsToId", this.reportsToId);
		values.put("phone", this.phone);
		values.put("email", this.email);
		values.put("birthday", this.birthday);
		values.put("notes", this.notes);
		values.put("buyingRoles", this.buyingRoles);
		values.put("influence", this.influence);
		values.put("attitude", this.attitude);
		values.put("personalLevel", this.personalLevel);
		values.put("relationshipOwnerId", this.relationshipOwnerId);
		return values;
	}

	Long id() {
		return this.id;
	}

	long accountId() {
		return this.accountId;
	}

	String name() {
		return this.name;
	}

	Long reportsToId() {
		return this.reportsToId;
	}

	int version() {
		return this.version;
	}

}
