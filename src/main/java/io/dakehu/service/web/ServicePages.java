package io.dakehu.service.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.dakehu.contact.ContactView;
import io.dakehu.contact.Contacts;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.segmentation.Tier;
import io.dakehu.service.ComplaintCategory;
import io.dakehu.service.ComplaintChannel;
import io.dakehu.service.ComplaintEdit;
import io.dakehu.service.ComplaintFilter;
import io.dakehu.service.ComplaintInput;
import io.dakehu.service.ComplaintStateException;
import io.dakehu.service.ComplaintStatus;
import io.dakehu.service.ComplaintView;
import io.dakehu.service.Complaints;
import io.dakehu.service.ResolutionInput;
import io.dakehu.service.ReturnVisitInput;
import io.dakehu.service.ServiceLevelInput;
import io.dakehu.service.ServiceLevels;
import io.dakehu.service.ServiceOverview;
import io.dakehu.service.Severity;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import jakarta.validation.Validator;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The service pages: the service section of the account page, where complaints are
 * recorded; the complaint lists (all, overdue, repeated accounts); one complaint with the
 * steps its status allows, its correction and its withdrawal; and the service levels an
 * administrator sets.
 */
@Controller
class ServicePages {

	private static final int SECTION_COMPLAINTS = 10;

	private static final int LISTED = 200;

	private final Complaints complaints;

	private final ServiceLevels levels;

	private final Users users;

	private final Contacts contacts;

	private final Validator validator;

	ServicePages(Complaints complaints, ServiceLevels levels, Users users, Contacts contacts, Validator validator) {
		this.complaints = complaints;
		this.levels = levels;
		this.users = users;
		this.contacts = contacts;
		this.validator = validator;
	}

	@GetMapping("/accounts/{id}/service/section")
	String section(@PathVariable long id, Model model) {
		CurrentUser me = this.users.current();
		ServiceOverview overview = this.complaints.overview(me.scope(), id, SECTION_COMPLAINTS);
		model.addAttribute("overview", overview);
		model.addAttribute("accountId", id);
		model.addAttribute("contacts", this.contacts.forAccount(me.scope(), id));
		model.addAttribute("channels", ComplaintChannel.values());
		model.addAttribute("categories", ComplaintCategory.values());
		model.addAttribute("severities", Severity.values());
		return "service/section :: section";
	}

	/**
	 * Recording a complaint a contact made, from the contact's row on the account page.
	 */
	@GetMapping("/contacts/{contactId}/complaints/new")
	String recordFrom(@PathVariable long contactId, Model model) {
		CurrentUser me = this.users.current();
		ContactView contact = this.contacts.get(me.scope(), contactId);
		model.addAttribute("contact", contact);
		model.addAttribute("accountId", contact.accountId());
		model.addAttribute("accountName", this.complaints.accountName(me.scope(), contact.accountId()));
		model.addAttribute("contacts", this.contacts.forAccount(me.scope(), contact.accountId()));
		model.addAttribute("channels", ComplaintChannel.values());
		model.addAttribute("categories", ComplaintCategory.values());
		model.addAttribute("severities", Severity.values());
		return "service/record";
	}

	@PostMapping("/accounts/{id}/complaints")
	String record(@PathVariable long id, @RequestParam(required = false) Long contactId,
			@RequestParam(required = false) ComplaintChannel channel,
			@RequestParam(required = false) ComplaintCategory category,
			@RequestParam(required = false) Severity severity, @RequestParam(required = false) String description,
			RedirectAttributes redirect) {
		ComplaintInput input = new ComplaintInput(id, contactId, null, channel, category, severity, description);
		if (!this.validator.validate(input).isEmpty()) {
			Flash.error(redirect, "complaint.form.invalid");
			return "redirect:/accounts/" + id;
		}
		try {
			ComplaintView created = this.complaints.record(this.users.current(), input);
			Flash.success(redirect, "complaint.recorded");
			return "redirect:/complaints/" + created.id();
		}
		catch (RuleViolationException ex) {
			Flash.error(redirect, ex.messageKey());
			return "redirect:/accounts/" + id;
		}
	}

	@GetMapping("/complaints")
	String list(@RequestParam(defaultValue = "open") String view, Model model) {
		CurrentUser me = this.users.current();
		List<ComplaintView> shown = new ArrayList<>();
		switch (view) {
			case "overdue" ->
				shown.addAll(this.complaints.list(me.scope(), new ComplaintFilter(null, null, true, null), LISTED));
			case "repeated" -> model.addAttribute("repeated", this.complaints.repeated(me.scope()));
			case "all" -> shown.addAll(this.complaints.list(me.scope(), ComplaintFilter.all(), LISTED));
			default -> {
				view = "open";
				for (ComplaintStatus status : List.of(ComplaintStatus.OPEN, ComplaintStatus.IN_PROGRESS,
						ComplaintStatus.RESOLVED)) {
					shown.addAll(
							this.complaints.list(me.scope(), new ComplaintFilter(null, status, false, null), LISTED));
				}
			}
		}
		model.addAttribute("view", view);
		model.addAttribute("complaints", shown);
		return "service/complaints";
	}

	@GetMapping("/complaints/{id}")
	String show(@PathVariable long id, Model model) {
		CurrentUser me = this.users.current();
		ComplaintView complaint = this.complaints.get(me.scope(), id);
		model.addAttribute("complaint", complaint);
		boolean works = me.username().equals(complaint.owner()) || complaint.helpers().contains(me.username())
				|| me.managesOthers();
		model.addAttribute("canWork", works);
		model.addAttribute("canAssign", me.managesOthers() && complaint.status() != ComplaintStatus.CLOSED);
		model.addAttribute("canAskHelp", (me.username().equals(complaint.owner()) || me.managesOthers())
				&& complaint.status() != ComplaintStatus.CLOSED);
		// Sales colleagues only: the administrator keeps the system, not the customers.
		List<UserSummary> colleagues = this.users.active().stream().filter((u) -> u.role() != Role.ADMIN).toList();
		model.addAttribute("people", colleagues);
		model.addAttribute("helpers", colleagues.stream()
			.filter((u) -> !u.username().equals(complaint.owner()) && !complaint.helpers().contains(u.username()))
			.toList());
		model.addAttribute("canEdit", works && complaint.status() != ComplaintStatus.CLOSED);
		model.addAttribute("canWithdraw", (me.username().equals(complaint.recordedBy()) || me.managesOthers())
				&& complaint.open() && complaint.respondedAt() == null);
		if (works && complaint.status() != ComplaintStatus.CLOSED) {
			model.addAttribute("contacts", this.contacts.forAccount(me.scope(), complaint.accountId()));
			model.addAttribute("channels", ComplaintChannel.values());
			model.addAttribute("categories", ComplaintCategory.values());
			model.addAttribute("severities", Severity.values());
		}
		return "service/complaint";
	}

	@PostMapping("/complaints/{id}/edit")
	String edit(@PathVariable long id, @RequestParam(required = false) Long contactId,
			@RequestParam(required = false) ComplaintChannel channel,
			@RequestParam(required = false) ComplaintCategory category,
			@RequestParam(required = false) Severity severity, @RequestParam(required = false) String description,
			@RequestParam(required = false) Integer version, RedirectAttributes redirect) {
		ComplaintEdit input = new ComplaintEdit(contactId, channel, category, severity, description, version);
		if (!this.validator.validate(input).isEmpty()) {
			Flash.error(redirect, "complaint.form.invalid");
			return "redirect:/complaints/" + id;
		}
		return step(id, redirect, () -> this.complaints.edit(this.users.current(), id, input));
	}

	@PostMapping("/complaints/{id}/withdraw")
	String withdraw(@PathVariable long id, @RequestParam(required = false) Integer version,
			RedirectAttributes redirect) {
		long accountId = this.complaints.get(this.users.current().scope(), id).accountId();
		try {
			this.complaints.withdraw(this.users.current(), id, version);
			Flash.success(redirect, "complaint.withdrawn");
			return "redirect:/accounts/" + accountId;
		}
		catch (ComplaintStateException ex) {
			Flash.error(redirect, "complaint.state.changed");
		}
		catch (StaleEditException ex) {
			Flash.error(redirect, "error.stale");
		}
		return "redirect:/complaints/" + id;
	}

	@PostMapping("/complaints/{id}/start")
	String start(@PathVariable long id, @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
		return step(id, redirect, () -> this.complaints.start(this.users.current(), id, version));
	}

	@PostMapping("/complaints/{id}/resolve")
	String resolve(@PathVariable long id, @RequestParam(required = false) String resolution,
			@RequestParam(required = false) String rootCause, @RequestParam(required = false) LocalDate returnVisitDue,
			@RequestParam(required = false) Integer version, RedirectAttributes redirect) {
		ResolutionInput input = new ResolutionInput(resolution, rootCause, returnVisitDue, version);
		if (!this.validator.validate(input).isEmpty()) {
			Flash.error(redirect, "complaint.form.invalid");
			return "redirect:/complaints/" + id;
		}
		return step(id, redirect, () -> this.complaints.resolve(this.users.current(), id, input));
	}

	@PostMapping("/complaints/{id}/return-visit")
	String returnVisit(@PathVariable long id, @RequestParam(required = false) Integer satisfaction,
			@RequestParam(required = false) String notes, @RequestParam(required = false) Integer version,
			RedirectAttributes redirect) {
		ReturnVisitInput input = new ReturnVisitInput(satisfaction, notes, version);
		if (!this.validator.validate(input).isEmpty()) {
			Flash.error(redirect, "complaint.form.invalid");
			return "redirect:/complaints/" + id;
		}
		return step(id, redirect, () -> this.complaints.recordReturnVisit(this.users.current(), id, input));
	}

	@PostMapping("/complaints/{id}/assign")
	String assign(@PathVariable long id, @RequestParam(required = false) String owner,
			@RequestParam(required = false) Integer version, RedirectAttributes redirect) {
		return step(id, redirect, () -> this.complaints.assign(this.users.current(), id, owner, version));
	}

	@PostMapping("/complaints/{id}/helpers")
	String addHelper(@PathVariable long id, @RequestParam(required = false) String helper,
			@RequestParam(required = false) Integer version, RedirectAttributes redirect) {
		return step(id, redirect, () -> this.complaints.addHelper(this.users.current(), id, helper, version));
	}

	private String step(long id, RedirectAttributes redirect, Supplier<ComplaintView> action) {
		try {
			action.get();
			Flash.success(redirect, "flash.saved");
		}
		catch (RuleViolationException ex) {
			Flash.error(redirect, ex.messageKey());
		}
		catch (ComplaintStateException ex) {
			Flash.error(redirect, "complaint.state.changed");
		}
		catch (StaleEditException ex) {
			Flash.error(redirect, "error.stale");
		}
		return "redirect:/complaints/" + id;
	}

	@GetMapping("/admin/service-levels")
	String levels(Model model) {
		model.addAttribute("levels", this.levels.all());
		return "service/levels";
	}

	@PostMapping("/admin/service-levels")
	String saveLevels(@RequestParam Map<String, String> params, RedirectAttributes redirect) {
		List<ServiceLevelInput> changed = new ArrayList<>();
		for (Tier tier : Tier.values()) {
			changed.add(new ServiceLevelInput(tier, number(params.get(tier + ".responseHours")),
					number(params.get(tier + ".resolutionDays")), number(params.get(tier + ".executiveVisitsPerYear")),
					number(params.get(tier + ".version"))));
		}
		if (changed.stream().anyMatch((input) -> !this.validator.validate(input).isEmpty())) {
			Flash.error(redirect, "serviceLevel.invalid");
			return "redirect:/admin/service-levels";
		}
		try {
			this.levels.update(this.users.current(), changed);
			Flash.success(redirect, "flash.saved");
		}
		catch (StaleEditException ex) {
			Flash.error(redirect, "error.stale");
		}
		return "redirect:/admin/service-levels";
	}

	private static Integer number(String text) {
		try {
			return (text != null) ? Integer.valueOf(text.strip()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
