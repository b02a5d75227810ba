package io.dakehu.retention.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.retention.ChurnRisk;
import io.dakehu.retention.ChurnRisks;
import io.dakehu.retention.ChurnRuns;
import io.dakehu.retention.LostAnalysis;
import io.dakehu.retention.LostCustomers;
import io.dakehu.retention.RiskLevel;
import io.dakehu.retention.RiskSort;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The churn pages: the at-risk list of the reader's scope with each customer's factors
 * and next action, the churn-risk section of the account page, and the lost-customer
 * analysis with the back-test of the warning.
 */
@Controller
class ChurnRiskPages {

	private static final int PAGE_SIZE = 50;

	private final ChurnRisks risks;

	private final ChurnRuns runs;

	private final LostCustomers lost;

	private final Users users;

	private final ChurnFacts facts;

	private final Labels labels;

	private final Clock clock;

	ChurnRiskPages(ChurnRisks risks, ChurnRuns runs, LostCustomers lost, Users users, ChurnFacts facts, Labels labels,
			Clock clock) {
		this.risks = risks;
		this.runs = runs;
		this.lost = lost;
		this.users = users;
		this.facts = facts;
		this.labels = labels;
		this.clock = clock;
	}

	/**
	 * @param level one level, or none for high and medium together ({@code ALL} for every
	 * level)
	 */
	@GetMapping("/churn-risks")
	String list(@RequestParam(required = false) String level, @RequestParam(defaultValue = "RISK_VALUE") RiskSort sort,
			@RequestParam(defaultValue = "0") int page, Model model) {
		CurrentUser me = this.users.current();
		Set<RiskLevel> levels = levels(level);
		PageResult<ChurnRisk> found = this.risks.list(me.scope(), levels, null, sort,
				new PageRequest(Math.max(page, 0), PAGE_SIZE));
		Map<Long, UserSummary> people = owners(found.content());
		model.addAttribute("result", found.map((risk) -> row(risk, people)));
		model.addAttribute("run", this.runs.latest().orElse(null));
		model.addAttribute("level", (level != null) ? level : "");
		model.addAttribute("sort", sort);
		model.addAttribute("sorts", RiskSort.values());
		model.addAttribute("levels", RiskLevel.values());
		return "retention/list";
	}

	private static Set<RiskLevel> levels(String level) {
		if (level == null || level.isBlank()) {
			return EnumSet.of(RiskLevel.HIGH, RiskLevel.MEDIUM);
		}
		if ("ALL".equals(level)) {
			return EnumSet.allOf(RiskLevel.class);
		}
		for (RiskLevel known : RiskLevel.values()) {
			if (known.name().equals(level)) {
				return EnumSet.of(known);
			}
		}
		return EnumSet.noneOf(RiskLevel.class);
	}

	@PostMapping("/churn-risks/runs")
	String run(RedirectAttributes redirect) {
		this.runs.run(this.users.current());
		Flash.success(redirect, "churn.ran");
		return "redirect:/churn-risks";
	}

	@GetMapping("/accounts/{id}/churn-risk/section")
	String section(@PathVariable long id, Model model) {
		CurrentUser me = this.users.current();
		model.addAttribute("accountId", id);
		try {
			ChurnRisk risk = this.risks.forAccount(me.scope(), id);
			model.addAttribute("risk", row(risk, owners(List.of(risk))));
		}
		catch (NotFoundException ex) {
			// A prospect, a lost customer or no run yet: the section says so. An account
			// the reader may not see fails here, as the account page does.
			model.addAttribute("risk", null);
		}
		model.addAttribute("history", this.risks.history(me.scope(), id, 12));
		return "retention/section :: section";
	}

	@GetMapping("/churn-risks/lost")
	String lost(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "" + LostCustomers.DEFAULT_LOOKBACK_DAYS) int lookbackDays, Model model) {
		CurrentUser me = this.users.current();
		LocalDate end = (to != null) ? to : LocalDate.now(this.clock);
		LocalDate start = (from != null) ? from : end.minusYears(1).plusDays(1);
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		model.addAttribute("lookbackDays", lookbackDays);
		try {
			LostAnalysis analysis = this.lost.analyse(me.scope(), start, end, null, lookbackDays);
			model.addAttribute("analysis", analysis);
			Set<Long> ownerIds = new HashSet<>();
			analysis.customers().forEach((c) -> {
				if (c.ownerId() != null) {
					ownerIds.add(c.ownerId());
				}
			});
			analysis.byOwner().forEach((line) -> {
				if (line.key() != null) {
					ownerIds.add(Long.valueOf(line.key()));
				}
			});
			model.addAttribute("people", names(this.users.byIds(ownerIds)));
		}
		catch (RuleViolationException ex) {
			model.addAttribute("analysis", null);
			model.addAttribute("problem",
					this.labels.field(ex.field()) + ": " + this.labels.get(ex.messageKey(), ex.args()));
		}
		return "retention/lost";
	}

	private static Map<String, String> names(Map<Long, UserSummary> people) {
		Map<String, String> names = new java.util.HashMap<>();
		people.forEach((id, person) -> names.put(Long.toString(id), person.displayName()));
		return names;
	}

	private RiskRow row(ChurnRisk risk, Map<Long, UserSummary> people) {
		UserSummary owner = (risk.ownerId() != null) ? people.get(risk.ownerId()) : null;
		List<FactorRow> factors = risk.factors()
			.stream()
			.map((f) -> new FactorRow(f.code().name(), f.points(), this.facts.fact(f)))
			.toList();
		return new RiskRow(risk.accountId(), risk.accountName(), (owner != null) ? owner.displayName() : null,
				risk.tier(), risk.score(), risk.level().name(), risk.revenue(), risk.asOf(), factors,
				this.facts.nextAction(risk.nextAction()));
	}

	private Map<Long, UserSummary> owners(List<ChurnRisk> risks) {
		Set<Long> ids = new HashSet<>();
		risks.forEach((risk) -> {
			if (risk.ownerId() != null) {
				ids.add(risk.ownerId());
			}
		});
		return this.users.byIds(ids);
	}

	/** A customer at risk as the pages show it. */
	record RiskRow(long accountId, String accountName, String owner, String tier, int score, String level,
			BigDecimal revenue, LocalDate asOf, List<FactorRow> factors, String nextAction) {
	}

	record FactorRow(String code, int points, String fact) {
	}

}
