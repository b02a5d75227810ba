package io.dakehu.identity.web;

import java.net.URI;
import java.util.List;

import io.dakehu.identity.NewUser;
import io.dakehu.identity.TeamSummary;
import io.dakehu.identity.UserAdministration;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users, teams and "who am I" over the API. Everyone may read the colleagues a picker
 * offers (to name owners and participants); only administrators read the whole directory
 * and change it.
 */
@RestController
@RequestMapping("/api/v1")
class IdentityApi {

	private final Users users;

	private final UserAdministration administration;

	IdentityApi(Users users, UserAdministration administration) {
		this.users = users;
		this.administration = administration;
	}

	@GetMapping("/me")
	Me me() {
		return Me.of(this.users.get(this.users.current().id()));
	}

	/**
	 * The caller sets their own e-mail address (empty for none); everything else about
	 * them is an administrator's to change.
	 */
	@PutMapping("/me")
	Me changeMe(@Valid @RequestBody OwnEmail input) {
		return Me
			.of(this.administration.changeOwnEmail(this.users.current().username(), input.version(), input.email()));
	}

	/**
	 * Administrators read the whole directory; everyone else the active colleagues with
	 * what a picker needs (decision 0020): who they are and the username that the API's
	 * owner and participant fields take, never e-mail, role or standing.
	 */
	@GetMapping("/users")
	List<?> users() {
		if (this.users.current().isAdmin()) {
			return this.users.all().stream().map(UserJson::of).toList();
		}
		return this.users.active().stream().map(ColleagueJson::of).toList();
	}

	@GetMapping("/users/{id}")
	Object user(@PathVariable long id) {
		UserSummary user = this.users.get(id);
		if (this.users.current().isAdmin()) {
			return UserJson.of(user);
		}
		if (!user.active()) {
			throw new NotFoundException("User", id);
		}
		return ColleagueJson.of(user);
	}

	@PostMapping("/users")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<UserJson> createUser(@Valid @RequestBody NewUser input) {
		UserSummary created = this.administration.create(input);
		return ResponseEntity.created(URI.create("/api/v1/users/" + created.id())).body(UserJson.of(created));
	}

	@GetMapping("/teams")
	List<TeamSummary> teams() {
		return this.users.teams();
	}

	@PostMapping("/teams")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<TeamSummary> createTeam(@Valid @RequestBody NewTeam input) {
		TeamSummary created = this.administration.createTeam(input.name(), input.manager());
		return ResponseEntity.created(URI.create("/api/v1/teams/" + created.id())).body(created);
	}

	record Me(long id, String username, String displayName, String email, String role, String team, String manager,
			int version) {

		static Me of(UserSummary user) {
			return new Me(user.id(), user.username(), user.displayName(), user.email(), user.role().name(),
					user.teamName(), user.managerUsername(), user.version());
		}

	}

	record OwnEmail(@Email @Size(max = 200) String email, Integer version) {
	}

	record UserJson(long id, String username, String displayName, String email, String role, String team,
			String manager, boolean active, int version) {

		static UserJson of(UserSummary user) {
			return new UserJson(user.id(), user.username(), user.displayName(), user.email(), user.role().name(),
					user.teamName(), user.managerUsername(), user.active(), user.version());
		}

	}

	record ColleagueJson(long id, String username, String displayName, String team) {

		static ColleagueJson of(UserSummary user) {
			return new ColleagueJson(user.id(), user.username(), user.displayName(), user.teamName());
		}

	}

	record NewTeam(@NotBlank @Size(max = 100) String name, @Size(max = 50) String manager) {
	}

}
