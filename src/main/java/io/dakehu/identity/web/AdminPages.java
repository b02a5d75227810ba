package io.dakehu.identity.web;

import java.security.Principal;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.dakehu.identity.AccessTokens;
import io.dakehu.identity.NewUser;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserAdministration;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.export.ExportFormat;
import io.dakehu.shared.export.TableDownload;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's pages: users (create, edit, deactivate, reset password) and teams.
 */
@Controller
@RequestMapping("/admin")
@PreAuthorize("hasRole('ADMIN')")
class AdminPages {

	private final Users users;

	private final UserAdministration administration;

	private final Labels labels;

	private final AccessTokens tokens;

	AdminPages(Users users, UserAdministration administration, Labels labels, AccessTokens tokens) {
		this.users = users;
		this.administration = administration;
		this.labels = labels;
		this.tokens = tokens;
	}

	@GetMapping("/users")
	String users(Model model) {
		model.addAttribute("users", this.users.all());
		return "identity/users";
	}

	/**
	 * The user list as a file, the same people in the same order: what the list shows and
	 * no more, so never a password hash or a login counter.
	 */
	@GetMapping("/users/export")
	ResponseEntity<StreamingResponseBody> exportUsers(@RequestParam(defaultValue = "csv") String format,
			Locale locale) {
		List<UserSummary> all = this.users.all();
		List<String> header = Stream
			.of("user.username", "user.displayName", "user.email", "user.role", "user.team", "user.manager",
					"user.active")
			.map((key) -> this.labels.get(locale, key))
			.toList();
		String active = this.labels.get(locale, "user.active");
		String inactive = this.labels.get(locale, "user.inactive");
		Map<Role, String> roles = new EnumMap<>(Role.class);
		for (Role role : Role.values()) {
			roles.put(role, this.labels.get(locale, "role." + role.name()));
		}
		return TableDownload.of("users", ExportFormat.parse(format), (table) -> {
			table.row(header);
			for (UserSummary user : all) {
				table.row(Arrays.asList(user.username(), user.displayName(), user.email(), roles.get(user.role()),
						user.teamName(), user.managerUsername(), user.active() ? active : inactive));
			}
		});
	}

	@GetMapping("/users/new")
	String newUser(Model model) {
		model.addAttribute("form", new NewUser(null, null, null, null, Role.KAM, null, null));
		return userForm(model, null);
	}

	@PostMapping("/users")
	String createUser(@Valid @ModelAttribute("form") NewUser form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				this.administration.create(form);
				Flash.success(redirect, "flash.saved");
				return "redirect:/admin/users";
			}
			catch (RuleViolationException ex) {
				errors.rejectValue(ex.field(), ex.messageKey(), ex.args(), null);
			}
		}
		return userForm(model, null);
	}

	@GetMapping("/users/{id}")
	String editUser(@PathVariable long id, Model model) {
		UserSummary user = this.users.get(id);
		model.addAttribute("form", new EditUser(user.displayName(), user.email(), user.role(), user.teamName(),
				user.managerUsername(), user.version()));
		return userForm(model, user);
	}

	@PostMapping("/users/{id}")
	String updateUser(@PathVariable long id, @Valid @ModelAttribute("form") EditUser form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				this.administration.update(id, form.version(), form.displayName(), form.email(), form.role(),
						form.team(), form.manager());
				Flash.success(redirect, "flash.saved");
				return "redirect:/admin/users";
			}
			catch (RuleViolationException ex) {
				errors.rejectValue(ex.field(), ex.messageKey(), ex.args(), null);
			}
			catch (StaleEditException ex) {
				model.addAttribute("stale", true);
			}
		}
		return userForm(model, this.users.get(id));
	}

	@PostMapping("/users/{id}/password")
	String resetPassword(@PathVariable long id, @RequestParam String password, RedirectAttributes redirect) {
		try {
			this.administration.resetPassword(id, password);
			Flash.success(redirect, "admin.passwordReset");
		}
		catch (RuleViolationException ex) {
			Flash.error(redirect, switch (ex.messageKey()) {
				case "validation.passwordBytes" -> "admin.passwordTooLong";
				case "validation.passwordCommon" -> "admin.passwordCommon";
				case "validation.passwordName" -> "admin.passwordName";
				default -> "admin.passwordInvalid";
			});
		}
		return "redirect:/admin/users/" + id;
	}

	@PostMapping("/users/{id}/deactivate")
	String deactivate(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
		try {
			this.administration.deactivate(id, principal.getName());
			Flash.success(redirect, "admin.deactivated");
		}
		catch (RuleViolationException ex) {
			Flash.error(redirect, "admin.cannotDeactivateSelf");
		}
		return "redirect:/admin/users";
	}

	@PostMapping("/users/{id}/activate")
	String activate(@PathVariable long id, RedirectAttributes redirect) {
		this.administration.activate(id);
		Flash.success(redirect, "admin.activated");
		return "redirect:/admin/users";
	}

	/** Revokes one of the user's personal access tokens (decision 0026), audited. */
	@PostMapping("/users/{id}/tokens/{tokenId}/revoke")
	String revokeToken(@PathVariable long id, @PathVariable long tokenId, RedirectAttributes redirect) {
		this.tokens.revokeOfUser(id, tokenId);
		Flash.success(redirect, "token.revoked");
		return "redirect:/admin/users/" + id;
	}

	@GetMapping("/teams")
	String teams(Model model) {
		model.addAttribute("teams", this.users.teams());
		model.addAttribute("users", this.users.active());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new TeamForm(null, null));
		}
		return "identity/teams";
	}

	@PostMapping("/teams")
	String createTeam(@Valid @ModelAttribute("form") TeamForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				this.administration.createTeam(form.name(), form.manager());
				Flash.success(redirect, "flash.saved");
				return "redirect:/admin/teams";
			}
			catch (RuleViolationException ex) {
				errors.rejectValue(ex.field(), ex.messageKey(), ex.args(), null);
			}
		}
		return teams(model);
	}

	private String userForm(Model model, UserSummary user) {
		model.addAttribute("user", user);
		model.addAttribute("tokens", (user != null) ? this.tokens.ofUser(user.id()) : List.of());
		model.addAttribute("roles", Role.values());
		model.addAttribute("teams", this.users.teams());
		model.addAttribute("managers", this.users.active());
		return "identity/user-form";
	}

	record EditUser(@NotBlank @Size(max = 100) String displayName,
			@jakarta.validation.constraints.Email @Size(max = 200) String email,
			@jakarta.validation.constraints.NotNull Role role, String team, String manager, Integer version) {
	}

	record TeamForm(@NotBlank @Size(max = 100) String name, String manager) {
	}

}
