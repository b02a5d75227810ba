package io.dakehu.identity;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Creating users and teams, resetting passwords, switching people off: the
 * administrator's work, each change audited. Callers check the ADMIN role (the web layer
 * does, with method security).
 */
@Service
@Transactional
public class UserAdministration {

	private final UserRepository users;

	private final TeamRepository teams;

	private final PasswordEncoder passwords;

	private final AuditTrail audit;

	private final Users directory;

	private final Clock clock;

	private final SignInRevocation signIns;

	private final PasswordPolicy policy;

	private final LoginThrottle throttle;

	private final ApplicationEventPublisher events;

	UserAdministration(UserRepository users, TeamRepository teams, PasswordEncoder passwords, AuditTrail audit,
			Users directory, Clock clock, SignInRevocation signIns, PasswordPolicy policy, LoginThrottle throttle,
			ApplicationEventPublisher events) {
		this.events = events;
		this.signIns = signIns;
		this.policy = policy;
		this.throttle = throttle;
		this.users = users;
		this.teams = teams;
		this.passwords = passwords;
		this.audit = audit;
		this.directory = directory;
		this.clock = clock;
	}

	public UserSummary create(NewUser input) {
		if (this.users.existsByUsername(input.username())) {
			throw new RuleViolationException("username", "validation.duplicate", input.username());
		}
		this.policy.check("password", input.password(), input.username(), input.displayName());
		Long teamId = teamId(input.team());
		Long managerId = managerId(input.manager());
		User registered = User.register(input.username(), input.displayName(), blankToNull(input.email()),
				this.passwords.encode(input.password()), input.role(), teamId, managerId, now());
		User user = RuleViolationException.unlessKeyTaken(() -> this.users.save(registered), "username",
				"validation.duplicate", input.username());
		this.audit.created("User", user.id(), null, user.auditValues());
		this.events.publishEvent(new UsersChanged(Set.of(user.id())));
		return this.directory.summary(user);
	}

	/**
	 * Checks a new user's password against the policy without creating anything, for
	 * imports that validate every row before writing any.
	 * @throws RuleViolationException on {@code password} naming the rule broken
	 */
	@Transactional(readOnly = true)
	public void checkNewPassword(String password, String username, String displayName) {
		this.policy.check("password", password, username, displayName);
	}

	public UserSummary update(long id, int expectedVersion, String displayName, String email, Role role, String team,
			String manager) {
		User user = this.users.findById(id).orElseThrow(() -> new NotFoundException("User", id));
		StaleEditException.check("User", id, expectedVersion, user.version());
		Map<String, Object> before = user.auditValues();
		Long managerId = managerId(manager);
		if (managerId != null && managerId == id) {
			throw new RuleViolationException("manager", "validation.selfManager");
		}
		Role formerRole = user.role();
		user.describe(displayName, blankToNull(email), role, teamId(team), managerId);
		user = this.users.save(user);
		this.audit.changed("User", id, null, before, user.auditValues());
		this.events.publishEvent(new UsersChanged(Set.of(id)));
		if (role != formerRole) {
			// Sessions signed in with the old role end; the user signs in again with the
			// new one.
			this.signIns.endSessions(user.username());
		}
		else {
			this.signIns.forget(user.username());
		}
		return this.directory.summary(user);
	}

	public void resetPassword(long id, String newPassword) {
		User user = this.users.findById(id).orElseThrow(() -> new NotFoundException("User", id));
		this.policy.check("password", newPassword, user.username(), user.displayName());
		user.changePassword(this.passwords.encode(newPassword));
		this.users.save(user);
		this.audit.changed("User", id, null, Map.of("password", "…"), Map.of("password", "reset"));
		// A reset is what an administrator does when a password may be known to
		// others; it also lets a user slowed by failed sign-ins straight back in.
		this.signIns.endSessions(user.username());
		this.throttle.forget(user.username());
	}

	/**
	 * A user changing their own password must know the current one.
	 */
	public void changeOwnPassword(String username, String currentPassword, String newPassword) {
		User user = this.users.findByUsername(username).orElseThrow(() -> new NotFoundException("User", username));
		if (currentPassword == null || !this.passwords.matches(currentPassword, user.passwordHash())) {
			throw new RuleViolationException("currentPassword", "validation.wrongPassword");
		}
		this.policy.check("newPassword", newPassword, user.username(), user.displayName());
		user.changePassword(this.passwords.encode(newPassword));
		this.users.save(user);
		this.audit.changed("User", user.id(), null, Map.of("password", "…"), Map.of("password", "changed"));
		this.signIns.forget(username);
	}

	/**
	 * A user sets or clears their own e-mail address, where notices are sent; the caller
	 * has checked its form.
	 * @throws StaleEditException when the user changed since it was read
	 */
	public UserSummary changeOwnEmail(String username, Integer expectedVersion, String email) {
		User user = this.users.findByUsername(username).orElseThrow(() -> new NotFoundException("User", username));
		StaleEditException.check("User", user.id(), expectedVersion, user.version());
		Map<String, Object> before = user.auditValues();
		user.changeEmail(blankToNull(email));
		user = this.users.save(user);
		this.audit.changed("User", user.id(), null, before, user.auditValues());
		// Notices go to the address in the users' summaries.
		this.events.publishEvent(new UsersChanged(Set.of(user.id())));
		return this.directory.summary(user);
	}

	public void deactivate(long id, String actingUsername) {
		User user = this.users.findById(id).orElseThrow(() -> new NotFoundException("User", id));
		if (user.username().equals(actingUsername)) {
			throw new RuleViolationException("active", "validation.selfDeactivate");
		}
		Map<String, Object> before = user.auditValues();
		user.deactivate();
		this.users.save(user);
		this.audit.changed("User", id, null, before, user.auditValues());
		this.events.publishEvent(new UsersChanged(Set.of(id)));
		this.signIns.endSessions(user.username());
	}

	public void activate(long id) {
		User user = this.users.findById(id).orElseThrow(() -> new NotFoundException("User", id));
		Map<String, Object> before = user.auditValues();
		user.activate();
		this.users.save(user);
		this.audit.changed("User", id, null, before, user.auditValues());
		this.events.publishEvent(new UsersChanged(Set.of(id)));
		this.signIns.forget(user.username());
		this.throttle.forget(user.username());
	}

	public TeamSummary createTeam(String name, String managerUsername) {
		if (!StringUtils.hasText(name) || name.length() > 100) {
			throw new RuleViolationException("name", "validation.requiredMax", 100);
		}
		if (this.teams.existsByName(name.strip())) {
			throw new RuleViolationException("name", "validation.duplicate", name);
		}
		Team founded = Team.found(name.strip(), managerId(managerUsername), now());
		Team team = RuleViolationException.unlessKeyTaken(() -> this.teams.save(founded), "name",
				"validation.duplicate", name);
		this.audit.created("Team", team.id(), null,
				Map.of("name", team.name(), "managerId", (team.managerId() != null) ? team.managerId() : ""));
		return this.directory.teamSummary(team, 0);
	}

	/**
	 * Creates the first administrator on an empty database; does nothing when any user
	 * exists.
	 * @return whether the administrator was created
	 */
	public boolean createFirstAdmin(String password) {
		if (this.users.count() > 0) {
			return false;
		}
		User admin = this.users.save(User.register("admin", "Administrator", null, this.passwords.encode(password),
				Role.ADMIN, null, null, now()));
		this.audit.created("User", admin.id(), null, admin.auditValues());
		return true;
	}

	private Long teamId(String team) {
		if (!StringUtils.hasText(team)) {
			return null;
		}
		return this.teams.findByName(team.strip())
			.map(Team::id)
			.orElseThrow(() -> new RuleViolationException("team", "validation.unknownTeam", team));
	}

	private Long managerId(String manager) {
		if (!StringUtils.hasText(manager)) {
			return null;
		}
		return this.users.findByUsername(manager.strip())
			.map(User::id)
			.orElseThrow(() -> new RuleViolationException("manager", "validation.unknownUser", manager));
	}

	private static String blankToNull(String value) {
		return StringUtils.hasText(value) ? value.strip() : null;
	}

	private LocalDateTime now() {
		return LocalDateTime.now(this.clock);
	}

}
