package io.dakehu.scorecard.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.account.AccountDetails;
import io.dakehu.account.AccountQueries;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.scorecard.ChannelEvaluations;
import io.dakehu.scorecard.ChannelInterests;
import io.dakehu.scorecard.ChannelRequest;
import io.dakehu.scorecard.ChannelView;
import io.dakehu.scorecard.GradeBand;
import io.dakehu.scorecard.ScorecardKind;
import io.dakehu.scorecard.ScorecardVersion;
import io.dakehu.scorecard.Scorecards;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The channel evaluation pages (DOMAIN.md §6.1): evaluating a channel partner, the
 * evaluation with its band and the partner's interests, the part on the account page, and
 * the partners by band with the year's coverage.
 */
@Controller
class ChannelPages {

	/** The partner's interests in the order the form asks them. */
	private static final List<String> INTERESTS = List.of("margin", "market", "support", "management", "commitment",
			"financing");

	private final ChannelEvaluations evaluations;

	private final Scorecards scorecards;

	private final AccountQueries accounts;

	private final Users users;

	private final Labels labels;

	ChannelPages(ChannelEvaluations evaluations, Scorecards scorecards, AccountQueries accounts, Users users,
			Labels labels) {
		this.evaluations = evaluations;
		this.scorecards = scorecards;
		this.accounts = accounts;
		this.users = users;
		this.labels = labels;
	}

	@GetMapping("/accounts/{accountId}/channel-evaluations/new")
	String form(@PathVariable long accountId, Locale locale, Model model) {
		AccountDetails account = this.accounts.details(this.users.current().scope(), accountId);
		return form(model, account, Map.of(), Map.of(), locale);
	}

	@PostMapping("/accounts/{accountId}/channel-evaluations")
	String evaluate(@PathVariable long accountId, @RequestParam MultiValueMap<String, String> form, Locale locale,
			Model model, RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		AccountDetails account = this.accounts.details(me.scope(), accountId);
		Map<String, String> values = form.toSingleValueMap();
		Map<String, String> errors = new LinkedHashMap<>();
		Map<String, Object> inputs = CriteriaForm.inputs(this.scorecards.current(ScorecardKind.CHANNEL), values, errors,
				this.labels, locale);
		if (errors.isEmpty()) {
			try {
				ChannelView evaluated = this.evaluations.evaluate(me, accountId,
						new ChannelRequest(inputs,
								new ChannelInterests(values.get("interests.margin"), values.get("interests.market"),
										values.get("interests.support"), values.get("interests.management"),
										values.get("interests.commitment"), values.get("interests.financing"))));
				Flash.success(redirect, "channel.done");
				return "redirect:/channel-evaluations/" + evaluated.id();
			}
			catch (RuleViolationException ex) {
				errors.put(ex.field(), this.labels.get(ex.messageKey(), ex.args()));
			}
		}
		return form(model, account, values, errors, locale);
	}

	@GetMapping("/channel-evaluations/{id}")
	String show(@PathVariable long id, Locale locale, Model model) {
		ChannelView evaluation = this.evaluations.get(this.users.current().scope(), id);
		model.addAttribute("evaluation", evaluation);
		model.addAttribute("accountName",
				this.accounts.names(List.of(evaluation.accountId())).get(evaluation.accountId()));
		model.addAttribute("bandNames", bandNames(locale));
		return "scorecard/channel";
	}

	/** The channel part of a partner's account page: the latest band and the history. */
	@GetMapping("/accounts/{accountId}/channel/section")
	String section(@PathVariable long accountId, Locale locale, Model model) {
		model.addAttribute("accountId", accountId);
		model.addAttribute("history", this.evaluations.history(this.users.current().scope(), accountId));
		model.addAttribute("bandNames", bandNames(locale));
		return "scorecard/channel-section :: section";
	}

	/** The channel partners in scope by band; a band opens its partners. */
	@GetMapping("/channel-partners")
	String partners(@RequestParam(required = false) String band, Locale locale, Model model) {
		model.addAttribute("list", this.evaluations.partners(this.users.current().scope(), band));
		model.addAttribute("band", band);
		model.addAttribute("bandNames", bandNames(locale));
		return "scorecard/channel-partners";
	}

	/** The bands' names on the card in use, by code, with NONE for never evaluated. */
	private Map<String, String> bandNames(Locale locale) {
		Map<String, String> names = new LinkedHashMap<>();
		for (GradeBand band : this.scorecards.current(ScorecardKind.CHANNEL).grades()) {
			names.put(band.code(), band.name(locale));
		}
		names.put(ChannelEvaluations.NONE, this.labels.get("channel.band.NONE"));
		return names;
	}

	private String form(Model model, AccountDetails account, Map<String, String> values, Map<String, String> errors,
			Locale locale) {
		ScorecardVersion card = this.scorecards.current(ScorecardKind.CHANNEL);
		model.addAttribute("account", account);
		model.addAttribute("criteria", CriteriaForm.fields(card, values, errors, locale));
		model.addAttribute("interests", INTERESTS);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		return "scorecard/channel-form";
	}

}
