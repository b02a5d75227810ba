package io.dakehu.opportunity.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.catalog.Catalog;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.Comparison;
import io.dakehu.opportunity.ComparisonInput;
import io.dakehu.opportunity.Comparisons;
import io.dakehu.opportunity.Criterion;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.OpportunityInput;
import io.dakehu.opportunity.OpportunityView;
import io.dakehu.opportunity.Pipeline;
import io.dakehu.opportunity.PurchaseType;
import io.dakehu.opportunity.Stage;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One opportunity: the form that opens it, its page with its history, the edit, stage,
 * closing and competitor comparison forms, and the open opportunities section of the
 * account page.
 */
@Controller
class OpportunityPages {

	private final Pipeline pipeline;

	private final Opportunities opportunities;

	private final Comparisons comparisons;

	private final AccountQueries accounts;

	private final Users users;

	private final Catalog catalog;

	private final Labels labels;

	private final PipelineViews views;

	OpportunityPages(Pipeline pipeline, Opportunities opportunities, Comparisons comparisons, AccountQueries accounts,
			Users users, Catalog catalog, Labels labels, PipelineViews views) {
		this.catalog = catalog;
		this.pipeline = pipeline;
		this.opportunities = opportunities;
		this.comparisons = comparisons;
		this.accounts = accounts;
		this.users = users;
		this.labels = labels;
		this.views = views;
	}

	/**
	 * A new opportunity, optionally for an account and with a product and a name already
	 * filled in, as a white cell of a key account plan's whitespace matrix opens it.
	 */
	@GetMapping("/opportunities/new")
	String newForm(@RequestParam(required = false) Long accountId, @RequestParam(required = false) Long productId,
			@RequestParam(required = false) String name, Model model) {
		CurrentUser me = this.users.current();
		if (accountId != null) {
			model.addAttribute("account", this.accounts.requireVisible(me.scope(), accountId));
		}
		if (productId != null) {
			model.addAttribute("product", this.catalog.get(productId));
		}
		model.addAttribute("name", name);
		model.addAttribute("accountId", accountId);
		formOptions(model, me);
		return "opportunity/form";
	}

	private void formOptions(Model model, CurrentUser me) {
		model.addAttribute("purchaseTypes", PurchaseType.values());
		model.addAttribute("openStages", Stage.open());
		model.addAttribute("myUsername", me.username());
		model.addAttribute("myName", me.displayName());
	}

	@PostMapping("/opportunities")
	String create(@RequestParam(required = false) Long accountId, @RequestParam String name,
			@RequestParam(required = false) BigDecimal amount, @RequestParam(required = false) String owner,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expectedCloseDate,
			@RequestParam(required = false) PurchaseType purchaseType, @RequestParam(required = false) Stage stage,
			@RequestParam(required = false) Long productId, @RequestParam(required = false) String nextStep,
			RedirectAttributes redirect) {
		try {
			OpportunityView created = this.pipeline.open(this.users.current(),
					new OpportunityInput(accountId, name, amount, owner, expectedCloseDate, purchaseType, stage,
							(productId != null) ? List.of(productId) : List.of(), nextStep));
			Flash.success(redirect, "opportunity.saved");
			return "redirect:/opportunities/" + created.id();
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", this.views.reason(ex));
			return "redirect:/opportunities/new" + ((accountId != null) ? "?accountId=" + accountId : "");
		}
	}

	@GetMapping("/opportunities/{id}")
	String show(@PathVariable long id, Model model) {
		CurrentUser me = this.users.current();
		OpportunityView opportunity = this.opportunities.get(me.scope(), id);
		model.addAttribute("o", opportunity);
		model.addAttribute("history", this.pipeline.history(me, id));
		Comparison comparison = this.comparisons.get(me.scope(), id);
		model.addAttribute("comparison", comparison);
		model.addAttribute("criteria", Criterion.values());
		List<String> competitors = new ArrayList<>(comparison.competitors());
		while (competitors.size() < 3) {
			competitors.add("");
		}
		model.addAttribute("competitorSlots", competitors.subList(0, Math.max(3, comparison.competitors().size())));
		// Keyed by name: template expressions index maps with strings.
		Map<String, Comparison.Row> rows = new HashMap<>();
		comparison.rows().forEach((row) -> rows.put(row.criterion().name(), row));
		model.addAttribute("comparisonRows", rows);
		model.addAttribute("today", LocalDate.now());
		model.addAttribute("ownerUser", this.users.get(opportunity.ownerId()));
		formOptions(model, me);
		return "opportunity/show";
	}

	@PostMapping("/opportunities/{id}/edit")
	String edit(@PathVariable long id, @RequestParam String name, @RequestParam(required = false) BigDecimal amount,
			@RequestParam(required = false) String owner,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expectedCloseDate,
			@RequestParam(required = false) PurchaseType purchaseType, @RequestParam(required = false) String nextStep,
			@RequestParam Integer version, RedirectAttributes redirect) {
		return attempt(id, redirect,
				() -> this.pipeline.edit(this.users.current(), id, version, new OpportunityInput(null, name, amount,
						owner, expectedCloseDate, purchaseType, null, List.of(), nextStep)));
	}

	@PostMapping("/opportunities/{id}/win")
	String win(@PathVariable long id, @RequestParam(required = false) BigDecimal amount,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeDate,
			@RequestParam Integer version, RedirectAttributes redirect) {
		return attempt(id, redirect, () -> this.pipeline.win(this.users.current(), id, amount, closeDate, version));
	}

	@PostMapping("/opportunities/{id}/lose")
	String lose(@PathVariable long id, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String competitor,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeDate,
			@RequestParam Integer version, RedirectAttributes redirect) {
		return attempt(id, redirect,
				() -> this.pipeline.lose(this.users.current(), id, reason, competitor, closeDate, version));
	}

	@PostMapping("/opportunities/{id}/stage")
	String stage(@PathVariable long id, @RequestParam Stage stage, @RequestParam Integer version,
			RedirectAttributes redirect) {
		return attempt(id, redirect, () -> this.pipeline.moveTo(this.users.current(), id, stage, version));
	}

	/**
	 * The comparison form: one weight and our score per criterion, and up to three
	 * competitors' names and scores; blank cells are left out.
	 */
	@PostMapping("/opportunities/{id}/comparison")
	String compare(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
		Map<Criterion, Integer> weights = new EnumMap<>(Criterion.class);
		Map<Criterion, Integer> ours = new EnumMap<>(Criterion.class);
		Map<String, Map<Criterion, Integer>> competitors = new LinkedHashMap<>();
		try {
			for (Criterion criterion : Criterion.values()) {
				put(weights, criterion, form.get("weight." + criterion.name()));
				put(ours, criterion, form.get("ours." + criterion.name()));
			}
			for (int i = 0; i < 3; i++) {
				String name = form.get("competitor." + i);
				if (!StringUtils.hasText(name)) {
					continue;
				}
				Map<Criterion, Integer> scores = new EnumMap<>(Criterion.class);
				for (Criterion criterion : Criterion.values()) {
					put(scores, criterion, form.get("score." + i + "." + criterion.name()));
				}
				competitors.put(name.strip(), scores);
			}
		}
		catch (NumberFormatException ex) {
			redirect.addFlashAttribute("problem", this.labels.get("opportunity.validation.score"));
			return "redirect:/opportunities/" + id + "#comparison";
		}
		return attempt(id, redirect,
				() -> this.comparisons.save(this.users.current(), id, new ComparisonInput(weights, ours, competitors)))
				+ "#comparison";
	}

	private static void put(Map<Criterion, Integer> values, Criterion criterion, String text) {
		if (StringUtils.hasText(text)) {
			values.put(criterion, Integer.valueOf(text.strip()));
		}
	}

	private String attempt(long id, RedirectAttributes redirect, Runnable action) {
		try {
			action.run();
			Flash.success(redirect, "opportunity.saved");
		}
		catch (RuleViolationException | StaleEditException ex) {
			redirect.addFlashAttribute("problem", this.views.reason(ex));
		}
		return "redirect:/opportunities/" + id;
	}

	/** The open opportunities part of the account page's "current transactions". */
	@GetMapping("/accounts/{accountId}/opportunities-section")
	String accountSection(@PathVariable long accountId, Model model) {
		CurrentUser me = this.users.current();
		AccountRef account = this.accounts.requireVisible(me.scope(), accountId);
		model.addAttribute("account", account);
		model.addAttribute("open", this.opportunities.open(me.scope(), List.of(accountId)));
		return "opportunity/section";
	}

}
