package io.dakehu.pool.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.dakehu.account.AccountPool;
import io.dakehu.account.PoolReason;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.pool.PoolCriteria;
import io.dakehu.pool.PoolList;
import io.dakehu.pool.PoolRules;
import io.dakehu.segmentation.Tier;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The pool's list for everyone, with its filters and a claim button per account; its
 * rules and the users' maximum of owned accounts for administrators.
 */
@Controller
class PoolPages {

	private final PoolList list;

	private final PoolRules rules;

	private final AccountPool pool;

	private final Users users;

	private final Labels labels;

	PoolPages(PoolList list, PoolRules rules, AccountPool pool, Users users, Labels labels) {
		this.list = list;
		this.rules = rules;
		this.pool = pool;
		this.users = users;
		this.labels = labels;
	}

	@GetMapping("/pool")
	String list(@ModelAttribute("params") PoolCriteria params, @RequestParam(defaultValue = "0") int page,
			Model model) {
		this.users.current();
		model.addAttribute("result", this.list.search(params, new PageRequest(page, 50)));
		model.addAttribute("tiers", Tier.values());
		model.addAttribute("reasons", PoolReason.values());
		model.addAttribute("pageUrl",
				UriComponentsBuilder.fromPath("/pool")
					.queryParam("q", blank(params.q()))
					.queryParam("tier", blank(params.tier()))
					.queryParam("industry", blank(params.industry()))
					.queryParam("region", blank(params.region()))
					.queryParam("reason", blank(params.reason()))
					.encode()
					.toUriString());
		return "pool/list";
	}

	@GetMapping("/admin/pool")
	String settings(Model model) {
		PoolApi.requireAdmin(this.users.current());
		model.addAttribute("rules", this.rules.all());
		List<AccountPool.OwnerLoad> loads = new ArrayList<>(this.pool.loads().values());
		loads.sort(Comparator.comparing(AccountPool.OwnerLoad::username));
		model.addAttribute("loads", loads);
		model.addAttribute("defaultMaximum", this.pool.defaultMaximum());
		return "pool/settings";
	}

	@PostMapping("/admin/pool/rules")
	String rule(@RequestParam String tier, @RequestParam(required = false) Integer followUpDays,
			@RequestParam(required = false) Integer dealDays, @RequestParam(required = false) Integer version,
			RedirectAttributes redirect) {
		CurrentUser admin = this.users.current();
		PoolApi.requireAdmin(admin);
		try {
			this.rules.update(admin, tier, followUpDays, dealDays, version);
			Flash.success(redirect, "pool.rules.saved");
		}
		catch (RuleViolationException ex) {
			problem(redirect, ex);
		}
		catch (StaleEditException ex) {
			Flash.error(redirect, "error.stale");
		}
		return "redirect:/admin/pool";
	}

	@PostMapping("/admin/pool/limits")
	String limit(@RequestParam String username, @RequestParam(required = false) Integer maximum,
			RedirectAttributes redirect) {
		CurrentUser admin = this.users.current();
		PoolApi.requireAdmin(admin);
		try {
			if (maximum == null) {
				throw new RuleViolationException("maximum", "validation.required");
			}
			this.pool.setMaximum(admin, username, maximum);
			Flash.success(redirect, "pool.limits.saved");
		}
		catch (RuleViolationException ex) {
			problem(redirect, ex);
		}
		return "redirect:/admin/pool";
	}

	private void problem(RedirectAttributes redirect, RuleViolationException ex) {
		redirect.addFlashAttribute("problem",
				this.labels.field(ex.field()) + ": " + this.labels.get(ex.messageKey(), ex.args()));
	}

	private static String blank(String value) {
		return (value != null) ? value : "";
	}

}
