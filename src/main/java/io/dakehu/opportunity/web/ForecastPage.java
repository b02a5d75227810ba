package io.dakehu.opportunity.web;

import java.math.BigDecimal;
import java.time.LocalDate;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.Forecasts;
import io.dakehu.opportunity.Targets;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Flash;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The forecast for a period (the current year unless asked), per team or salesperson,
 * against the quotas, which managers set here.
 */
@Controller
class ForecastPage {

	private final Forecasts forecasts;

	private final Targets targets;

	private final Users users;

	private final PipelineViews views;

	ForecastPage(Forecasts forecasts, Targets targets, Users users, PipelineViews views) {
		this.forecasts = forecasts;
		this.targets = targets;
		this.users = users;
		this.views = views;
	}

	@GetMapping("/pipeline/forecast")
	String forecast(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Long teamId, @RequestParam(required = false) Long ownerId, Model model) {
		CurrentUser me = this.users.current();
		LocalDate start = (from != null) ? from : LocalDate.now().withDayOfYear(1);
		LocalDate end = (to != null) ? to : start.withDayOfYear(start.lengthOfYear());
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		model.addAttribute("teamId", teamId);
		model.addAttribute("ownerId", ownerId);
		model.addAttribute("teams", this.users.teams());
		model.addAttribute("owners", this.targets.salespeople(me.scope()));
		model.addAttribute("report", this.forecasts.forecast(me.scope(), start, end, teamId, ownerId));
		model.addAttribute("quotaHolders", this.targets.quotaHolders(me));
		return "opportunity/forecast";
	}

	@PostMapping("/pipeline/quotas")
	String quota(@RequestParam String salesperson,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) BigDecimal amount, RedirectAttributes redirect) {
		try {
			this.targets.setQuota(this.users.current(), salesperson, from, to, amount);
			Flash.success(redirect, "forecast.quotaSaved");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", this.views.reason(ex));
		}
		return "redirect:/pipeline/forecast?from=" + from + "&to=" + to;
	}

}
