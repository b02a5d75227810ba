package io.dakehu.opportunity.web;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.Pipeline;
import io.dakehu.opportunity.Stage;
import io.dakehu.opportunity.StageWinRate;
import io.dakehu.opportunity.WinRates;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The stage probabilities page (administrators): each buying step's configured
 * probability beside what history says, with the counts behind it, and the choice to
 * adopt history for one step or all.
 */
@Controller
class ProbabilityPages {

	private final Pipeline pipeline;

	private final WinRates winRates;

	private final Users users;

	private final Labels labels;

	ProbabilityPages(Pipeline pipeline, WinRates winRates, Users users, Labels labels) {
		this.pipeline = pipeline;
		this.winRates = winRates;
		this.users = users;
		this.labels = labels;
	}

	@GetMapping("/admin/stage-probabilities")
	String probabilities(Model model) {
		requireAdmin(this.users.current());
		Map<String, Integer> probabilities = new HashMap<>();
		this.pipeline.probabilities().forEach((stage, value) -> probabilities.put(stage.name(), value));
		Map<String, StageWinRate> history = new HashMap<>();
		List<StageWinRate> rates = this.winRates.rates();
		rates.forEach((rate) -> history.put(rate.stage().name(), rate));
		model.addAttribute("probabilities", probabilities);
		model.addAttribute("history", history);
		model.addAttribute("anyHistory", rates.stream().anyMatch((rate) -> rate.percent() != null));
		model.addAttribute("openStages", Stage.open());
		return "opportunity/probabilities";
	}

	@PostMapping("/admin/stage-probabilities")
	String saveProbabilities(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		Map<Stage, Integer> changed = new EnumMap<>(Stage.class);
		try {
			for (Stage stage : Stage.open()) {
				String value = form.get(stage.name());
				changed.put(stage, StringUtils.hasText(value) ? Integer.valueOf(value.strip()) : null);
			}
			this.pipeline.updateProbabilities(this.users.current(), changed);
			Flash.success(redirect, "probabilities.saved");
		}
		catch (NumberFormatException ex) {
			redirect.addFlashAttribute("problem", this.labels.get("opportunity.validation.percent"));
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", reason(ex));
		}
		return "redirect:/admin/stage-probabilities";
	}

	/**
	 * Adopts history for one step ({@code stage}) or, without it, for every step that has
	 * history.
	 */
	@PostMapping("/admin/stage-probabilities/adopt")
	String adopt(@RequestParam(required = false) Stage stage, RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		requireAdmin(me);
		List<Stage> stages = (stage != null) ? List.of(stage)
				: this.winRates.rates()
					.stream()
					.filter((rate) -> rate.percent() != null)
					.map(StageWinRate::stage)
					.toList();
		try {
			this.winRates.adopt(me, stages);
			Flash.success(redirect, "probabilities.adopted");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", reason(ex));
		}
		return "redirect:/admin/stage-probabilities";
	}

	private String reason(RuleViolationException ex) {
		return this.labels.field(ex.field()) + ": " + this.labels.get(ex.messageKey(), ex.args());
	}

	private static void requireAdmin(CurrentUser user) {
		if (!user.isAdmin()) {
			throw new AccessDeniedException("administrators only");
		}
	}

}
