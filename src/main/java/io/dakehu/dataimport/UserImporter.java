package io.dakehu.dataimport;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dakehu.identity.NewUser;
import io.dakehu.identity.Role;
import io.dakehu.identity.TeamSummary;
import io.dakehu.identity.UserAdministration;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import jakarta.validation.Validator;

/**
 * Users and teams, such as a sales-team list. Without a username one is made from the
 * display name ("Moses Frase" → {@code moses.frase}); without a password column every
 * user gets the request's default password. A team is created when first named; a manager
 * named in a row who is not a user yet is created as a MANAGER of that row's team (list
 * managers before their reports to give them rows of their own).
 */
final class UserImporter implements RecordImporter {

	static final List<Column> COLUMNS = List.of(Column.optional("username", "login", "user", "用户名", "账号"),
			Column.required("displayName", "display name", "name", "full name", "sales agent", "salesperson", "姓名",
					"名称"),
			Column.optional("email", "e-mail", "邮箱"), Column.optional("role", "角色"),
			Column.optional("team", "regional office", "region", "office", "团队", "区域", "部门"),
			Column.optional("manager", "上级", "经理"), Column.optional("password", "密码"));

	private static final Map<String, Role> ROLES = new HashMap<>();

	static {
		for (Role role : Role.values()) {
			ROLES.put(role.name().toLowerCase(Locale.ROOT), role);
		}
		ROLES.put("客户经理", Role.KAM);
		ROLES.put("销售", Role.KAM);
		ROLES.put("经理", Role.MANAGER);
		ROLES.put("销售经理", Role.MANAGER);
		ROLES.put("总监", Role.DIRECTOR);
		ROLES.put("管理员", Role.ADMIN);
	}

	private final UserAdministration administration;

	private final People people;

	private final Validator validator;

	/** Usernames taken in this file, including managers it will create implicitly. */
	private final Set<String> usernames = new HashSet<>();

	/** Managers this pass will create, by the name used in the file: their username. */
	private final Map<String, String> implicitManagers = new HashMap<>();

	private final Set<String> teams = new HashSet<>();

	UserImporter(Users users, UserAdministration administration, People people, Validator validator) {
		this.administration = administration;
		this.people = people;
		this.validator = validator;
		for (TeamSummary team : users.teams()) {
			this.teams.add(team.name());
		}
	}

	@Override
	public List<Column> columns() {
		return COLUMNS;
	}

	/**
	 * A username from a display name: lower case, spaces to dots, other characters
	 * dropped; empty for names with no Latin letters or digits.
	 */
	static String usernameFor(String displayName) {
		String username = displayName.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", ".");
		username = username.replaceAll("[^a-z0-9._@-]", "");
		return (username.length() > 50) ? username.substring(0, 50) : username;
	}

	@Override
	public void check(List<Row> rows, ImportContext context) {
		for (Row row : rows) {
			String displayName = Cells.required(row, "displayName", 100, context);
			if (displayName == null) {
				continue;
			}
			String username = (row.get("username") != null) ? row.get("username") : usernameFor(displayName);
			if (username.isEmpty()) {
				context.reject(row, "username", "import.usernameRequired", null);
				continue;
			}
			Role role = Role.KAM;
			if (row.get("role") != null) {
				role = ROLES.get(row.get("role").toLowerCase(Locale.ROOT));
				if (role == null) {
					context.reject(row, "role", "import.unknownRole", null);
					continue;
				}
			}
			String password = (row.get("password") != null) ? row.get("password") : context.request().defaultPassword();
			if (password == null || password.length() < 8) {
				context.reject(row, (row.get("password") != null) ? "password" : null, "import.passwordTooShort", "8");
				continue;
			}
			try {
				this.administration.checkNewPassword(password, username, displayName);
			}
			catch (RuleViolationException ex) {
				// The rule, never the password itself, in the job's error list.
				String reason = "validation.passwordBytes".equals(ex.messageKey()) ? "import.passwordTooLong"
						: ex.messageKey();
				context.reject(row.number(), (row.get("password") != null) ? row.column("password") : null, null,
						reason, null);
				row.reject();
				continue;
			}
			String team = row.get("team");
			String managerUsername = manager(row, team, context);
			if (row.rejected()) {
				continue;
			}
			if (!this.usernames.add(username.toLowerCase(Locale.ROOT))) {
				context.reject(row, "username", "import.duplicateInFile", username);
				continue;
			}
			if (this.people.find(username) != null) {
				context.reject(row, "username", "import.duplicateStored", username);
				continue;
			}
			NewUser input = new NewUser(username, displayName, row.get("email"), password, role, team, managerUsername);
			if (Checks.valid(this.validator, input, row, context)) {
				row.prepare(input);
			}
		}
	}

	/**
	 * The username of the row's manager: an existing user, or one this import creates.
	 */
	private String manager(Row row, String team, ImportContext context) {
		String name = row.get("manager");
		if (name == null) {
			return null;
		}
		UserSummary existing = this.people.find(name);
		if (existing != null) {
			return existing.username();
		}
		String key = People.key(name);
		String planned = this.implicitManagers.get(key);
		if (planned != null) {
			return planned;
		}
		String username = usernameFor(name);
		// A manager created on the fly gets the import's default password, never a
		// report's own.
		if (username.isEmpty() || context.request().defaultPassword() == null || !this.usernames.add(username)) {
			context.reject(row, "manager", "import.unknownUser", null);
			return null;
		}
		this.implicitManagers.put(key, username);
		return username;
	}

	@Override
	public int write(List<Row> rows, ImportContext context) {
		int written = 0;
		for (Row row : rows) {
			NewUser input = row.prepared();
			if (input.manager() != null && this.people.find(input.manager()) == null) {
				written += createManager(row.get("manager"), input, context.request().defaultPassword());
			}
			ensureTeam(input.team(), input.manager());
			this.people.add(this.administration.create(input));
			written++;
		}
		return written;
	}

	/**
	 * Creates a manager the file names but does not list, as a MANAGER of the row's team
	 * who leads it when the team is new.
	 */
	private int createManager(String name, NewUser report, String password) {
		UserSummary manager = this.administration
			.create(new NewUser(report.manager(), name.strip(), null, password, Role.MANAGER, null, null));
		this.people.add(manager);
		if (report.team() != null) {
			ensureTeam(report.team(), manager.username());
			manager = this.administration.update(manager.id(), manager.version(), manager.displayName(), null,
					Role.MANAGER, report.team(), null);
			this.people.add(manager);
		}
		return 1;
	}

	private void ensureTeam(String team, String managerUsername) {
		if (team != null && this.teams.add(team.strip())) {
			this.administration.createTeam(team.strip(), managerUsername);
		}
	}

}
