package io.dakehu.scorecard.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.account.KeyAccountType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.scorecard.ScorecardKind;
import io.dakehu.scorecard.ScorecardVersion;
import io.dakehu.scorecard.Scorecards;
import io.dakehu.scorecard.SelectionAcceptance;
import io.dakehu.scorecard.SelectionRequest;
import io.dakehu.scorecard.SelectionStrategy;
import io.dakehu.scorecard.SelectionView;
import io.dakehu.scorecard.FunnelStage;
import io.dakehu.scorecard.Selections;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer selection pages (DOMAIN.md §6): evaluating an account, the evaluation with
 * its principles and reasons (which a manager accepts there), and the selection part of
 * the account page.
 */
@Controller
class SelectionPages {

	/** The most accounts a funnel stage lists on the page; its export holds more. */
	static final int PAGE_LIMIT = 200;

	private final Selections selections;

	private final Scorecards scorecards;

	private final AccountQueries accounts;

	private final Users users;

	private final Labels labels;

	SelectionPages(Selections selections, Scorecards scorecards, AccountQueries accounts, Users users, Labels labels) {
		this.selections = selections;
		this.scorecards = scorecards;
		this.accounts = accounts;
		this.users = users;
		this.labels = labels;
	}

	@GetMapping("/accounts/{accountId}/selection-evaluations/new")
	String form(@PathVariable long accountId, Locale locale, Model model) {
		AccountRef account = this.accounts.requireVisible(this.users.current().scope(), accountId);
		return form(model, account, Map.of(), Map.of(), locale);
	}

	@PostMapping("/accounts/{accountId}/selection-evaluations")
	String evaluate(@PathVariable long accountId, @RequestParam MultiValueMap<String, String> form, Locale locale,
			Model model, RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		AccountRef account = this.accounts.requireVisible(me.scope(), accountId);
		Map<String, String> values = form.toSingleValueMap();
		Map<String, String> errors = new LinkedHashMap<>();
		Map<String, Object> inputs = CriteriaForm.inputs(this.scorecards.current(ScorecardKind.SELECTION), values,
				errors, this.labels, locale);
		if (errors.isEmpty()) {
			try {
				SelectionView evaluated = this.selections.evaluate(me, accountId,
						new SelectionRequest(inputs, values.get("expectedYearlyPurchases"),
								values.get("expectedMarginPercent"), values.get("expectedContactCost"),
								values.get("years"), values.get("strategy"), values.get("note")));
				Flash.success(redirect, "selection.done");
				return "redirect:/selection-evaluations/" + evaluated.id();
			}
			catch (RuleViolationException ex) {
				errors.put(ex.field(), this.labels.get(ex.messageKey(), ex.args()));
			}
		}
		return form(model, account, values, errors, locale);
	}

	@GetMapping("/selection-evaluations/{id}")
	String show(@PathVariable long id, Model model) {
		CurrentUser me = this.users.current();
		return show(model, me, this.selections.get(me.scope(), id), null);
	}

	/** A manager accepts a recommendation; a key account manager is refused (403). */
	@PostMapping("/selection-evaluations/{id}/accept")
	String accept(@PathVariable long id, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String keyAccountType, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		CurrentUser me = this.users.current();
		// Out of scope is not found before a key account manager is refused.
		this.selections.get(me.scope(), id);
		if (!me.managesOthers()) {
			throw new AccessDeniedException("Only managers accept a customer selection");
		}
		String error = null;
		try {
			this.selections.accept(me, id, new SelectionAcceptance(version, keyAccountType));
			Flash.success(redirect, "selection.acceptedFlash");
			return "redirect:/selection-evaluations/" + id;
		}
		catch (RuleViolationException ex) {
			error = this.labels.field(ex.field()) + ": " + this.labels.get(ex.messageKey(), ex.args());
		}
		catch (StaleEditException ex) {
			model.addAttribute("stale", true);
			response.setStatus(HttpStatus.CONFLICT.value());
		}
		return show(model, me, this.selections.get(me.scope(), id), error);
	}

	/** The selection part of the account page: the latest result and the history. */
	@GetMapping("/accounts/{accountId}/selection/section")
	String section(@PathVariable long accountId, Model model) {
		CurrentUser me = this.users.current();
		model.addAttribute("accountId", accountId);
		model.addAttribute("history", this.selections.history(me.scope(), accountId));
		return "scorecard/selection-section :: section";
	}

	/** The selection funnel of the accounts in scope. */
	@GetMapping("/selection-funnel")
	String funnel(@RequestParam(required = false) String stage, Model model) {
		CurrentUser me = this.users.current();
		model.addAttribute("funnel", this.selections.funnel(me.scope()));
		if (stage != null && !stage.isBlank()) {
			FunnelStage chosen = FunnelStage.parse(stage);
			model.addAttribute("stage", chosen.name().toLowerCase(Locale.ROOT));
			model.addAttribute("accounts", this.selections.funnelAccounts(me.scope(), chosen, PAGE_LIMIT));
			model.addAttribute("pageLimit", PAGE_LIMIT);
			model.addAttribute("exportLimit", ScorecardExports.FUNNEL_LIMIT);
		}
		return "scorecard/selection-funnel";
	}

	private String show(Model model, CurrentUser me, SelectionView evaluation, String error) {
		model.addAttribute("evaluation", evaluation);
		model.addAttribute("accountName",
				this.accounts.names(List.of(evaluation.accountId())).get(evaluation.accountId()));
		model.addAttribute("canAccept", me.managesOthers());
		model.addAttribute("keyAccountTypes", KeyAccountType.values());
		model.addAttribute("acceptError", error);
		return "scorecard/selection";
	}

	private String form(Model model, AccountRef account, Map<String, String> values, Map<String, String> errors,
			Locale locale) {
		ScorecardVersion card = this.scorecards.current(ScorecardKind.SELECTION);
		model.addAttribute("account", account);
		model.addAttribute("criteria", CriteriaForm.fields(card, values, errors, locale));
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("strategies", SelectionStrategy.values());
		return "scorecard/selection-form";
	}

}
