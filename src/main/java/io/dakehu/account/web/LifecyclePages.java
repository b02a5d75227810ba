package io.dakehu.account.web;

import io.dakehu.account.AccountLifecycle;
import io.dakehu.account.AccountService;
import io.dakehu.account.ChurnReason;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The lifecycle actions of the account pages: marking a customer lost with its churn
 * reason, and the lifecycle check on demand.
 */
@Controller
class LifecyclePages {

	private final AccountService accounts;

	private final AccountLifecycle lifecycle;

	private final Users users;

	private final Labels labels;

	LifecyclePages(AccountService accounts, AccountLifecycle lifecycle, Users users, Labels labels) {
		this.accounts = accounts;
		this.lifecycle = lifecycle;
		this.users = users;
		this.labels = labels;
	}

	/** The page says why when the rule refuses the decision. */
	@PostMapping("/accounts/{id}/lost")
	String markLost(@PathVariable long id, @RequestParam(required = false) ChurnReason churnReason,
			@RequestParam Integer version, RedirectAttributes redirect) {
		try {
			this.accounts.markLost(this.users.current(), id, version, churnReason);
			Flash.success(redirect, "lifecycle.markedLost");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem",
					this.labels.field(ex.field()) + ": " + this.labels.get(ex.messageKey(), ex.args()));
		}
		catch (StaleEditException ex) {
			Flash.error(redirect, "lifecycle.stale");
		}
		return "redirect:/accounts/" + id;
	}

	/** Directors and administrators run the nightly check now, from the account list. */
	@PostMapping("/accounts/lifecycle/refresh")
	String refresh(RedirectAttributes redirect) {
		requireManagement(this.users.current());
		redirect.addFlashAttribute("notice", this.labels.get("lifecycle.refreshed", this.lifecycle.refresh()));
		return "redirect:/accounts";
	}

	static void requireManagement(CurrentUser user) {
		if (!user.scope().all()) {
			throw new AccessDeniedException("directors and administrators only");
		}
	}

}
