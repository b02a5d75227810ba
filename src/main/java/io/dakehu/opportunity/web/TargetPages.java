package io.dakehu.opportunity.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.dakehu.account.AccountQueries;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.Intention;
import io.dakehu.opportunity.TargetInput;
import io.dakehu.opportunity.Targets;
import io.dakehu.shared.NotFoundException;
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
 * Target companies: which accounts each salesperson means to win, grow or keep in a
 * period, added one at a time or in bulk, and removed.
 */
@Controller
class TargetPages {

	private final Targets targets;

	private final AccountQueries accounts;

	private final Users users;

	private final Labels labels;

	private final PipelineViews views;

	TargetPages(Targets targets, AccountQueries accounts, Users users, Labels labels, PipelineViews views) {
		this.targets = targets;
		this.accounts = accounts;
		this.users = users;
		this.labels = labels;
		this.views = views;
	}

	@GetMapping("/pipeline/targets")
	String targets(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Long salespersonId, Model model) {
		CurrentUser me = this.users.current();
		LocalDate start = (from != null) ? from : LocalDate.now().withDayOfYear(1);
		LocalDate end = (to != null) ? to : start.withDayOfYear(start.lengthOfYear());
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		model.addAttribute("salespersonId", salespersonId);
		model.addAttribute("owners", this.targets.salespeople(me.scope()));
		model.addAttribute("intentions", Intention.values());
		var rows = this.targets.list(me.scope(), salespersonId, start, end);
		model.addAttribute("rows", rows);
		// A salesperson may target an account outside the reader's scope (one they hope
		// to win); its name then shows without a link that would answer 404.
		model.addAttribute("openable", this.accounts.openable(me.scope(),
				rows.stream().map((row) -> row.accountId()).filter(Objects::nonNull).toList()));
		return "opportunity/targets";
	}

	@PostMapping("/pipeline/targets")
	String addTarget(@RequestParam String salesperson, @RequestParam(required = false) Long accountId,
			@RequestParam(required = false) Intention intention,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, RedirectAttributes redirect) {
		try {
			this.targets.set(this.users.current(), new TargetInput(salesperson, accountId, intention, from, to));
			Flash.success(redirect, "targets.added");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", this.views.reason(ex));
		}
		catch (NotFoundException ex) {
			redirect.addFlashAttribute("problem",
					this.labels.field("accountId") + ": " + this.labels.get("validation.unknownAccount", accountId));
		}
		return "redirect:/pipeline/targets?from=" + from + "&to=" + to;
	}

	/**
	 * Bulk entry: one "username, account id, intention" line per company; all or nothing.
	 */
	@PostMapping("/pipeline/targets/bulk")
	String bulkTargets(@RequestParam String lines,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, RedirectAttributes redirect) {
		List<TargetInput> inputs = new ArrayList<>();
		int number = 0;
		try {
			for (String line : lines.split("\\R")) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				String[] cells = line.split("[,;\\t]");
				if (cells.length < 3) {
					throw new RuleViolationException("targets", "opportunity.validation.required");
				}
				inputs.add(new TargetInput(cells[0].strip(), Long.valueOf(cells[1].strip()),
						Intention.valueOf(cells[2].strip().toUpperCase(Locale.ROOT)), from, to));
			}
			number = 0;
			int saved = this.targets.setAll(this.users.current(), inputs).size();
			redirect.addFlashAttribute("notice", this.labels.get("targets.bulkSaved", saved));
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", (number > 0)
					? this.labels.get("targets.bulkLine", number, this.views.reason(ex)) : this.views.reason(ex));
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("problem",
					this.labels.get("targets.bulkLine", number, this.labels.get("targets.bulkHelp")));
		}
		catch (NotFoundException ex) {
			redirect.addFlashAttribute("problem", this.labels.get("validation.unknownAccount", ""));
		}
		return "redirect:/pipeline/targets?from=" + from + "&to=" + to;
	}

	@PostMapping("/pipeline/targets/{id}/delete")
	String removeTarget(@PathVariable long id, @RequestParam String back, RedirectAttributes redirect) {
		this.targets.remove(this.users.current(), id);
		Flash.success(redirect, "targets.removed");
		return "redirect:" + PipelineViews.localPath(back, "/pipeline/targets");
	}

}
