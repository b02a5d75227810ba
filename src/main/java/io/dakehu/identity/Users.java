package io.dakehu.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who is signed in, who the other users are, and which records each may see. The public
 * face of the identity module for every other module.
 */
@Service
@Transactional(readOnly = true)
public class Users {

	private final UserRepository users;

	private final TeamRepository teams;

	private final JdbcClient jdbc;

	private final SignInStates states;

	private final ManagedOwners managedOwners;

	private final UserSummaries summaries;

	Users(UserRepository users, TeamRepository teams, JdbcClient jdbc, SignInStates states, ManagedOwners managedOwners,
			UserSummaries summaries) {
		this.users = users;
		this.summaries = summaries;
		this.states = states;
		this.managedOwners = managedOwners;
		this.teams = teams;
		this.jdbc = jdbc;
	}

	/**
	 * The signed-in user with their record scope.
	 * @throws AuthenticationCredentialsNotFoundException when nobody is signed in
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public CurrentUser current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()) {
			throw new AuthenticationCredentialsNotFoundException("Nobody is signed in");
		}
		// One lookup per request: the controller, the services it calls and the page
		// layout all ask.
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null
				&& request.getAttribute(CURRENT_USER, RequestAttributes.SCOPE_REQUEST) instanceof CurrentUser known
				&& known.username().equals(authentication.getName())) {
			return known;
		}
		// From the sign-in state every request has already read (remembered for seconds,
		// evicted when an administrator changes the user): no query of its own.
		CurrentUser current = this.states.of(authentication.getName())
			.map((user) -> new CurrentUser(user.id(), user.username(), user.displayName(), user.role(),
					scopeOf(user.id(), user.role(), user.teamId())))
			.orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Unknown user"));
		if (request != null) {
			request.setAttribute(CURRENT_USER, current, RequestAttributes.SCOPE_REQUEST);
		}
		return current;
	}

	/**
	 * An active user with their record scope, for work done on their behalf without a
	 * sign-in (their calendar feed, reached by a secret link); empty for an unknown or
	 * deactivated user.
	 */
	public Optional<CurrentUser> actingAs(long id) {
		return this.users.findById(id)
			.filter(User::active)
			.map((user) -> new CurrentUser(user.id(), user.username(), user.displayName(), user.role(),
					scopeOf(user.id(), user.role(), user.teamId())));
	}

	private static final String CURRENT_USER = Users.class.getName() + ".current";

	private RecordScope scopeOf(long userId, Role role, Long teamId) {
		if (role.seesEverything()) {
			return RecordScope.everything(userId);
		}
		if (role == Role.MANAGER) {
			// The team's accounts: those owned by members of the teams this manager leads
			// or belongs to, and by the people who report to them directly.
			return new RecordScope(userId, false, this.managedOwners.of(userId, teamId));
		}
		return new RecordScope(userId, false, Set.of(userId));
	}

	public Optional<UserSummary> findByUsername(String username) {
		return this.users.findByUsername(username).map(this::summary);
	}

	public UserSummary get(long id) {
		return this.users.findById(id).map(this::summary).orElseThrow(() -> new NotFoundException("User", id));
	}

	/**
	 * An active user named in input, such as an account's owner.
	 * @throws RuleViolationException on {@code field} when there is no such active user
	 */
	public UserSummary requireActive(String username, String field) {
		return this.users.findByUsername(username)
			.filter(User::active)
			.map(this::summary)
			.orElseThrow(() -> new RuleViolationException(field, "validation.unknownUser", username));
	}

	public List<UserSummary> all() {
		return this.jdbc.sql(SUMMARY_SQL + " order by u.username").query(Users::summaryRow).list();
	}

	public List<UserSummary> active() {
		return all().stream().filter(UserSummary::active).toList();
	}

	/**
	 * Active colleagues whose name or username contains the text, whatever the letter
	 * case, for pickers. Every signed-in user may find every colleague (to share an
	 * account or name a participant); only the public summary is read.
	 * @param within when not null and limited, only the owners of that scope (the people
	 * a manager or KAM may hand records to)
	 */
	public List<UserSummary> search(String text, RecordScope within, int limit) {
		boolean limited = within != null && !within.all();
		String sql = SUMMARY_SQL + " where u.active = true and (lower(u.username) like :q escape '\\'"
				+ " or lower(u.display_name) like :q escape '\\')" + (limited ? " and u.id in (:owners)" : "")
				+ " order by u.display_name, u.username limit :limit";
		JdbcClient.StatementSpec query = this.jdbc.sql(sql)
			.param("q", io.dakehu.shared.web.PickerOption.likePattern(text))
			.param("limit", limit);
		if (limited) {
			query = query.param("owners", within.ownerIds());
		}
		return query.query(Users::summaryRow).list();
	}

	/**
	 * Display names by id, for showing owners and participants without one query per row.
	 */
	public Map<Long, String> displayNames(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return this.jdbc.sql("select id, display_name from app_user where id in (:ids)")
			.param("ids", Set.copyOf(ids))
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * The managers of each user, in one query: the manager they report to directly and
	 * the manager of their team, whichever are set, never the user themselves. Users
	 * without a manager are left out.
	 */
	public Map<Long, Set<Long>> managersOf(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<Long, Set<Long>> managers = new HashMap<>();
		this.jdbc.sql("""
				select u.id, u.manager_id, t.manager_id
				from app_user u left join team t on t.id = u.team_id
				where u.id in (:ids)""").param("ids", Set.copyOf(ids)).query((rs, n) -> {
			long user = rs.getLong(1);
			for (int column = 2; column <= 3; column++) {
				Long manager = rs.getObject(column, Long.class);
				if (manager != null && manager != user) {
					managers.computeIfAbsent(user, (key) -> new TreeSet<>()).add(manager);
				}
			}
			return user;
		}).list();
		return managers;
	}

	/**
	 * Users by id, for lists that show owners or participants: those remembered (for the
	 * sign-in state's seconds) and the rest in one query.
	 */
	public Map<Long, UserSummary> byIds(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return this.summaries.of(ids,
				(missing) -> this.jdbc.sql(SUMMARY_SQL + " where u.id in (:ids)")
					.param("ids", missing)
					.query(Users::summaryRow)
					.list()
					.stream()
					.collect(Collectors.toMap(UserSummary::id, (user) -> user)));
	}

	private static final String SUMMARY_SQL = """
			select u.id, u.username, u.display_name, u.email, u.role, u.team_id, t.name, m.username, u.active,
			       u.version
			from app_user u left join team t on t.id = u.team_id left join app_user m on m.id = u.manager_id""";

	private static UserSummary summaryRow(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new UserSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
				Role.valueOf(rs.getString(5)), rs.getObject(6, Long.class), rs.getString(7), rs.getString(8),
				rs.getBoolean(9), rs.getInt(10));
	}

	public List<TeamSummary> teams() {
		Map<Long, Integer> members = this.jdbc
			.sql("select team_id, count(*) from app_user where team_id is not null group by team_id")
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getInt(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		return this.teams.findAllByOrderByName()
			.stream()
			.map((team) -> teamSummary(team, members.getOrDefault(team.id(), 0)))
			.toList();
	}

	TeamSummary teamSummary(Team team, int members) {
		User manager = (team.managerId() != null) ? this.users.findById(team.managerId()).orElse(null) : null;
		return new TeamSummary(team.id(), team.name(), (manager != null) ? manager.username() : null,
				(manager != null) ? manager.displayName() : null, members);
	}

	UserSummary summary(User user) {
		Team team = (user.teamId() != null) ? this.teams.findById(user.teamId()).orElse(null) : null;
		String manager = (user.managerId() != null)
				? this.users.findById(user.managerId()).map(User::username).orElse(null) : null;
		return new UserSummary(user.id(), user.username(), user.displayName(), user.email(), user.role(), user.teamId(),
				(team != null) ? team.name() : null, manager, user.active(), user.version());
	}

}
