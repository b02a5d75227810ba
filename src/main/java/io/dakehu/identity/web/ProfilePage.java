package io.dakehu.identity.web;

import java.security.Principal;

import io.dakehu.identity.AccessTokens;
import io.dakehu.identity.NewAccessToken;
import io.dakehu.identity.UserAdministration;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A user's own profile: who they are, their e-mail address (where notices go), a form to
 * change their password, and their personal access tokens for integrations (decision
 * 0026).
 */
@Controller
class ProfilePage {

	private final Users users;

	private final UserAdministration administration;

	private final AccessTokens tokens;

	ProfilePage(Users users, UserAdministration administration, AccessTokens tokens) {
		this.users = users;
		this.administration = administration;
		this.tokens = tokens;
	}

	@GetMapping("/profile")
	String profile(Model model) {
		model.addAttribute("form", new PasswordForm(null, null, null));
		return page(model);
	}

	/**
	 * Answers with the page itself rather than a redirect: the secret is shown this once
	 * and must not wait in the session (which the database keeps) for the next request.
	 */
	@PostMapping("/profile/tokens")
	String createToken(@ModelAttribute("tokenForm") TokenForm form, BindingResult errors, Principal principal,
			Model model) {
		try {
			NewAccessToken created = this.tokens.create(principal.getName(), form.name(), form.days());
			model.addAttribute("newToken", created);
			model.addAttribute("tokenForm", new TokenForm(null, AccessTokens.DEFAULT_DAYS));
		}
		catch (RuleViolationException ex) {
			errors.rejectValue(ex.field(), ex.messageKey(), ex.args(), null);
		}
		model.addAttribute("form", new PasswordForm(null, null, null));
		return page(model);
	}

	@PostMapping("/profile/tokens/{id}/revoke")
	String revokeToken(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
		this.tokens.revoke(principal.getName(), id);
		Flash.success(redirect, "token.revoked");
		return "redirect:/profile";
	}

	@PostMapping("/profile/email")
	String changeEmail(@Valid @ModelAttribute("emailForm") EmailForm form, BindingResult errors, Principal principal,
			Model model, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				this.administration.changeOwnEmail(principal.getName(), form.version(), form.email());
				Flash.success(redirect, "profile.emailChanged");
				return "redirect:/profile";
			}
			catch (StaleEditException ex) {
				Flash.error(redirect, "error.stale");
				return "redirect:/profile";
			}
		}
		model.addAttribute("form", new PasswordForm(null, null, null));
		return page(model);
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
		return page(model);
	}

	private String page(Model model) {
		UserSummary me = this.users.get(this.users.current().id());
		model.addAttribute("user", me);
		if (!model.containsAttribute("emailForm")) {
			model.addAttribute("emailForm", new EmailForm(me.email(), me.version()));
		}
		model.addAttribute("tokens", this.tokens.of(this.users.current().username()));
		model.addAttribute("tokenDays", TOKEN_DAYS);
		if (!model.containsAttribute("tokenForm")) {
			model.addAttribute("tokenForm", new TokenForm(null, AccessTokens.DEFAULT_DAYS));
		}
		return "identity/profile";
	}

	/** The lifetimes the form offers; the API takes any number of days up to a year. */
	private static final int[] TOKEN_DAYS = { 7, 30, AccessTokens.DEFAULT_DAYS, 180, AccessTokens.MAX_DAYS };

	record TokenForm(String name, Integer days) {
	}

	record EmailForm(@Email @Size(max = 200) String email, Integer version) {
	}

	record PasswordForm(String currentPassword, String newPassword, String confirmPassword) {
	}

}
