package io.dakehu.service.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dakehu.contact.Contacts;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.service.Satisfaction;
import io.dakehu.service.SurveyDimension;
import io.dakehu.service.SurveyInput;
import io.dakehu.service.SurveySource;
import io.dakehu.service.Surveys;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Labels;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The satisfaction part of the account's data card: the latest score, the trend, each
 * dimension's latest score and the open complaints, with the form that records a survey.
 * The form answers the card again, with the new survey in it or with each field's error.
 */
@Controller
class SatisfactionPages {

	/** Surveys the card lists under its summary. */
	private static final int LISTED = 5;

	private final Surveys surveys;

	private final Users users;

	private final Contacts contacts;

	private final Labels labels;

	SatisfactionPages(Surveys surveys, Users users, Contacts contacts, Labels labels) {
		this.surveys = surveys;
		this.users = users;
		this.contacts = contacts;
		this.labels = labels;
	}

	@GetMapping("/accounts/{id}/satisfaction/section")
	String section(@PathVariable long id, Model model) {
		return card(id, emptyForm(), Map.of(), model);
	}

	@PostMapping("/accounts/{id}/satisfaction")
	String record(@PathVariable long id, @Valid @ModelAttribute("form") SurveyInput form, BindingResult binding,
			Model model) {
		Map<String, String> errors = new LinkedHashMap<>();
		binding.getFieldErrors()
			.forEach((error) -> errors.putIfAbsent(error.getField(),
					this.labels.field(error.getField()) + ": " + this.labels.get(error)));
		if (errors.isEmpty()) {
			try {
				this.surveys.record(this.users.current(), id, form, SurveySource.ENTERED);
				model.addAttribute("saved", true);
				return card(id, emptyForm(), errors, model);
			}
			catch (RuleViolationException ex) {
				errors.put(ex.field(),
						this.labels.field(ex.field()) + ": " + this.labels.get(ex.messageKey(), ex.args()));
			}
		}
		return card(id, form, errors, model);
	}

	private String card(long accountId, SurveyInput form, Map<String, String> errors, Model model) {
		CurrentUser me = this.users.current();
		Satisfaction satisfaction = this.surveys.of(me.scope(), accountId, LISTED);
		model.addAttribute("accountId", accountId);
		model.addAttribute("satisfaction", satisfaction);
		model.addAttribute("summary", satisfaction.summary());
		model.addAttribute("sparkline", Sparkline.of(satisfaction.summary().trend()));
		model.addAttribute("dimensions", SurveyDimension.values());
		model.addAttribute("contacts", this.contacts.forAccount(me.scope(), accountId));
		model.addAttribute("form", form);
		model.addAttribute("formScores", formScores(form));
		model.addAttribute("errors", errors);
		return "service/satisfaction :: card";
	}

	/** The form's score of each dimension by its field, for the selects. */
	private static Map<String, Integer> formScores(SurveyInput form) {
		Map<String, Integer> scores = new LinkedHashMap<>();
		form.scores().forEach((dimension, score) -> scores.put(dimension.field(), score));
		return scores;
	}

	private static SurveyInput emptyForm() {
		return new SurveyInput(null, null, null, null, null, null, null, null, null);
	}

}
