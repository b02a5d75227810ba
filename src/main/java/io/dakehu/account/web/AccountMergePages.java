package io.dakehu.account.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.account.AccountDetails;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.account.AccountService;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Merging two accounts from the account page: pick the other account (its likely
 * duplicates are offered first, any visible account can be searched for), choose which
 * one survives, confirm. The work is {@link AccountService#merge}, as over the API.
 */
@Controller
class AccountMergePages {

	private final AccountQueries queries;

	private final AccountService accounts;

	private final Users users;

	private final Labels labels;

	AccountMergePages(AccountQueries queries, AccountService accounts, Users users, Labels labels) {
		this.queries = queries;
		this.accounts = accounts;
		this.users = users;
		this.labels = labels;
	}

	@GetMapping("/accounts/{id}/merge")
	String form(@PathVariable long id, @RequestParam(defaultValue = "") String q, Model model) {
		CurrentUser me = this.users.current();
		AccountDetails account = this.queries.details(me.scope(), id);
		Map<Long, AccountRef> candidates = new LinkedHashMap<>();
		for (AccountRef duplicate : this.queries.findDuplicatesOf(me.scope(), account.name())) {
			candidates.put(duplicate.id(), duplicate);
		}
		if (!q.isBlank()) {
			for (AccountRef found : this.queries.suggest(me.scope(), q, 20)) {
				candidates.putIfAbsent(found.id(), found);
			}
		}
		candidates.remove(id);
		model.addAttribute("account", account);
		model.addAttribute("q", q);
		model.addAttribute("candidates", List.copyOf(candidates.values()));
		return "account/merge";
	}

	/**
	 * @param other the account to merge with
	 * @param keep {@code this} to keep this account, {@code other} to keep the other one
	 * @param version this account's version as the form showed it
	 */
	@PostMapping("/accounts/{id}/merge")
	String merge(@PathVariable long id, @RequestParam(required = false) Long other,
			@RequestParam(defaultValue = "this") String keep, @RequestParam int version, RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		this.queries.requireVisible(me.scope(), id);
		try {
			if (other == null) {
				throw new RuleViolationException("into", "validation.required");
			}
			AccountDetails survivor;
			if ("other".equals(keep)) {
				survivor = this.accounts.merge(me, id, other, version);
			}
			else {
				// This account survives: the version the user saw is checked on it, the
				// other one is taken as it is.
				StaleEditException.check("Account", id, version, this.queries.details(me.scope(), id).version());
				survivor = this.accounts.merge(me, other, id, this.queries.details(me.scope(), other).version());
			}
			Flash.success(redirect, "flash.merged");
			return "redirect:/accounts/" + survivor.id();
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem",
					this.labels.field(ex.field()) + ": " + this.labels.get(ex.messageKey(), ex.args()));
		}
		catch (StaleEditException ex) {
			redirect.addFlashAttribute("problem", this.labels.get("error.stale"));
		}
		return "redirect:/accounts/" + id + "/merge";
	}

}
