package io.dakehu.identity;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A person who signs in to Dakehu. Failed sign-ins are counted by {@link LoginThrottle}
 * in a table of their own, so a failed login never collides with an administrator's edit.
 */
@Table("app_user")
class User {

	@Id
	private Long id;

	private String username;

	private String displayName;

	private String email;

	private String passwordHash;

	private Role role;

	private Long teamId;

	private Long managerId;

	private boolean active;

	private LocalDateTime createdAt;

	@Version
	private int version;

	private User() {
	}

	static User register(String username, String displayName, String email, String passwordHash, Role role, Long teamId,
			Long managerId, LocalDateTime now) {
		User user = new User();
		user.username = username;
		user.displayName = displayName;
		user.email = email;
		user.passwordHash = passwordHash;
		user.role = role;
		user.teamId = teamId;
		user.managerId = managerId;
		user.active = true;
		user.createdAt = now;
		return user;
	}

	void describe(String displayName, String email, Role role, Long teamId, Long managerId) {
		this.displayName = displayName;
		this.email = email;
		this.role = role;
		this.teamId = teamId;
		this.managerId = managerId;
	}

	/** The address notices are e-mailed to; null for none. */
	void changeEmail(String email) {
		this.email = email;
	}

	void changePassword(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	void deactivate() {
		this.active = false;
	}

	void activate() {
		this.active = true;
	}

	Map<String, Object> auditValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("username", this.username);
		values.put("displayName", this.displayName);
		values.put("email", this.email);
		values.put("role", this.role);
		values.put("teamId", this.teamId);
		values.put("managerId", this.managerId);
		values.put("active", this.active);
		return values;
	}

	Long id() {
		return this.id;
	}

	String username() {
		return this.username;
	}

	String displayName() {
		return this.displayName;
	}

	String email() {
		return this.email;
	}

	String passwordHash() {
		return this.passwordHash;
	}

	Role role() {
		return this.role;
	}

	Long teamId() {
		return this.teamId;
	}

	Long managerId() {
		return this.managerId;
	}

	boolean active() {
		return this.active;
	}

	int version() {
		return this.version;
	}

}
