package io.dakehu.loyalty.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.loyalty.LoyaltyActionInput;
import io.dakehu.loyalty.LoyaltyActionView;
import io.dakehu.loyalty.LoyaltyActions;
import io.dakehu.loyalty.LoyaltyEffect;
import io.dakehu.loyalty.LoyaltyFilter;
import io.dakehu.loyalty.LoyaltyStateException;
import io.dakehu.loyalty.LoyaltyStatus;
import io.dakehu.loyalty.LoyaltyType;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The loyalty pages: the actions of the reader's scope, planning and revising one from
 * its account, one action with its approvals, carrying it out and evaluating it, the
 * month calendar, the budget and spend per tier and owner, and the account page's
 * section.
 */
@Controller
class LoyaltyPages {

	private static final int ROWS = 200;

	private static final int SECTION_ROWS = 10;

	private final LoyaltyActions actions;

	private final AccountQueries accounts;

	private final Users users;

	private final Labels labels;

	private final Clock clock;

	LoyaltyPages(LoyaltyActions actions, AccountQueries accounts, Users users, Labels labels, Clock clock) {
		this.actions = actions;
		this.accounts = accounts;
		this.users = users;
		this.labels = labels;
		this.clock = clock;
	}

	@GetMapping("/loyalty-actions")
	String list(@RequestParam(required = false) LoyaltyStatus status,
			@RequestParam(defaultValue = "false") boolean mine, Model model) {
		CurrentUser me = this.users.current();
		LoyaltyFilter filter = new LoyaltyFilter(null, null, mine ? me.id() : null, status, null, null);
		model.addAttribute("actions", this.actions.list(me.scope(), filter, ROWS));
		model.addAttribute("status", status);
		model.addAttribute("statuses", LoyaltyStatus.values());
		model.addAttribute("mine", mine);
		model.addAttribute("types", LoyaltyType.values());
		model.addAttribute("approvalAbove", this.actions.approvalAbove());
		return "loyalty/list";
	}

	@GetMapping("/loyalty-actions/new")
	String planForm(@RequestParam long accountId, @RequestParam(required = false) LoyaltyType type, Model model) {
		CurrentUser me = this.users.current();
		AccountRef account = this.accounts.requireVisible(me.scope(), accountId);
		Form form = new Form(accountId, type, me.username(), LocalDate.now(this.clock).plusDays(7), "", "", "", null);
		return form(model, account, form, null, null);
	}

	@PostMapping("/loyalty-actions")
	String plan(@RequestParam long accountId, @RequestParam(required = false) LoyaltyType type,
			@RequestParam(required = false) String owner, @RequestParam(required = false) String plannedOn,
			@RequestParam(required = false) String budget, @RequestParam(required = false) String description,
			@RequestParam(required = false) String reason, Model model, RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		AccountRef account = this.accounts.requireVisible(me.scope(), accountId);
		Form form = new Form(accountId, type, owner, null, plannedOn, budget, description, reason);
		try {
			LoyaltyActionView saved = this.actions.plan(me, input(form, null));
			Flash.success(redirect,
					(saved.status() == LoyaltyStatus.AWAITING_APPROVAL) ? "loyalty.planned.asked" : "loyalty.planned");
			return "redirect:/loyalty-actions/" + saved.id();
		}
		catch (RuleViolationException ex) {
			return form(model, account, form, null, reason(ex));
		}
	}

	@GetMapping("/loyalty-actions/{id}")
	String show(@PathVariable long id, Model model) {
		CurrentUser me = this.users.current();
		LoyaltyActionView action = this.actions.get(me.scope(), id);
		model.addAttribute("a", action);
		model.addAttribute("approvals", this.actions.approvals(me.scope(), id));
		model.addAttribute("effects", LoyaltyEffect.values());
		model.addAttribute("today", LocalDate.now(this.clock));
		return "loyalty/show";
	}

	@GetMapping("/loyalty-actions/{id}/edit")
	String editForm(@PathVariable long id, Model model) {
		CurrentUser me = this.users.current();
		LoyaltyActionView a = this.actions.get(me.scope(), id);
		AccountRef account = this.accounts.requireVisible(me.scope(), a.accountId());
		Form form = new Form(a.accountId(), a.type(), a.owner(), a.plannedOn(), null, a.budget().toPlainString(),
				a.description(), "");
		return form(model, account, form, a, null);
	}

	@PostMapping("/loyalty-actions/{id}")
	String update(@PathVariable long id, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) LoyaltyType type, @RequestParam(required = false) String owner,
			@RequestParam(required = false) String plannedOn, @RequestParam(required = false) String budget,
			@RequestParam(required = false) String description, @RequestParam(required = false) String reason,
			Model model, RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		LoyaltyActionView current = this.actions.get(me.scope(), id);
		AccountRef account = this.accounts.requireVisible(me.scope(), current.accountId());
		Form form = new Form(current.accountId(), type, owner, null, plannedOn, budget, description, reason);
		try {
			this.actions.update(me, id, input(form, version));
			Flash.success(redirect, "loyalty.saved");
			return "redirect:/loyalty-actions/" + id;
		}
		catch (RuleViolationException ex) {
			return form(model, account, form, current, reason(ex));
		}
		catch (StaleEditException ex) {
			Flash.error(redirect, "error.stale");
		}
		catch (LoyaltyStateException ex) {
			redirect.addFlashAttribute("problem", state(ex));
		}
		return "redirect:/loyalty-actions/" + id;
	}

	@PostMapping("/loyalty-actions/{id}/done")
	String done(@PathVariable long id, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String spend, @RequestParam(required = false) String doneOn,
			RedirectAttributes redirect) {
		return attempt(id, redirect, "loyalty.done", () -> this.actions.done(this.users.current(), id, version,
				amount("spend", spend), day("doneOn", doneOn)));
	}

	@PostMapping("/loyalty-actions/{id}/evaluate")
	String evaluate(@PathVariable long id, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) LoyaltyEffect effect,
			RedirectAttributes redirect) {
		return attempt(id, redirect, "loyalty.evaluated",
				() -> this.actions.evaluate(this.users.current(), id, version, outcome, effect));
	}

	/**
	 * @param month {@code yyyy-MM}; this month when not given
	 */
	@GetMapping("/loyalty-actions/calendar")
	String calendar(@RequestParam(required = false) String month, @RequestParam(defaultValue = "false") boolean mine,
			Model model) {
		CurrentUser me = this.users.current();
		YearMonth shown = YearMonth.now(this.clock);
		if (StringUtils.hasText(month)) {
			try {
				shown = YearMonth.parse(month.strip());
			}
			catch (DateTimeParseException ex) {
				throw new RuleViolationException("month", "validation.loyalty.month");
			}
		}
		model.addAttribute("calendar", this.actions.month(me, shown, mine));
		model.addAttribute("previous", shown.minusMonths(1));
		model.addAttribute("next", shown.plusMonths(1));
		model.addAttribute("mine", mine);
		return "loyalty/calendar";
	}

	@GetMapping("/loyalty-actions/budget")
	String budget(@RequestParam(required = false) Integer year, Model model) {
		int shown = (year != null) ? year : LocalDate.now(this.clock).getYear();
		model.addAttribute("budget", this.actions.budget(this.users.current().scope(), shown));
		return "loyalty/budget";
	}

	/** The loyalty actions card of the account page. */
	@GetMapping("/accounts/{accountId}/loyalty/section")
	String section(@PathVariable long accountId, Model model) {
		CurrentUser me = this.users.current();
		this.accounts.requireVisible(me.scope(), accountId);
		model.addAttribute("accountId", accountId);
		model.addAttribute("actions", this.actions.list(me.scope(), LoyaltyFilter.ofAccount(accountId), SECTION_ROWS));
		return "loyalty/section :: section";
	}

	private String form(Model model, AccountRef account, Form form, LoyaltyActionView editing, String problem) {
		model.addAttribute("account", account);
		model.addAttribute("form", form);
		model.addAttribute("editing", editing);
		model.addAttribute("problem", problem);
		model.addAttribute("types", LoyaltyType.values());
		model.addAttribute("approvalAbove", this.actions.approvalAbove());
		return "loyalty/form";
	}

	private String attempt(long id, RedirectAttributes redirect, String success, Supplier<?> step) {
		try {
			step.get();
			Flash.success(redirect, success);
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", reason(ex));
		}
		catch (StaleEditException ex) {
			Flash.error(redirect, "error.stale");
		}
		catch (LoyaltyStateException ex) {
			redirect.addFlashAttribute("problem", state(ex));
		}
		return "redirect:/loyalty-actions/" + id;
	}

	private LoyaltyActionInput input(Form form, Integer version) {
		if (form.type() == null) {
			throw new RuleViolationException("type", "validation.required");
		}
		LocalDate day = day("plannedOn", form.plannedOnText());
		if (day == null) {
			throw new RuleViolationException("plannedOn", "validation.required");
		}
		BigDecimal budget = amount("budget", form.budget());
		if (budget == null) {
			throw new RuleViolationException("budget", "validation.required");
		}
		if (form.description() != null && form.description().length() > 2000) {
			throw new RuleViolationException("description", "validation.loyalty.tooLong", 2000);
		}
		if (form.reason() != null && form.reason().length() > 2000) {
			throw new RuleViolationException("reason", "validation.loyalty.tooLong", 2000);
		}
		return new LoyaltyActionInput(form.accountId(), form.type(), form.owner(), day, budget, form.description(),
				form.reason(), version);
	}

	private static BigDecimal amount(String field, String text) {
		if (!StringUtils.hasText(text)) {
			return null;
		}
		try {
			BigDecimal amount = new BigDecimal(text.strip().replace(",", ""));
			if (amount.signum() < 0 || amount.scale() > 2) {
				throw new NumberFormatException(text);
			}
			return amount;
		}
		catch (NumberFormatException ex) {
			throw new RuleViolationException(field, "validation.loyalty.amount");
		}
	}

	private static LocalDate day(String field, String text) {
		if (!StringUtils.hasText(text)) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new RuleViolationException(field, "validation.loyalty.date");
		}
	}

	private String reason(RuleViolationException ex) {
		return this.labels.field(ex.field()) + ": " + this.labels.get(ex.messageKey(), ex.args());
	}

	private String state(LoyaltyStateException ex) {
		return this.labels.get(ex.messageKey(), this.labels.get("loyalty.status." + ex.status().name()));
	}

	/**
	 * The plan form as typed: the planned day as a date for a fresh form, as the text
	 * sent back after an error.
	 */
	record Form(long accountId, LoyaltyType type, String owner, LocalDate plannedOn, String plannedOnText,
			String budget, String description, String reason) {

		/** What the date field shows. */
		public String day() {
			return (this.plannedOn != null) ? this.plannedOn.toString() : this.plannedOnText;
		}

	}

}
