package io.dakehu.identity.web;

import java.security.Principal;

import io.dakehu.identity.UserAdministration;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Flash;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A user's own profile: who they are and a form to change their password.
 */
@Controller
class ProfilePage {

	private final Users users;

	private final UserAdministration administration;

	ProfilePage(Users users, UserAdministration administration) {
		this.users = users;
		this.administration = administration;
	}

	@GetMapping("/profile")
	String profile(Model model) {
		model.addAttribute("user", this.users.get(this.users.current().id()));
		model.addAttribute("form", new PasswordForm(null, null, null));
		return "identity/profile";
	}

	@PostMapping("/profile/password")
	String changePassword(@ModelAttribute("form") PasswordForm form, BindingResult errors, Principal principal,
			Model model, RedirectAttributes redirect) {
		if (form.newPassword() == null || !form.newPassword().equals(form.confirmPassword())) {
			errors.rejectValue("confirmPassword", "validation.passwordMismatch");
		}
		else {
			try {
				this.administration.changeOwnPassword(principal.getName(), form.currentPassword(), form.newPassword());
				Flash.success(redirect, "profile.passwordChanged");
				return "redirect:/profile";
			}
			catch (RuleViolationException ex) {
				errors.rejectValue(ex.field(), ex.messageKey(), ex.args(), null);
			}
		}
		model.addAttribute("user", this.users.get(this.users.current().id()));
		return "identity/profile";
	}

	record PasswordForm(String currentPassword, String newPassword, String confirmPassword) {
	}

}
