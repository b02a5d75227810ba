package io.dakehu.accountplan.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.dakehu.accountplan.AccountPlans;
import io.dakehu.accountplan.ActionStatus;
import io.dakehu.accountplan.PlanInput;
import io.dakehu.accountplan.PlanView;
import io.dakehu.accountplan.ReviewInput;
import io.dakehu.accountplan.Whitespace;
import io.dakehu.account.AccountQueries;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.relationship.RelationshipStage;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The key account plan pages: an account's plans, one plan with its goals, SWOT, actions,
 * reviews, completeness and whitespace matrix, its printable view, and the plan part of
 * the account page (goals against actuals).
 */
@Controller
class AccountPlanPages {

	private final AccountPlans plans;

	private final Whitespace whitespace;

	private final AccountQueries accounts;

	private final Users users;

	private final Labels labels;

	private final Validator validator;

	private final Clock clock;

	AccountPlanPages(AccountPlans plans, Whitespace whitespace, AccountQueries accounts, Users users, Labels labels,
			Validator validator, Clock clock) {
		this.plans = plans;
		this.whitespace = whitespace;
		this.accounts = accounts;
		this.users = users;
		this.labels = labels;
		this.validator = validator;
		this.clock = clock;
	}

	/** The account's plans and a form to start one. */
	@GetMapping("/accounts/{id}/plans")
	String list(@PathVariable long id, Model model) {
		CurrentUser me = this.users.current();
		model.addAttribute("account", this.accounts.requireVisible(me.scope(), id));
		model.addAttribute("plans", this.plans.list(me.scope(), id));
		model.addAttribute("thisYear", LocalDate.now(this.clock).getYear());
		return "accountplan/list";
	}

	@PostMapping("/accounts/{id}/plans")
	String create(@PathVariable long id, @RequestParam(required = false) Integer year, RedirectAttributes redirect) {
		PlanInput input = new PlanInput(year, null, null, null, null, null, null);
		if (invalid(input, redirect)) {
			return "redirect:/accounts/" + id + "/plans";
		}
		try {
			PlanView plan = this.plans.create(this.users.current(), id, input);
			Flash.success(redirect, "plan.created");
			return "redirect:/accounts/" + id + "/plans/" + plan.year();
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", reason(ex));
			return "redirect:/accounts/" + id + "/plans";
		}
	}

	@GetMapping("/accounts/{id}/plans/{year}")
	String show(@PathVariable long id, @PathVariable int year, Model model) {
		CurrentUser me = this.users.current();
		PlanView plan = this.plans.get(me.scope(), id, year);
		model.addAttribute("plan", plan);
		model.addAttribute("swotText", Map.of("strengths", String.join("\n", plan.swot().strengths()), "weaknesses",
				String.join("\n", plan.swot().weaknesses()), "opportunities",
				String.join("\n", plan.swot().opportunities()), "threats", String.join("\n", plan.swot().threats())));
		model.addAttribute("matrix", this.whitespace.of(me.scope(), id));
		model.addAttribute("stages", RelationshipStage.values());
		model.addAttribute("statuses", ActionStatus.values());
		model.addAttribute("today", LocalDate.now(this.clock));
		model.addAttribute("myUsername", me.username());
		model.addAttribute("myName", me.displayName());
		return "accountplan/show";
	}

	/** The plan on paper: no menus, no forms. */
	@GetMapping("/accounts/{id}/plans/{year}/print")
	String print(@PathVariable long id, @PathVariable int year, Model model) {
		CurrentUser me = this.users.current();
		model.addAttribute("plan", this.plans.get(me.scope(), id, year));
		model.addAttribute("matrix", this.whitespace.of(me.scope(), id));
		model.addAttribute("printedOn", LocalDate.now(this.clock));
		return "accountplan/print";
	}

	/** Goals and SWOT, each SWOT list a line an entry; the actions stay as they are. */
	@PostMapping("/accounts/{id}/plans/{year}/goals")
	String goals(@PathVariable long id, @PathVariable int year,
			@RequestParam(required = false) BigDecimal revenueTarget,
			@RequestParam(required = false) BigDecimal walletShareTarget,
			@RequestParam(required = false) String targetStage, @RequestParam(required = false) String strengths,
			@RequestParam(required = false) String weaknesses, @RequestParam(required = false) String opportunities,
			@RequestParam(required = false) String threats, @RequestParam(required = false) Integer version,
			RedirectAttributes redirect) {
		PlanInput input = new PlanInput(null, revenueTarget, walletShareTarget, targetStage,
				new PlanInput.Swot(lines(strengths), lines(weaknesses), lines(opportunities), lines(threats)), null,
				version);
		if (invalid(input, redirect)) {
			return back(id, year);
		}
		return attempt(id, year, redirect, "plan.saved",
				() -> this.plans.update(this.users.current(), id, year, input));
	}

	@PostMapping("/accounts/{id}/plans/{year}/actions")
	String addAction(@PathVariable long id, @PathVariable int year, @RequestParam(required = false) String what,
			@RequestParam(required = false) String owner, @RequestParam(required = false) LocalDate dueDate,
			@RequestParam(required = false) Long opportunityId, @RequestParam(required = false) Integer version,
			RedirectAttributes redirect) {
		PlanInput.Action action = new PlanInput.Action(what, owner, dueDate, null,
				(opportunityId != null) ? "opportunity" : null, opportunityId);
		if (invalid(action, redirect)) {
			return back(id, year);
		}
		return attempt(id, year, redirect, "plan.saved",
				() -> this.plans.addAction(this.users.current(), id, year, version, action));
	}

	@PostMapping("/accounts/{id}/plans/{year}/actions/{index}/status")
	String moveAction(@PathVariable long id, @PathVariable int year, @PathVariable int index,
			@RequestParam(required = false) String status, @RequestParam(required = false) Integer version,
			RedirectAttributes redirect) {
		return attempt(id, year, redirect, "plan.saved",
				() -> this.plans.moveAction(this.users.current(), id, year, index, version, status));
	}

	@PostMapping("/accounts/{id}/plans/{year}/reviews")
	String review(@PathVariable long id, @PathVariable int year, @RequestParam(required = false) LocalDate reviewedOn,
			@RequestParam(required = false) String note, @RequestParam(required = false) Integer version,
			RedirectAttributes redirect) {
		ReviewInput input = new ReviewInput(reviewedOn, note, version);
		if (invalid(input, redirect)) {
			return back(id, year);
		}
		return attempt(id, year, redirect, "plan.saved",
				() -> this.plans.review(this.users.current(), id, year, input));
	}

	/** The plan part of the account page: this year's goals against what happened. */
	@GetMapping("/accounts/{id}/plan/section")
	String section(@PathVariable long id, Model model) {
		CurrentUser me = this.users.current();
		model.addAttribute("accountId", id);
		model.addAttribute("goals", this.plans.goalsVsActuals(me.scope(), id).orElse(null));
		model.addAttribute("thisYear", LocalDate.now(this.clock).getYear());
		return "accountplan/section :: section";
	}

	private String attempt(long id, int year, RedirectAttributes redirect, String success, Supplier<?> action) {
		try {
			action.get();
			Flash.success(redirect, success);
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", reason(ex));
		}
		catch (StaleEditException ex) {
			Flash.error(redirect, "error.stale");
		}
		return back(id, year);
	}

	/** Whether bean validation refuses the input; the first refusal is shown. */
	private boolean invalid(Object input, RedirectAttributes redirect) {
		List<ConstraintViolation<Object>> violations = this.validator.validate(input)
			.stream()
			.sorted(java.util.Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString()))
			.toList();
		if (violations.isEmpty()) {
			return false;
		}
		ConstraintViolation<Object> first = violations.get(0);
		String field = first.getPropertyPath().toString().replaceAll("\\[\\d+]\\.?.*$", "").replaceAll("^.*\\.", "");
		redirect.addFlashAttribute("problem", this.labels.field(field) + ": " + rule(first));
		return true;
	}

	/** The broken rule in the reader's language, with its bound. */
	private String rule(ConstraintViolation<Object> violation) {
		Map<String, Object> bounds = violation.getConstraintDescriptor().getAttributes();
		return switch (violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()) {
			case "Min", "DecimalMin" -> this.labels.get("plan.validation.atLeast", bounds.get("value"));
			case "Max", "DecimalMax" -> this.labels.get("plan.validation.atMost", bounds.get("value"));
			case "Size" -> this.labels.get("plan.validation.tooLong", bounds.get("max"));
			case "Digits" -> this.labels.get("plan.validation.digits", bounds.get("integer"), bounds.get("fraction"));
			default -> this.labels.get("validation.required");
		};
	}

	private String reason(RuleViolationException ex) {
		return this.labels.field(ex.field()) + ": " + this.labels.get(ex.messageKey(), ex.args());
	}

	private static String back(long id, int year) {
		return "redirect:/accounts/" + id + "/plans/" + year;
	}

	/** One entry a line, blank lines left out. */
	private static List<String> lines(String text) {
		if (!StringUtils.hasText(text)) {
			return List.of();
		}
		return Arrays.stream(text.split("\\R")).map(String::strip).filter(StringUtils::hasText).toList();
	}

}
