package io.dakehu.activity.web;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.activity.Activities;
import io.dakehu.activity.ActivityInput;
import io.dakehu.activity.ActivityType;
import io.dakehu.activity.ActivityView;
import io.dakehu.contact.Contacts;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.PickerOption;
import jakarta.validation.Valid;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The activity timeline on the account page and the activity form.
 */
@Controller
class ActivityPages {

	/** Activities per page of the account's timeline card. */
	static final int TIMELINE_PAGE = 50;

	private final Activities activities;

	private final AccountQueries accounts;

	private final Contacts contacts;

	private final Users users;

	private final Clock clock;

	ActivityPages(Activities activities, AccountQueries accounts, Contacts contacts, Users users, Clock clock) {
		this.activities = activities;
		this.accounts = accounts;
		this.contacts = contacts;
		this.users = users;
		this.clock = clock;
	}

	/**
	 * The timeline card: the newest activities; with {@code before} and {@code beforeId}
	 * (the last one shown), the next older ones only, to add under those shown.
	 */
	@GetMapping("/accounts/{accountId}/activities/section")
	String section(@PathVariable long accountId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime before,
			@RequestParam(required = false) Long beforeId, Model model) {
		Activities.Place last = (before != null && beforeId != null) ? new Activities.Place(before, beforeId) : null;
		List<ActivityView> page = this.activities.timeline(this.users.current().scope(), accountId, last,
				TIMELINE_PAGE + 1);
		List<ActivityView> shown = page.subList(0, Math.min(page.size(), TIMELINE_PAGE));
		model.addAttribute("accountId", accountId);
		model.addAttribute("activities", shown);
		ActivityView oldest = shown.isEmpty() ? null : shown.get(shown.size() - 1);
		model.addAttribute("olderUrl",
				(page.size() <= TIMELINE_PAGE) ? null
						: UriComponentsBuilder.fromPath("/accounts/{id}/activities/section")
							.queryParam("before", oldest.occurredAt())
							.queryParam("beforeId", oldest.id())
							.buildAndExpand(accountId)
							.toUriString());
		return (last == null) ? "activity/section :: section" : "activity/section :: items";
	}

	@GetMapping("/accounts/{accountId}/activities/new")
	String newActivity(@PathVariable long accountId, Model model) {
		AccountRef account = this.accounts.requireVisible(this.users.current().scope(), accountId);
		model.addAttribute("form",
				new ActivityInput(ActivityType.VISIT, LocalDateTime.now(this.clock).truncatedTo(ChronoUnit.MINUTES),
						null, null, null, null, null, null, null, null));
		return form(model, account, null);
	}

	@PostMapping("/accounts/{accountId}/activities")
	String create(@PathVariable long accountId, @Valid @ModelAttribute("form") ActivityInput form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		AccountRef account = this.accounts.requireVisible(me.scope(), accountId);
		if (!errors.hasErrors()) {
			try {
				this.activities.log(me, accountId, form);
				Flash.success(redirect, "flash.saved");
				return "redirect:/accounts/" + accountId + "#activities";
			}
			catch (RuleViolationException ex) {
				errors.rejectValue(ex.field(), ex.messageKey(), ex.args(), null);
			}
		}
		return form(model, account, null);
	}

	@GetMapping("/activities/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		CurrentUser me = this.users.current();
		ActivityView activity = this.activities.get(me.scope(), id);
		model.addAttribute("form",
				new ActivityInput(activity.type(), activity.occurredAt(), activity.durationMinutes(), activity.cost(),
						activity.summary(), activity.nextStep(), activity.nextContactDate(),
						activity.contacts().stream().map(ActivityView.Participant::id).toList(),
						this.users.byIds(activity.participants().stream().map(ActivityView.Participant::id).toList())
							.values()
							.stream()
							.map((user) -> user.username())
							.sorted()
							.toList(),
						activity.version()));
		return form(model, this.accounts.requireVisible(me.scope(), activity.accountId()), activity);
	}

	@PostMapping("/activities/{id}")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") ActivityInput form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		ActivityView activity = this.activities.get(me.scope(), id);
		if (!errors.hasErrors()) {
			try {
				this.activities.update(me, id, form.version(), form);
				Flash.success(redirect, "flash.saved");
				return "redirect:/accounts/" + activity.accountId() + "#activities";
			}
			catch (RuleViolationException ex) {
				errors.rejectValue(ex.field(), ex.messageKey(), ex.args(), null);
			}
			catch (StaleEditException ex) {
				model.addAttribute("stale", activity);
			}
		}
		return form(model, this.accounts.requireVisible(me.scope(), activity.accountId()), activity);
	}

	@PostMapping("/activities/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		ActivityView activity = this.activities.get(me.scope(), id);
		this.activities.remove(me, id);
		Flash.success(redirect, "flash.deleted");
		return "redirect:/accounts/" + activity.accountId() + "#activities";
	}

	/**
	 * The form with the names its two pickers show for the contact ids and usernames it
	 * holds.
	 */
	private String form(Model model, AccountRef account, ActivityView activity) {
		model.addAttribute("account", account);
		model.addAttribute("activity", activity);
		model.addAttribute("types", ActivityType.values());
		ActivityInput form = (ActivityInput) model.getAttribute("form");
		List<Long> contactIds = (form.contactIds() != null) ? form.contactIds() : List.of();
		model.addAttribute("contactsChosen",
				this.contacts.forAccount(this.users.current().scope(), account.id())
					.stream()
					.filter((contact) -> contactIds.contains(contact.id()))
					.map((contact) -> new PickerOption(String.valueOf(contact.id()), contact.name(), null))
					.toList());
		List<String> participants = (form.participants() != null) ? form.participants() : List.of();
		model.addAttribute("participantsChosen", participants.stream()
			.filter((username) -> username != null && !username.isBlank())
			.map((username) -> new PickerOption(username,
					this.users.findByUsername(username.strip()).map((user) -> user.displayName()).orElse(username),
					null))
			.toList());
		return "activity/form";
	}

}
