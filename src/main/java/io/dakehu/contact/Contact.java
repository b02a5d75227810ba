package io.dakehu.contact;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

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
