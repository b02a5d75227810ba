package io.dakehu.identity.web;

import java.net.URI;
import java.util.List;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.NewUser;
import io.dakehu.identity.TeamSummary;
import io.dakehu.identity.UserAdministration;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users, teams and "who am I" over the API. Everyone may read the directory (to pick
 * owners and participants); only administrators change it.
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
		CurrentUser current = this.users.current();
		UserSummary summary = this.users.get(current.id());
		return new Me(summary.id(), summary.username(), summary.displayName(), summary.email(), summary.role().name(),
				summary.teamName(), summary.managerUsername());
	}

	@GetMapping("/users")
	List<UserJson> users() {
		return this.users.all().stream().map(UserJson::of).toList();
	}

	@GetMapping("/users/{id}")
	UserJson user(@PathVariable long id) {
		return UserJson.of(this.users.get(id));
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

	record Me(long id, String username, String displayName, String email, String role, String team, String manager) {
	}

	record UserJson(long id, String username, String displayName, String email, String role, String team,
			String manager, boolean active, int version) {

		static UserJson of(UserSummary user) {
			return new UserJson(user.id(), user.username(), user.displayName(), user.email(), user.role().name(),
					user.teamName(), user.managerUsername(), user.active(), user.version());
		}

	}

	record NewTeam(@NotBlank @Size(max = 100) String name, @Size(max = 50) String manager) {
	}

}
