package io.dakehu.opportunity.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.catalog.Catalog;
import io.dakehu.customfield.CustomFieldProblem;
import io.dakehu.customfield.CustomFields;
import io.dakehu.customfield.RecordType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.Comparison;
import io.dakehu.opportunity.ComparisonInput;
import io.dakehu.opportunity.Comparisons;
import io.dakehu.opportunity.Criterion;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.OpportunityCustomFields;
import io.dakehu.opportunity.OpportunityInput;
import io.dakehu.opportunity.OpportunityView;
import io.dakehu.opportunity.Pipeline;
import io.dakehu.opportunity.PurchaseType;
import io.dakehu.opportunity.Stage;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditHistory;
import io.dakehu.shared.audit.AuditTrail;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;
import jakarta.servlet.http.HttpServletRequest;

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

	private final OpportunityCustomFields customFields;

	private final CustomFields definitions;

	private final AuditTrail audit;

	private final AuditHistory changes;

	OpportunityPages(Pipeline pipeline, Opportunities opportunities, Comparisons comparisons, AccountQueries accounts,
			Users users, Catalog catalog, Labels labels, PipelineViews views, OpportunityCustomFields customFields,
			CustomFields definitions, AuditTrail audit, AuditHistory changes) {
		this.audit = audit;
		this.changes = changes;
		this.customFields = customFields;
		this.definitions = definitions;
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
		return form(model, this.users.current(), new OpportunityInput(accountId, name, null, null, null, null, null,
				(productId != null) ? List.of(productId) : List.of(), null, Map.of()));
	}

	/**
	 * The form to open an opportunity, holding what was typed: the pickers show the names
	 * of the account, owner and product it names.
	 */
	private String form(Model model, CurrentUser me, OpportunityInput typed) {
		if (typed.accountId() != null) {
			model.addAttribute("account", this.accounts.requireVisible(me.scope(), typed.accountId()));
		}
		if (!typed.productIds().isEmpty()) {
			// A product that does not exist (the reason the form came back) shows empty.
			long productId = typed.productIds().get(0);
			String productName = this.catalog.names(List.of(productId)).get(productId);
			if (productName != null) {
				model.addAttribute("product", new Chosen(productId, productName));
			}
		}
		UserSummary owner = (typed.owner() != null && !typed.owner().isBlank())
				? this.users.findByUsername(typed.owner().strip()).orElse(null) : null;
		model.addAttribute("ownerUsername", (owner != null) ? owner.username() : me.username());
		model.addAttribute("ownerName", (owner != null) ? owner.displayName() : me.displayName());
		model.addAttribute("typed", typed);
		model.addAttribute("name", typed.name());
		model.addAttribute("accountId", typed.accountId());
		customInputs(model, typed.customFields());
		formOptions(model, me);
		return "opportunity/form";
	}

	private void formOptions(Model model, CurrentUser me) {
		model.addAttribute("purchaseTypes", PurchaseType.values());
		model.addAttribute("openStages", Stage.open());
		model.addAttribute("myUsername", me.username());
		model.addAttribute("myName", me.displayName());
	}

	/** The inputs of the active custom fields with the values they show. */
	private void customInputs(Model model, Map<String, Object> values) {
		model.addAttribute("customFieldDefs", this.customFields.active());
		model.addAttribute("customValues", (values != null) ? values : Map.of());
	}

	/**
	 * Opens the opportunity; a refused value shows the form again with everything typed
	 * and the reason under the field, or above the form for a built-in one.
	 */
	@PostMapping("/opportunities")
	String create(@RequestParam(required = false) Long accountId, @RequestParam String name,
			@RequestParam(required = false) BigDecimal amount, @RequestParam(required = false) String owner,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expectedCloseDate,
			@RequestParam(required = false) PurchaseType purchaseType, @RequestParam(required = false) Stage stage,
			@RequestParam(required = false) Long productId, @RequestParam(required = false) String nextStep,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		OpportunityInput input = new OpportunityInput(accountId, name, amount, owner, expectedCloseDate, purchaseType,
				stage, (productId != null) ? List.of(productId) : List.of(), nextStep,
				this.definitions.fromForm(RecordType.OPPORTUNITY, request.getParameterMap()));
		try {
			OpportunityView created = this.pipeline.open(me, input);
			Flash.success(redirect, "opportunity.saved");
			return "redirect:/opportunities/" + created.id();
		}
		catch (RuleViolationException ex) {
			refused(ex, model);
			return form(model, me, input);
		}
	}

	/**
	 * A refused value in the reader's words: a custom field's under its own input, which
	 * the form marks, any other above the form.
	 */
	private void refused(RuleViolationException ex, Model model) {
		CustomFieldProblem custom = CustomFieldProblem.of(ex, this.labels);
		if (custom != null) {
			model.addAttribute("customProblem", custom);
		}
		else {
			model.addAttribute("problem", this.views.reason(ex));
		}
	}

	/** A record a picker shows as chosen. */
	record Chosen(long id, String name) {
	}

	@GetMapping("/opportunities/{id}")
	String show(@PathVariable long id, Locale locale, Model model) {
		CurrentUser me = this.users.current();
		OpportunityView opportunity = this.opportunities.get(me.scope(), id);
		UserSummary owner = this.users.get(opportunity.ownerId());
		return show(opportunity,
				new EditForm(opportunity.title(), opportunity.amount(), owner.username(), owner.displayName(),
						opportunity.expectedCloseDate(), opportunity.purchaseType(), opportunity.nextStep(),
						opportunity.customFields()),
				me, locale, model);
	}

	/** The page with the edit form holding these values. */
	private String show(OpportunityView opportunity, EditForm edit, CurrentUser me, Locale locale, Model model) {
		long id = opportunity.id();
		model.addAttribute("o", opportunity);
		model.addAttribute("edit", edit);
		model.addAttribute("history", this.pipeline.history(me, id));
		// Its own changes, custom fields under their labels, newest first.
		model.addAttribute("changes", this.changes.render(this.audit.forEntity("Opportunity", id, 50), locale));
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
		model.addAttribute("customFields",
				this.definitions.shown(RecordType.OPPORTUNITY, opportunity.customFields(), locale));
		customInputs(model, edit.customFields());
		formOptions(model, me);
		return "opportunity/show";
	}

	/**
	 * Saves the details; a refused value shows the page again with everything typed in
	 * the form and the reason under the field, or above the page for a built-in one.
	 */
	@PostMapping("/opportunities/{id}/edit")
	String edit(@PathVariable long id, @RequestParam String name, @RequestParam(required = false) BigDecimal amount,
			@RequestParam(required = false) String owner,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expectedCloseDate,
			@RequestParam(required = false) PurchaseType purchaseType, @RequestParam(required = false) String nextStep,
			@RequestParam Integer version, HttpServletRequest request, Locale locale, Model model,
			RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		Map<String, Object> custom = this.definitions.fromForm(RecordType.OPPORTUNITY, request.getParameterMap());
		try {
			this.pipeline.edit(me, id, version, new OpportunityInput(null, name, amount, owner, expectedCloseDate,
					purchaseType, null, List.of(), nextStep, custom));
			Flash.success(redirect, "opportunity.saved");
		}
		catch (StaleEditException ex) {
			redirect.addFlashAttribute("problem", this.views.reason(ex));
		}
		catch (RuleViolationException ex) {
			refused(ex, model);
			OpportunityView opportunity = this.opportunities.get(me.scope(), id);
			UserSummary typedOwner = (owner != null && !owner.isBlank())
					? this.users.findByUsername(owner.strip()).orElse(null) : this.users.get(opportunity.ownerId());
			return show(opportunity,
					new EditForm(name, amount, (typedOwner != null) ? typedOwner.username() : owner,
							(typedOwner != null) ? typedOwner.displayName() : owner, expectedCloseDate, purchaseType,
							nextStep, custom),
					me, locale, model);
		}
		return "redirect:/opportunities/" + id;
	}

	/** What the edit form holds: the opportunity's values, or what was typed. */
	record EditForm(String name, BigDecimal amount, String owner, String ownerName, LocalDate expectedCloseDate,
			PurchaseType purchaseType, String nextStep, Map<String, Object> customFields) {
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
