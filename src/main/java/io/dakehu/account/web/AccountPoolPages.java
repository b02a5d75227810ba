package io.dakehu.account.web;

import io.dakehu.account.AccountPool;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The public pool's moves from the account page (decision 0032): claim, return with a
 * reason, assign. A refusal is shown on the page with its reason.
 */
@Controller
class AccountPoolPages {

	private final AccountPool pool;

	private final Users users;

	private final Labels labels;

	AccountPoolPages(AccountPool pool, Users users, Labels labels) {
		this.pool = pool;
		this.users = users;
		this.labels = labels;
	}

	@PostMapping("/accounts/{id}/claim")
	String claim(@PathVariable long id, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String back, RedirectAttributes redirect) {
		String target = "/pool".equals(back) ? "redirect:/pool" : "redirect:/accounts/" + id;
		return act(id, redirect, "pool.claimed", target, () -> this.pool.claim(this.users.current(), id, version));
	}

	@PostMapping("/accounts/{id}/return-to-pool")
	String returnToPool(@PathVariable long id, @RequestParam(required = false) String reason,
			@RequestParam(required = false) Integer version, RedirectAttributes redirect) {
		return act(id, redirect, "pool.returned", "redirect:/accounts/" + id,
				() -> this.pool.returnToPool(this.users.current(), id, reason, version));
	}

	@PostMapping("/accounts/{id}/assign")
	String assign(@PathVariable long id, @RequestParam(required = false) String owner,
			@RequestParam(required = false) Integer version, RedirectAttributes redirect) {
		return act(id, redirect, "pool.assigned", "redirect:/accounts/" + id,
				() -> this.pool.assign(this.users.current(), id, owner, version));
	}

	private String act(long id, RedirectAttributes redirect, String done, String target, Runnable move) {
		try {
			move.run();
			Flash.success(redirect, done);
			return target;
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

}
