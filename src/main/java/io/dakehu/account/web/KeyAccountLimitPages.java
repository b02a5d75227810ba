package io.dakehu.account.web;

import java.util.List;

import io.dakehu.account.KeyAccounts;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' page of key-account maximums (DOMAIN.md §6, principle 2): every
 * active user with the key accounts they hold and their maximum, each editable. A refused
 * maximum is shown on its user's row with the value typed, and nothing changes.
 */
@Controller
class KeyAccountLimitPages {

	private final KeyAccounts keyAccounts;

	private final Users users;

	private final Labels labels;

	KeyAccountLimitPages(KeyAccounts keyAccounts, Users users, Labels labels) {
		this.keyAccounts = keyAccounts;
		this.users = users;
		this.labels = labels;
	}

	@GetMapping("/admin/key-account-limits")
	String limits(Model model) {
		requireAdmin(this.users.current());
		return page(model);
	}

	@PostMapping("/admin/key-account-limits")
	String save(@RequestParam(required = false) String username, @RequestParam(required = false) String maximum,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		CurrentUser admin = requireAdmin(this.users.current());
		try {
			this.keyAccounts.setMaximum(admin, username, parse(maximum));
			Flash.success(redirect, "keyAccountLimits.saved");
			return "redirect:/admin/key-account-limits";
		}
		catch (RuleViolationException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("failedUser", username);
			model.addAttribute("failedValue", maximum);
			model.addAttribute("problem", this.labels.get(ex.messageKey(), ex.args()));
			return page(model);
		}
	}

	private String page(Model model) {
		List<KeyAccounts.UserLoad> loads = this.keyAccounts.loads();
		model.addAttribute("loads", loads);
		model.addAttribute("defaultMaximum", this.keyAccounts.defaultMaximum());
		return "account/key-account-limits";
	}

	/** A whole number as typed, or null (refused by the rule as out of range). */
	private static Integer parse(String text) {
		if (text == null || !text.strip().matches("-?\\d{1,9}")) {
			return null;
		}
		return Integer.valueOf(text.strip());
	}

	private static CurrentUser requireAdmin(CurrentUser me) {
		if (!me.isAdmin()) {
			throw new AccessDeniedException("Only administrators set the maximum of key accounts");
		}
		return me;
	}

}
