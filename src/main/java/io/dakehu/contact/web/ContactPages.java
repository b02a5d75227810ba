package io.dakehu.contact.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.dakehu.account.AccountAccess;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.contact.ContactInput;
import io.dakehu.contact.ContactView;
import io.dakehu.contact.Contacts;
import io.dakehu.customfield.CustomFieldProblem;
import io.dakehu.customfield.CustomFields;
import io.dakehu.customfield.RecordType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.shared.web.PickerOption;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The contacts part of the account page (list and org chart, loaded by htmx) and the
 * contact form.
 */
@Controller
class ContactPages {

	private static final String CUSTOM = "customFields.";

	private final Contacts contacts;

	private final AccountQueries accounts;

	private final Users users;

	private final CustomFields definitions;

	private final Labels labels;

	ContactPages(Contacts contacts, AccountQueries accounts, Users users, CustomFields definitions, Labels labels) {
		this.contacts = contacts;
		this.accounts = accounts;
		this.users = users;
		this.definitions = definitions;
		this.labels = labels;
	}

	/**
	 * The custom fields' inputs are read by {@link CustomFields#fromForm}, not bound: the
	 * form object holds them as one map the binder cannot grow.
	 */
	@InitBinder("form")
	void customFieldsUnbound(WebDataBinder binder) {
		binder.setDisallowedFields(CUSTOM + "*");
	}

	@GetMapping("/accounts/{accountId}/contacts/section")
	String section(@PathVariable long accountId, Model model) {
		CurrentUser me = this.users.current();
		model.addAttribute("accountId", accountId);
		model.addAttribute("readOnly", this.accounts.access(me.scope(), accountId) == AccountAccess.READ_ONLY);
		model.addAttribute("contacts", this.contacts.forAccount(me.scope(), accountId));
		model.addAttribute("chart", this.contacts.orgChart(me.scope(), accountId));
		model.addAttribute("customFieldDefs", this.definitions.shown(RecordType.CONTACT));
		return "contact/section :: section";
	}

	/**
	 * The contact picker: people at one account, or at any account the reader may see,
	 * with their title and (across accounts) their account's name to tell namesakes
	 * apart.
	 */
	@GetMapping("/contacts/picker")
	String picker(@RequestParam(required = false) String q, @RequestParam(required = false) Long accountId,
			Model model) {
		List<ContactView> found = this.contacts.search(this.users.current().scope(), accountId, q, PickerOption.LIMIT);
		Map<Long, String> accountNames = (accountId != null) ? Map.of()
				: this.accounts.names(found.stream().map(ContactView::accountId).collect(Collectors.toSet()));
		model.addAttribute("options", found.stream().map((c) -> {
			String detail = Stream.of(c.title(), accountNames.get(c.accountId()))
				.filter((part) -> part != null && !part.isBlank())
				.collect(Collectors.joining(" · "));
			return new PickerOption(String.valueOf(c.id()), c.name(), detail.isEmpty() ? null : detail);
		}).toList());
		return "picker :: options";
	}

	@GetMapping("/accounts/{accountId}/contacts/new")
	String newContact(@PathVariable long accountId, Model model) {
		ContactInput form = new ContactInput(null, null, null, null, null, null, null, null, null, null);
		model.addAttribute("form", form);
		return form(model, this.accounts.requireVisible(this.users.current().scope(), accountId), null, form);
	}

	@PostMapping("/accounts/{accountId}/contacts")
	String create(@PathVariable long accountId, @Valid @ModelAttribute("form") ContactInput typed, BindingResult errors,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		// The bound object stays the model's "form": replacing it would drop its binding
		// errors from the page. The custom fields' values reach the page on their own.
		ContactInput form = typed
			.withCustomFields(this.definitions.fromForm(RecordType.CONTACT, request.getParameterMap()));
		CurrentUser me = this.users.current();
		AccountRef account = this.accounts.requireVisible(me.scope(), accountId);
		if (!errors.hasErrors()) {
			try {
				this.contacts.add(me, accountId, form);
				Flash.success(redirect, "flash.saved");
				return "redirect:/accounts/" + accountId + "#contacts";
			}
			catch (RuleViolationException ex) {
				refused(ex, errors, model);
			}
		}
		return form(model, account, null, form);
	}

	@GetMapping("/contacts/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		CurrentUser me = this.users.current();
		ContactView contact = this.contacts.get(me.scope(), id);
		ContactInput form = new ContactInput(contact.name(), contact.title(), contact.department(),
				contact.reportsToId(), contact.phone(), contact.email(), contact.birthday(), contact.notes(),
				contact.version(), contact.customFields());
		model.addAttribute("form", form);
		return form(model, this.accounts.requireVisible(me.scope(), contact.accountId()), contact, form);
	}

	@PostMapping("/contacts/{id}")
	String update(@PathVariable long id, @Valid @ModelAttribute("form") ContactInput typed, BindingResult errors,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		ContactInput form = typed
			.withCustomFields(this.definitions.fromForm(RecordType.CONTACT, request.getParameterMap()));
		CurrentUser me = this.users.current();
		ContactView contact = this.contacts.get(me.scope(), id);
		if (!errors.hasErrors()) {
			try {
				this.contacts.update(me, id, form.version(), form);
				Flash.success(redirect, "flash.saved");
				return "redirect:/accounts/" + contact.accountId() + "#contacts";
			}
			catch (RuleViolationException ex) {
				refused(ex, errors, model);
			}
			catch (StaleEditException ex) {
				model.addAttribute("stale", contact);
			}
		}
		return form(model, this.accounts.requireVisible(me.scope(), contact.accountId()), contact, form);
	}

	@PostMapping("/contacts/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		ContactView contact = this.contacts.get(me.scope(), id);
		this.contacts.remove(me, id);
		Flash.success(redirect, "flash.deleted");
		return "redirect:/accounts/" + contact.accountId() + "#contacts";
	}

	private String form(Model model, AccountRef account, ContactView contact, ContactInput form) {
		model.addAttribute("account", account);
		model.addAttribute("customFieldDefs", this.definitions.active(RecordType.CONTACT));
		model.addAttribute("customValues", (form.customFields() != null) ? form.customFields() : Map.of());
		model.addAttribute("contact", contact);
		model.addAttribute("colleagues",
				this.contacts.forAccount(this.users.current().scope(), account.id())
					.stream()
					.filter((other) -> contact == null || other.id() != contact.id())
					.toList());
		return "contact/form";
	}

	/**
	 * A refused value shown under its input: a custom field's under its own, which the
	 * form object has no property for.
	 */
	private void refused(RuleViolationException ex, BindingResult errors, Model model) {
		CustomFieldProblem custom = CustomFieldProblem.of(ex, this.labels);
		if (custom != null) {
			model.addAttribute("customProblem", custom);
		}
		else {
			errors.rejectValue(ex.field(), ex.messageKey(), ex.args(), null);
		}
	}

}
